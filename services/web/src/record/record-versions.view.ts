import type { RawCapture, RecordVersion } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { markWordChanges } from './word-diff';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Who made a version on the platform: the name, and the handle when it says something more. */
function editorOf(version: RecordVersion): string {
  const author = version.author;
  if (!author || author.name === '') return 'unknown';
  return author.handle && author.handle !== author.name ? `${author.name} (@${author.handle})` : author.name;
}

function versionMeta(version: RecordVersion, timeZone: string): SafeHtml {
  return html`<p class="meta">By ${editorOf(version)}; captured ${localTime(version.capturedAt, timeZone)}${version.editedAt ? html`; edited on the platform ${localTime(version.editedAt, timeZone)}` : ''}</p>`;
}

/** Two successive versions side by side (stacked on narrow screens), the words that changed marked in each. */
function comparison(earlier: RecordVersion, later: RecordVersion, timeZone: string): SafeHtml {
  const change = markWordChanges(earlier.text, later.text);
  const summary =
    change.removedWords + change.addedWords === 0
      ? 'The text did not change; the attachments did.'
      : `${plural(change.removedWords, 'word')} removed, ${plural(change.addedWords, 'word')} added.`;
  return html`<section class="comparison" aria-labelledby="change-${later.version}">
  <h3 id="change-${later.version}">Version ${earlier.version} → version ${later.version}</h3>
  <p>${summary}</p>
  <div class="side-by-side">
    <div class="side"><h4>Version ${earlier.version}</h4>${versionMeta(earlier, timeZone)}<p class="text">${change.before}</p></div>
    <div class="side"><h4>Version ${later.version}</h4>${versionMeta(later, timeZone)}<p class="text">${change.after}</p></div>
  </div>
</section>`;
}

function captureFacts(version: RecordVersion, capture: RawCapture | undefined, timeZone: string): SafeHtml {
  const size = capture ? `, ${capture.byteLength.toLocaleString('en-US')} bytes, ${capture.contentType}` : '';
  return html`<li>
  <h3>Version ${version.version}</h3>
  <dl class="facts">
    <dt>Editor</dt><dd>${editorOf(version)}</dd>
    ${version.editedAt ? html`<dt>Made on the platform</dt><dd>${localTime(version.editedAt, timeZone)}</dd>` : ''}
    <dt>Captured</dt><dd>${localTime(version.capturedAt, timeZone)}</dd>
    <dt>Archive key</dt><dd><code>${version.rawCaptureKey}</code></dd>
    <dt>SHA-256</dt><dd class="hash"><code>${version.rawCaptureSha256}</code></dd>
    <dt>Raw capture</dt><dd><a href="/api/v1/captures/${version.rawCaptureSha256}" download>Download version ${version.version}'s capture as received</a>${size}</dd>
  </dl>
</li>`;
}

/**
 * Every version: successive ones compared side by side, then each version's archived original (the platform's
 * response as received) with its archive key, SHA-256 and a download link.
 */
export function versionsSection(
  versions: RecordVersion[],
  captures: Map<string, RawCapture>,
  timeZone: string,
): SafeHtml {
  const comparisons = versions.slice(1).map((later, index) => comparison(versions[index], later, timeZone));
  return html`<section aria-labelledby="versions-heading"><h2 id="versions-heading">Versions (${versions.length})</h2>
${
  versions.length === 1
    ? html`<p>One version was captured: the text has not changed since the first capture.</p>`
    : comparisons
}
</section>
<section aria-labelledby="captures-heading"><h2 id="captures-heading">Archived originals</h2>
<p class="hint">Each version's platform response, stored byte for byte. Its SHA-256 proves the download is unchanged.</p>
<ol class="captures">${versions.map((version) => captureFacts(version, captures.get(version.rawCaptureSha256), timeZone))}</ol>
</section>`;
}
