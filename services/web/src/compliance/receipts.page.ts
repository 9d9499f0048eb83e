import { POLICY_FILE_MAX_BYTES } from '@verbatim/app';
import type { PolicyDocument, PolicyReceipt, PolicyVersion } from '@verbatim/foia';
import { html, type SafeHtml } from '../html';
import { localTime } from '../format-time';
import { errorSummary, field, invalidAttributes, type FieldErrors } from '../it/form-field';

export interface ReceiptsPage {
  policies: PolicyDocument[];
  mine: PolicyReceipt[];
  /** Every receipt on record, for IT; undefined for others. */
  all?: PolicyReceipt[];
  isIt: boolean;
  notice: string;
  errors: FieldErrors;
  /** The upload form's fields as sent, when the errors are of the policy upload (else they are a receipt's). */
  refusedUpload?: Record<string, string>;
  csrfToken: string;
  timeZone: string;
  nameOf: (id: string) => string;
}

const latest = (document: PolicyDocument) => document.versions[document.versions.length - 1];

function describeSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const FILE_KINDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'text/plain': 'text',
  'text/markdown': 'Markdown',
};

/** The file a version was uploaded as, to download: its kind and size in the link, its SHA-256 beside it. */
function fileLink(document: PolicyDocument, version: PolicyVersion): SafeHtml {
  const file = version.file!;
  return html`<p><a href="/api/v1/policies/${document.id}/versions/${version.version}/file">Download ${document.title}, version ${version.version} (${FILE_KINDS[file.contentType] ?? file.contentType}, ${describeSize(file.byteLength)})</a> <span class="meta">SHA-256 <code>${file.sha256}</code></span></p>`;
}

function policySection(document: PolicyDocument, options: ReceiptsPage): SafeHtml {
  const current = latest(document);
  const mine = options.mine.find((receipt) => receipt.versionId === current.id);
  const headingId = `policy-${document.id}`;
  return html`<section aria-labelledby="${headingId}" class="stack">
  <h3 id="${headingId}">${document.title}, version ${current.version}</h3>
  <p class="meta">${current.effectiveOn ? `In effect from ${current.effectiveOn}. ` : ''}${document.requiresReceipt ? 'Every administrator and moderator must acknowledge it.' : 'An example: no receipt is required.'} Uploaded by ${options.nameOf(current.createdBy)}, ${localTime(current.createdAt, options.timeZone)}.</p>
  ${current.file?.contentType === 'application/pdf' ? '' : html`<details class="help"><summary>Read ${document.title}, version ${current.version}</summary><div class="text">${current.text}</div></details>`}
  ${current.file ? fileLink(document, current) : ''}
  ${
    mine
      ? html`<p class="notice">You acknowledged this version on ${mine.signedOn}${mine.method === 'paper' ? ' (signed paper copy recorded by IT)' : ''}.</p>`
      : html`<form method="post" action="/receipts">
    <input type="hidden" name="csrf" value="${options.csrfToken}">
    <input type="hidden" name="versionId" value="${current.id}">
    <button type="submit">I have received and read ${document.title}, version ${current.version}</button>
  </form>`
  }
</section>`;
}

function receiptTable(receipts: PolicyReceipt[], options: ReceiptsPage, label: string): SafeHtml {
  const titles = new Map(options.policies.map((document) => [document.id, document.title]));
  if (receipts.length === 0) return html`<p class="empty">No receipt on record.</p>`;
  return html`<div class="table-wrap" role="region" aria-label="${label} (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>${label}</caption>
  <thead><tr><th scope="col">Person</th><th scope="col">Policy</th><th scope="col">Signed</th><th scope="col">How</th><th scope="col">Recorded by</th><th scope="col">Recorded</th></tr></thead>
  <tbody>${receipts.map(
    (receipt) => html`<tr>
    <th scope="row">${receipt.personName}<br><span class="meta">${receipt.personEmail}</span></th>
    <td>${titles.get(receipt.documentId) ?? receipt.documentId}, version ${receipt.version}</td>
    <td>${receipt.signedOn}</td>
    <td>${receipt.method === 'web' ? 'In the web application' : 'Signed paper copy'}</td>
    <td>${options.nameOf(receipt.recordedBy)}</td>
    <td>${localTime(receipt.recordedAt, options.timeZone)}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

function paperForm(options: ReceiptsPage): SafeHtml {
  const { errors } = options;
  const versions = options.policies.flatMap((document) =>
    document.versions.map((version) => ({ id: version.id, label: `${document.title}, version ${version.version}` })),
  );
  return html`<h2 id="paper-receipt">Record a signed paper copy</h2>
${options.refusedUpload ? '' : errorSummary(errors, 'The receipt was not recorded.')}
<form method="post" action="/receipts/paper" class="stack it-form" aria-labelledby="paper-receipt">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${field({ id: 'versionId', label: 'Policy version', errors, control: html`<select id="versionId" name="versionId"${invalidAttributes('versionId', errors)}>${versions.map((version) => html`<option value="${version.id}">${version.label}</option>`)}</select>` })}
  ${field({ id: 'personName', label: 'Name of the person who signed', errors, control: html`<input id="personName" name="personName" required maxlength="200" autocomplete="off"${invalidAttributes('personName', errors)}>` })}
  ${field({ id: 'personEmail', label: 'Their email', errors, control: html`<input id="personEmail" name="personEmail" type="email" required autocomplete="off"${invalidAttributes('personEmail', errors)}>` })}
  ${field({ id: 'signedOn', label: 'Signed on', errors, control: html`<input id="signedOn" name="signedOn" type="date" required${invalidAttributes('signedOn', errors)}>` })}
  <button type="submit">Record receipt</button>
</form>`;
}

function uploadForms(options: ReceiptsPage): SafeHtml {
  // The API names a file of the wrong type by its `contentType`; the form has one file field for both.
  const errors: FieldErrors = new Map(options.errors);
  if (errors.has('contentType') && !errors.has('file')) errors.set('file', errors.get('contentType')!);
  const sent = options.refusedUpload ?? {};
  // A refused form keeps what was sent; a fresh one asks for a receipt by default.
  const requiresReceipt = options.refusedUpload ? sent.requiresReceipt === 'yes' : true;
  return html`<h2 id="upload-policy">Upload a policy</h2>
${options.refusedUpload ? errorSummary(errors, 'The policy was not uploaded.') : ''}
<form method="post" action="/policies" enctype="multipart/form-data" class="stack it-form" aria-labelledby="upload-policy">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${field({ id: 'documentId', label: 'Replaces', hint: 'Choose a policy to upload its next version, which every receipt must then be of; or a new policy.', errors, control: html`<select id="documentId" name="documentId"${invalidAttributes('documentId', errors, true)}><option value="">Nothing: a new policy</option>${options.policies.map((document) => html`<option value="${document.id}"${document.id === sent.documentId ? html` selected` : ''}>${document.title}</option>`)}</select>` })}
  ${field({ id: 'title', label: 'Title (a new policy)', errors, control: html`<input id="title" name="title" maxlength="300" value="${sent.title ?? ''}"${invalidAttributes('title', errors)}>` })}
  ${field({ id: 'file', label: 'Policy file', hint: `PDF, text or Markdown, at most ${POLICY_FILE_MAX_BYTES / 1024 / 1024} MB. Its bytes are archived with their SHA-256.`, errors, control: html`<input id="file" name="file" type="file" accept=".pdf,.txt,.md,.markdown,application/pdf,text/plain,text/markdown"${invalidAttributes('file', errors, true)}>` })}
  ${field({ id: 'text', label: 'Or paste the policy text', errors, control: html`<textarea id="text" name="text" rows="6"${invalidAttributes('text', errors)}>${sent.text ?? ''}</textarea>` })}
  ${field({ id: 'effectiveOn', label: 'In effect from (optional)', errors, control: html`<input id="effectiveOn" name="effectiveOn" type="date" value="${sent.effectiveOn ?? ''}"${invalidAttributes('effectiveOn', errors)}>` })}
  <label class="check"><input type="checkbox" name="requiresReceipt" value="yes"${requiresReceipt ? html` checked` : ''}> Every administrator and moderator must acknowledge it (a new policy)</label>
  <button type="submit">Upload policy</button>
</form>`;
}

/** The policies to acknowledge and the person's receipts; for IT, every receipt and the forms to record and upload. */
export function receiptsBody(options: ReceiptsPage): SafeHtml {
  return html`<h1>Policies and receipts</h1>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
<h2>Policies</h2>
${options.policies.length === 0 ? html`<p class="empty">The town has not uploaded a policy yet.</p>` : options.policies.map((document) => policySection(document, options))}
<h2>Your receipts</h2>
${receiptTable(options.mine, options, 'Your receipts')}
${options.isIt && options.all ? html`<h2>Every receipt</h2>${receiptTable(options.all, options, 'Every receipt on record')}${paperForm(options)}${uploadForms(options)}` : ''}`;
}
