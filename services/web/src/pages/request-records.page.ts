import type { ArchiveRecord } from '@verbatim/core';
import type { Bundle, FoiaItem, SavedSearch } from '@verbatim/foia';
import { batesNumber } from '@verbatim/bundles';
import type { VerifyReport } from '@verbatim/bundles/production';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';

export type GatheredItem = FoiaItem & { record: ArchiveRecord | null };

const SOURCE_LABEL: Record<FoiaItem['source'], string> = {
  search: 'saved search',
  pick: 'picked',
  'thread-context': 'thread context',
};

function decisionText(item: FoiaItem): string {
  if (item.disposition === 'withhold') return `withheld under ${item.exemptionCode}`;
  if (item.disposition === 'redact')
    return `redacted under ${item.exemptionCode} (${item.redactions.length} ${item.redactions.length === 1 ? 'passage' : 'passages'})`;
  return 'produce in full';
}

/** "q: road · status: deleted": a saved search's frozen query in words. */
export function describeSavedQuery(query: unknown): string {
  const { q, sort, filters } = (query ?? {}) as { q?: string | null; sort?: string; filters?: Record<string, unknown> };
  const parts = [q ? `“${q}”` : 'everything'];
  for (const [name, value] of Object.entries(filters ?? {})) {
    if (value === undefined || value === null) continue;
    parts.push(`${name}: ${describeFilterValue(value)}`);
  }
  if (sort && sort !== 'relevance') parts.push(`sorted ${sort}`);
  return parts.join(' · ');
}

function savedSearchList(searches: SavedSearch[], timeZone: string): SafeHtml | string {
  if (searches.length === 0) return '';
  return html`<h3>Saved searches</h3><ul>${searches.map((search) => html`<li>${describeSavedQuery(search.query)}: ${search.matched} matched, attached ${localTime(search.createdAt, timeZone)}</li>`)}</ul>`;
}

function itemTable(requestId: string, items: GatheredItem[]): SafeHtml {
  return html`<div class="table-wrap"><table class="items">
  <caption>Each record's decision; open one to withhold or redact it</caption>
  <thead><tr><th scope="col">Record</th><th scope="col">Came from</th><th scope="col">Decision</th><th scope="col"><span class="visually-hidden">Review</span></th></tr></thead>
  <tbody>${items.map(
    (item) => html`<tr>
    <th scope="row">${item.record ? html`<a href="/records/${item.recordId}">${item.record.kind} by ${item.record.author.name}</a> <span class="badge badge-${item.record.status}">${item.record.status}</span><br><span class="meta">${item.record.text.slice(0, 140)}</span>` : item.recordId}</th>
    <td>${SOURCE_LABEL[item.source]}</td>
    <td>${decisionText(item)}</td>
    <td><a href="/requests/${requestId}/items/${item.recordId}">Review<span class="visually-hidden"> ${item.record ? `${item.record.kind} by ${item.record.author.name}` : item.recordId}</span></a></td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

/** The records gathered for a request, how they came, what is decided for each, and a way to add more by id. */
export function gatheredRecordsSection(options: {
  requestId: string;
  items: GatheredItem[];
  savedSearches: SavedSearch[];
  csrfToken: string;
  timeZone: string;
}): SafeHtml {
  const { items } = options;
  const count = (disposition: FoiaItem['disposition']) =>
    items.filter((item) => item.disposition === disposition).length;
  return html`<section aria-labelledby="records-heading"><h2 id="records-heading">Gathered records (${items.length})</h2>
${
  items.length === 0
    ? html`<p>No records gathered yet. Search the archive and use “Add to a request”, or add record ids below.</p>`
    : html`<p>${count('produce')} produced in full, ${count('redact')} redacted, ${count('withhold')} withheld.</p>${savedSearchList(options.savedSearches, options.timeZone)}${itemTable(options.requestId, items)}`
}
<form method="post" action="/requests/${options.requestId}/items" class="stack">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <input type="hidden" name="source" value="ids">
  <div class="field"><label for="recordIds">Add records by id (one per line)</label>
    <textarea id="recordIds" name="recordIds" rows="2" aria-describedby="recordIds-hint"></textarea>
    <span id="recordIds-hint" class="hint">Record ids start with rec_; the record page shows them in its address. The posts a reply answers come along.</span></div>
  <button type="submit">Add records</button>
</form></section>`;
}

function verificationText(report: VerifyReport): SafeHtml {
  const failures = [
    ...(report.pdf.ok ? [] : ['the stored PDF differs from its recorded SHA-256']),
    ...(report.zip.ok ? [] : ['the stored ZIP differs from its recorded SHA-256']),
    ...signatureFailures(report.signature),
    ...report.originals.mismatches.map(
      (mismatch) => `the archived original of ${mismatch.recordId} ${mismatch.actual ? 'has changed' : 'is missing'}`,
    ),
    ...(report.rebuild && !report.rebuild.ok ? ['re-rendering gives a different PDF'] : []),
  ];
  return report.ok
    ? html`<p class="ok" role="status">Verified: the PDF and ZIP match their recorded SHA-256, the manifest carries the town's signature, and all ${report.originals.checked} archived originals are intact${report.rebuild ? '; re-rendered byte for byte' : ''}.</p>`
    : html`<div class="error" role="alert"><p>Verification failed:</p><ul>${failures.map((failure) => html`<li>${failure}</li>`)}</ul><p>Do not release this bundle; tell IT.</p></div>`;
}

/** What is wrong with a bundle's signature, in words (nothing when it holds). */
function signatureFailures(signature: VerifyReport['signature']): string[] {
  if (signature.ok) return [];
  if (signature.problem) return [`the signature could not be checked: ${signature.problem}`];
  return [
    ...(signature.signatureValid ? [] : ['the manifest does not match its signature']),
    ...(signature.signedByTownKey
      ? []
      : [`the ZIP was signed by another key than the town's (${signature.keyFingerprint})`]),
    ...signature.alteredFiles.map((file) => `${file} in the ZIP differs from the signed manifest`),
  ];
}

function bundleProgress(bundle: Bundle): SafeHtml {
  const progress = bundle.progress;
  const done = progress?.itemsDone ?? 0;
  const total = progress?.itemsTotal ?? 0;
  const words =
    bundle.status === 'queued'
      ? 'Waiting for a worker'
      : `${progress?.phase ?? 'starting'}: ${done} of ${total} records, ${progress?.pages ?? 0} pages`;
  return html`<div class="bundle-progress" data-bundle="${bundle.id}">
  <label for="progress-${bundle.id}">Progress</label>
  <progress id="progress-${bundle.id}" max="${Math.max(total, 1)}" value="${done}">${done} of ${total}</progress>
  <p class="meta" role="status" aria-live="polite">${words}</p>
  <p><a href="">Refresh</a> to see it finish (it updates by itself when scripts run).</p>
</div>`;
}

/** Why a build failed. Redacted words in clear are listed place by place, each with its way out. */
function failure(requestId: string, bundle: Bundle, csrfToken: string): SafeHtml {
  if (!bundle.unredacted?.length)
    return html`<p class="error">It failed: ${bundle.error ?? 'no reason recorded'}. Build it again; if it fails again, tell IT.</p>`;
  return html`<div class="error" role="alert"><p>Not built: redacted words would appear in clear in ${bundle.unredacted.length} ${bundle.unredacted.length === 1 ? 'place' : 'places'}. For each, redact that place too (open the record's review), withhold the record, or let the words stand there if releasing them is intended; then build again.</p>
<ul>${bundle.unredacted.map(
    (
      occurrence,
    ) => html`<li>“${occurrence.text}”, redacted in <a href="/requests/${requestId}/items/${occurrence.recordId}">${occurrence.recordId}</a>, appears in ${occurrence.where} (${occurrence.files.join(', ')}${occurrence.count > 1 ? `, ${occurrence.count} times` : ''})
  <form method="post" action="/requests/${requestId}/items/${occurrence.recordId}/let-stand" class="inline">
    <input type="hidden" name="csrf" value="${csrfToken}"><input type="hidden" name="text" value="${occurrence.text}"><input type="hidden" name="section" value="${occurrence.section}">
    <button type="submit" class="secondary">Let it stand there</button>
  </form></li>`,
  )}</ul></div>`;
}

function bundleEntry(
  requestId: string,
  bundle: Bundle,
  timeZone: string,
  csrfToken: string,
  report?: VerifyReport,
): SafeHtml {
  const bates =
    bundle.batesFirst === null
      ? ''
      : html`<dt>Bates</dt><dd>${batesNumber(bundle.batesPrefix, bundle.batesFirst)} – ${batesNumber(bundle.batesPrefix, bundle.batesLast!)}</dd>`;
  return html`<li class="bundle">
  <h3>Bundle of ${localTime(bundle.createdAt, timeZone)}: ${bundle.status}</h3>
  ${bundle.status === 'queued' || bundle.status === 'building' ? bundleProgress(bundle) : ''}
  ${bundle.status === 'failed' ? failure(requestId, bundle, csrfToken) : ''}
  ${
    bundle.status === 'completed'
      ? html`<dl class="facts"><dt>Pages</dt><dd>${bundle.pages}</dd>${bates}<dt>PDF SHA-256</dt><dd><code>${bundle.sha256}</code></dd></dl>
  <p class="row"><a class="button" href="/api/v1/bundles/${bundle.id}/pdf" download>Download PDF</a> <a class="button" href="/api/v1/bundles/${bundle.id}/zip" download>Download ZIP</a></p>
  <p>The ZIP is signed with the town's key: <a href="/signing-key">how anyone can check it</a>.</p>
  <form method="post" action="/requests/${requestId}/bundles/${bundle.id}/verify" class="row">
    <input type="hidden" name="csrf" value="${csrfToken}">
    <label class="check"><input type="checkbox" name="rebuild" value="true"> Also re-render it byte for byte (slower)</label>
    <button type="submit">Verify bundle</button>
  </form>
  ${report ? verificationText(report) : ''}`
      : ''
  }
</li>`;
}

/** The response bundles: build one (officers), watch it render, download and verify it. */
export function bundlesSection(options: {
  requestId: string;
  bundles: Bundle[];
  canBuild: boolean;
  hasItems: boolean;
  csrfToken: string;
  timeZone: string;
  verified?: { bundleId: string; report: VerifyReport };
}): SafeHtml {
  const { bundles } = options;
  const building = bundles.some((bundle) => bundle.status === 'queued' || bundle.status === 'building');
  return html`<section aria-labelledby="bundles-heading"><h2 id="bundles-heading">Response bundles</h2>
${
  options.canBuild
    ? options.hasItems
      ? html`<form method="post" action="/requests/${options.requestId}/bundles"><input type="hidden" name="csrf" value="${options.csrfToken}"><button type="submit">Build response bundle</button></form>`
      : html`<p>Gather records first; then build the bundle here.</p>`
    : ''
}
${bundles.length === 0 ? html`<p>No bundle built yet.</p>` : html`<ol class="bundles">${[...bundles].reverse().map((bundle) => bundleEntry(options.requestId, bundle, options.timeZone, options.csrfToken, options.verified?.bundleId === bundle.id ? options.verified.report : undefined))}</ol>`}
${building ? html`<script src="/assets/bundle-progress.js" defer></script>` : ''}
</section>`;
}

/** A saved filter's value as words: lists joined, anything that is not a plain value as its JSON. */
function describeFilterValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(describeFilterValue).join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
