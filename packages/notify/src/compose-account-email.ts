import {
  createInstantFormatter,
  DEFAULT_TIME_ZONE,
  escapeHtml,
  toHeaderText,
  type ComposedEmail,
  type ComposeEmailOptions,
} from './compose-email';
import type { AccountHealthEvent, AccountHealthPayload } from './notification-event';

/** How people name the platforms in a sentence. */
const PLATFORM_NAMES: Record<string, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  nextdoor: 'Nextdoor',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  snapchat: 'Snapchat',
  yelp: 'Yelp',
  myspace: 'Myspace',
  slack: 'Slack',
  discord: 'Discord',
  other: 'another platform',
  mock: 'the mock platform',
};

const WORDING: Record<AccountHealthEvent, { subject: string; lead: string }> = {
  'account.failing': {
    subject: 'Archiving stopped',
    lead: 'The archive could not capture this account: its last sync failed. Until it is fixed, new posts and comments are not archived.',
  },
  'account.stale': {
    subject: 'Archiving overdue',
    lead: 'This account has gone more than twice its sync interval without a successful capture.',
  },
  'account.recovered': {
    subject: 'Archiving resumed',
    lead: 'This account is captured again: its last sync succeeded. Nothing more to do.',
  },
};

/** `@westportparks on Facebook (Parks & Recreation)`: the account as a subject line names it. */
export function describeAccount(payload: Pick<AccountHealthPayload, 'handle' | 'platform' | 'agency'>): string {
  const handle = payload.handle.startsWith('@') ? payload.handle : `@${payload.handle}`;
  return `${handle} on ${PLATFORM_NAMES[payload.platform] ?? payload.platform} (${payload.agency})`;
}

/**
 * Builds the email telling IT an account's archiving health changed: the account, the problem in plain words
 * and what to do, the last successful capture, and a link to its page. Pure, like composeNotificationEmail.
 */
export function composeAccountHealthEmail(
  event: AccountHealthEvent,
  payload: AccountHealthPayload,
  options: ComposeEmailOptions = {},
): ComposedEmail {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const formatInstant = createInstantFormatter(timeZone);
  const wording = WORDING[event];
  const last = payload.lastSuccessAt ? formatInstant(payload.lastSuccessAt) : null;
  const fields: Array<[string, string]> = [
    ['Account', `${payload.displayName ? `${payload.displayName}, ` : ''}${describeAccount(payload)}`],
    [event === 'account.recovered' ? 'The problem was' : 'Problem', payload.problem ?? 'none recorded'],
  ];
  if (payload.advice) fields.push(['What to do', payload.advice]);
  fields.push(['Last successful capture', last ? `${last.local} (${last.utc})` : 'never']);
  fields.push(['Syncs every', `${payload.syncIntervalMinutes} minutes`]);
  if (payload.url) fields.push(['Account page', payload.url]);
  const footnote = `Dates are shown in ${timeZone} time, with UTC in parentheses. You get one email when an account starts failing, goes stale or comes back; not one at every check.`;
  return {
    subject: toHeaderText(`${wording.subject}: ${describeAccount(payload)}`),
    text: renderText(wording.lead, fields, footnote),
    html: renderHtml(wording.lead, fields, footnote),
  };
}

function renderText(lead: string, fields: Array<[string, string]>, footnote: string): string {
  const width = Math.max(...fields.map(([label]) => label.length)) + 2;
  const rows = fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
  return [lead, '', ...rows, '', footnote, ''].join('\n');
}

function renderHtml(lead: string, fields: Array<[string, string]>, footnote: string): string {
  const rows = fields.map(([label, value]) => {
    const cell =
      label === 'Account page' ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value);
    return `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td>${cell}</td></tr>`;
  });
  return [
    '<!doctype html><html><body>',
    `<p>${escapeHtml(lead)}</p>`,
    `<table cellpadding="4">${rows.join('')}</table>`,
    `<p><small>${escapeHtml(footnote)}</small></p>`,
    '</body></html>',
  ].join('\n');
}
