import type { ExportImport } from '@verbatim/core';
import { html, type SafeHtml } from '../../html';
import { localTime } from '../../format-time';

export interface ImportsSection {
  accountId: string;
  imports: ExportImport[];
  csrfToken: string;
  timeZone: string;
  /** That an upload was just queued, or why it was refused. */
  message?: { error: boolean; text: string };
}

function reportText(entry: ExportImport): SafeHtml | string {
  const report = entry.report;
  if (!report) return entry.status === 'queued' ? 'Waiting for a worker.' : 'Starting.';
  const counts = `${report.itemsFound} items found: ${report.created} new, ${report.newVersions} new versions, ${report.unchanged} already archived; ${report.mediaArchived} of ${report.mediaFound} media files archived; ${report.quarantined} set aside unreadable${report.tombstoned ? `; ${report.tombstoned} marked deleted, as the export lists them` : ''}.`;
  return html`${counts}${
    report.skipped.length
      ? html`<ul>${report.skipped.map((skip) => html`<li>Skipped ${skip.count}: ${skip.reason} (e.g. <code>${skip.examples.join(', ')}</code>)</li>`)}</ul>`
      : ''
  }`;
}

/** The account's imports of platform exports with what each found, and the form that uploads one. */
export function importsSection(options: ImportsSection): SafeHtml {
  const { accountId } = options;
  return html`<section aria-labelledby="imports-heading" class="stack">
  <h2 id="imports-heading">Imports of platform exports</h2>
  <p class="hint">An X archive, a Mastodon archive (or its outbox.json), a Facebook or Instagram download in JSON, or a Slack or Discord (DiscordChatExporter JSON) export. The file is archived as it is, under its SHA-256; its posts become records, and importing it again changes nothing.</p>
  ${options.message ? html`<p class="${options.message.error ? 'error' : ''}" role="${options.message.error ? 'alert' : 'status'}">${options.message.text}</p>` : ''}
  <form method="post" action="/accounts/${accountId}/imports" enctype="multipart/form-data" class="stack it-form">
    <input type="hidden" name="csrf" value="${options.csrfToken}">
    <div><label for="export-file">Export file</label></div>
    <div><input id="export-file" type="file" name="export" required></div>
    <div><button type="submit">Import</button></div>
  </form>
  ${
    options.imports.length === 0
      ? html`<p>No exports imported yet.</p>`
      : html`<div class="table-wrap" role="region" aria-label="Imports (scrolls sideways on narrow screens)" tabindex="0"><table>
    <caption>Imports, newest first</caption>
    <thead><tr><th scope="col">File</th><th scope="col">Uploaded</th><th scope="col">Status</th><th scope="col">What it found</th></tr></thead>
    <tbody>${options.imports.map(
      (entry) => html`<tr>
      <td>${entry.fileName}${entry.report?.format ? html` <span class="meta">(${entry.report.format})</span>` : ''}</td>
      <td>${localTime(entry.createdAt, options.timeZone)}</td>
      <td>${entry.status}${entry.error ? html`: ${entry.error}` : ''}</td>
      <td>${reportText(entry)}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }
</section>`;
}
