import {
  createInstantFormatter,
  DEFAULT_TIME_ZONE,
  toHeaderText,
  type ComposedEmail,
  type ComposeEmailOptions,
} from './compose-email';
import type { ArchiveCorruptPayload, CorruptObject } from './archive-event';
import { renderFieldHtml, renderFieldText, type FieldEmail } from './field-email';

const FOUND_BY: Record<ArchiveCorruptPayload['foundBy'], string> = {
  'record-read': 'a record was read and its archived files re-hashed',
  download: 'a download re-hashed the file before sending it',
  verification: 'a verification of the archive (npx verbatim verify, or POST /api/v1/verifications)',
};

/**
 * The email telling IT that archived objects are altered or missing: each object's key, its account, what is
 * wrong, and what to do. Pure, like the other composers.
 */
export function composeArchiveCorruptEmail(
  payload: ArchiveCorruptPayload,
  options: ComposeEmailOptions = {},
): ComposedEmail {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const found = createInstantFormatter(timeZone)(payload.foundAt);
  const total = payload.objects.length + payload.moreObjects;
  const [first] = payload.objects;
  const fields: Array<[string, string]> = [];
  if (total === 1) {
    fields.push(['Object', first.key]);
    fields.push(['Account', accountOf(first)]);
    fields.push(['What is wrong', wrongOf(first)]);
  } else fields.push(['Objects', `${total} altered or missing`]);
  fields.push(['Found', `${found.local} (${found.utc}), when ${FOUND_BY[payload.foundBy]}`]);
  if (payload.url) fields.push(['Record page', payload.url]);
  const sections = [
    {
      heading: 'What to do',
      lines: [
        'Restore the named objects from your latest backup (npx verbatim restore, or your storage provider’s versioning), keeping each at the same key: the file must hash to the SHA-256 its key names.',
        'Then run npx verbatim verify (or POST /api/v1/verifications) to confirm the archive is intact; a record read after the restore shows integrity ok again.',
        'Until then, downloads of these objects are refused (409 archive_corrupt) rather than served altered.',
      ],
    },
  ];
  if (total > 1) {
    const lines = payload.objects.map((object) => `${object.key}: ${wrongOf(object)} (${accountOf(object)})`);
    if (payload.moreObjects > 0)
      lines.push(`… and ${payload.moreObjects} more: the verification report lists them all.`);
    sections.unshift({ heading: 'Objects', lines });
  }
  const email: FieldEmail = {
    lead:
      total === 1
        ? `An archived ${first.kind === 'media' ? 'media file' : (first.kind ?? 'object')} is ${first.problem === 'missing' ? 'missing from the object store' : 'altered: its bytes no longer hash to what was archived'}. The archive is evidence; this copy can no longer be shown as captured.`
        : `${total} archived objects are altered or missing from the object store. The archive is evidence; these copies can no longer be shown as captured.`,
    fields,
    linkLabels: ['Record page'],
    sections,
    footnote: `Dates are shown in ${timeZone} time, with UTC in parentheses. You get one email when an object is first found altered or missing; not one at every view.`,
  };
  const subject =
    total === 1
      ? `Archive object ${first.problem}: ${first.key}${first.account ? ` (${first.account})` : ''}`
      : `Archive objects altered or missing: ${total} found`;
  return { subject: toHeaderText(subject), text: renderFieldText(email), html: renderFieldHtml(email) };
}

function accountOf(object: CorruptObject): string {
  if (object.account) return `${object.account}, ${object.accountId}`;
  return object.accountId ?? 'not known from a download (the file may be attached to several accounts’ records)';
}

function wrongOf(object: CorruptObject): string {
  return object.problem === 'missing' ? `missing: ${object.detail}` : `altered: ${object.detail}`;
}
