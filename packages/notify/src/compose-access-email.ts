import {
  createInstantFormatter,
  DEFAULT_TIME_ZONE,
  toHeaderText,
  type ComposedEmail,
  type ComposeEmailOptions,
} from './compose-email';
import type { AccessGrantPayload } from './access-event';
import { renderFieldHtml, renderFieldText, type FieldEmail } from './field-email';

/**
 * The email telling the attorney's office that an attorney or auditor role was granted: who granted what to
 * whom and when, and what to do if nobody there expected it. Pure, like the other composers.
 */
export function composeAccessGrantEmail(payload: AccessGrantPayload, options: ComposeEmailOptions = {}): ComposedEmail {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const formatInstant = createInstantFormatter(timeZone);
  const both = (iso: string) => {
    const instant = formatInstant(iso);
    return `${instant.local} (${instant.utc})`;
  };
  const grantee =
    payload.granteeKind === 'person'
      ? `${payload.granteeName}${payload.granteeEmail ? ` <${payload.granteeEmail}>` : ''} (a person who signs in)`
      : `API token "${payload.granteeName}" (${payload.granteeId})`;
  const fields: Array<[string, string]> = [
    ['Granted to', grantee],
    ['Privileged roles', payload.privilegedRoles.join(', ')],
    ['All their roles', payload.roles.join(', ')],
    ['Granted by', payload.grantedBy],
    ['When', both(payload.grantedAt)],
    [
      'How',
      payload.how === 'created'
        ? `the ${payload.granteeKind} was created with these roles`
        : 'their roles were changed',
    ],
  ];
  if (payload.granteeKind === 'token')
    fields.push(['Token expires', payload.expiresAt ? both(payload.expiresAt) : 'never (until revoked)']);
  if (payload.url) fields.push(['Manage', payload.url]);
  const undo =
    payload.granteeKind === 'token'
      ? `Ask IT to revoke the token at once: DELETE /api/v1/tokens/${payload.granteeId}, or on the server npx verbatim tokens revoke ${payload.granteeId}.`
      : `Ask IT to disable the person at once (the People page, POST /api/v1/users/${payload.granteeId}/disable, or on the server npx verbatim users disable ${payload.granteeId}): their sessions end immediately.`;
  const email: FieldEmail = {
    lead: `A privileged role (${payload.privilegedRoles.join(', ')}) was granted in the archive. These roles read the audit log and what the town's lawyers and auditors read, so the attorney's office is told of every such grant.`,
    fields,
    linkLabels: ['Manage'],
    sections: [
      {
        heading: 'If you did not expect this grant',
        lines: [
          undo,
          'Then read the audit log (the Audit page, or GET /api/v1/audit?action=role.grant) to see who else was granted what.',
        ],
      },
    ],
    footnote: `Dates are shown in ${timeZone} time, with UTC in parentheses. You get one email for each grant of attorney or auditor.`,
  };
  return {
    subject: toHeaderText(
      `Privileged access granted: ${payload.privilegedRoles.join(', ')} to ${payload.granteeKind === 'token' ? 'token ' : ''}${payload.granteeName}`,
    ),
    text: renderFieldText(email),
    html: renderFieldHtml(email),
  };
}
