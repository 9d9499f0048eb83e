import { invalidFields } from '@verbatim/core';
import type { PolicyDocument } from '@verbatim/foia';
import type { WebDependencies } from '../web-dependencies';
import type { PolicyForm } from './policy-form';

/** What the page says once uploaded. */
function uploadedNotice(document: PolicyDocument, asVersion: boolean): string {
  return asVersion
    ? `Version ${document.versions.length} of ${document.title} is uploaded; receipts are now due for it.`
    : `${document.title} is uploaded.`;
}

/**
 * The upload form's change: the chosen file (PDF, text or Markdown) or the pasted text, as the next version of the
 * policy it replaces or as a new policy. The same use cases and checks as the API; a refusal names its field.
 * Returns the notice to show.
 */
export async function uploadPolicy(deps: WebDependencies, form: PolicyForm, userId: string): Promise<string> {
  const { fields, file } = form;
  const documentId = fields.documentId ?? '';
  const pasted = (fields.text ?? '').trim();
  const effectiveOn = fields.effectiveOn ? { effectiveOn: fields.effectiveOn } : {};
  if (file && pasted)
    throw invalidFields('form', [
      { path: 'text', message: 'Give the file or the text, not both: clear the text to upload the file.' },
    ]);
  if (!file && !pasted)
    throw invalidFields('form', [
      { path: 'file', message: 'Choose the policy file (PDF, text or Markdown), or paste its text.' },
    ]);
  const newPolicy = { title: fields.title ?? '', requiresReceipt: fields.requiresReceipt === 'yes', ...effectiveOn };
  if (file) {
    const target = documentId ? { documentId, ...effectiveOn } : newPolicy;
    return uploadedNotice(await deps.compliance.uploadPolicyFile(target, file, userId), Boolean(documentId));
  }
  const document = documentId
    ? await deps.compliance.addPolicyVersion(documentId, { text: pasted, ...effectiveOn }, userId)
    : await deps.compliance.createPolicy({ ...newPolicy, text: pasted }, userId);
  return uploadedNotice(document, Boolean(documentId));
}
