import type { RecordIntegrity } from '@verbatim/app';
import { html, type SafeHtml } from '../html';

/**
 * Said at the top of a record whose archived original or media no longer hashes to what was archived (or is
 * gone): what is wrong with which object, and that IT should run `verbatim verify`. Nothing when intact.
 */
export function integritySection(integrity: RecordIntegrity): SafeHtml | string {
  if (integrity.ok) return '';
  return html`<section class="trouble" role="alert" aria-labelledby="integrity-heading">
  <h2 id="integrity-heading">Archive integrity problem</h2>
  <p>The archive's copy of this record no longer matches what was captured. Do not rely on it as evidence until IT has run <code>verbatim verify</code> and restored the objects named here.</p>
  <ul>${integrity.problems.map((problem) => html`<li>${problem.message}</li>`)}</ul>
</section>`;
}
