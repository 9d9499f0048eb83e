import { describeAccount } from './compose-account-email';
import { escapeHtml, toHeaderText, type ComposedEmail } from './compose-email';
import type { AccountComplianceEvent, AccountCompliancePayload } from './compliance-event';

const WORDING: Record<AccountComplianceEvent, { subject: string; lead: string; listed: string }> = {
  'account.noncompliant': {
    subject: 'Out of compliance',
    lead: "This account no longer meets the town's social media policy. What is missing:",
    listed: 'What is missing',
  },
  'account.compliant': {
    subject: 'Compliant again',
    lead: "This account meets the town's social media policy again. Nothing more to do. What was missing before:",
    listed: 'What was missing',
  },
};

const FOOTNOTE =
  'You get one email when an account falls out of compliance and one when it returns; not one at every check.';

/** Builds the email telling IT an account fell out of compliance or returned, with the reasons in plain words. */
export function composeAccountComplianceEmail(
  event: AccountComplianceEvent,
  payload: AccountCompliancePayload,
): ComposedEmail {
  const wording = WORDING[event];
  const account = `${payload.displayName ? `${payload.displayName}, ` : ''}${describeAccount(payload)}`;
  const reasons = payload.reasons.length ? payload.reasons : ['nothing recorded'];
  const text = [
    wording.lead,
    '',
    ...reasons.map((reason) => `- ${reason}`),
    '',
    `Account: ${account}`,
    ...(payload.url ? [`Compliance page: ${payload.url}`] : []),
    '',
    FOOTNOTE,
    '',
  ].join('\n');
  const link = payload.url
    ? `<p>Compliance page: <a href="${escapeHtml(payload.url)}">${escapeHtml(payload.url)}</a></p>`
    : '';
  const html = [
    '<!doctype html><html><body>',
    `<p>${escapeHtml(wording.lead)}</p>`,
    `<ul>${reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>`,
    `<p>Account: ${escapeHtml(account)}</p>`,
    link,
    `<p><small>${escapeHtml(FOOTNOTE)}</small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject: toHeaderText(`${wording.subject}: ${describeAccount(payload)}`), text, html };
}
