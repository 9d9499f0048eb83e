import type { NotificationPayload, NotificationRequester, RequestNotificationEvent } from './notification-event';

/** Connecticut towns keep Eastern time; a deployment elsewhere passes its own IANA zone. */
export const DEFAULT_TIME_ZONE = 'America/New_York';

export interface ComposeEmailOptions {
  /** IANA time zone the town works in; dates are shown in it and in UTC. An unknown zone throws a RangeError. */
  timeZone?: string;
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface FormattedInstant {
  local: string;
  utc: string;
}
export type FormatInstant = (iso: string) => FormattedInstant;

interface EventWording {
  subject(payload: NotificationPayload, due: FormattedInstant): string;
  lead(due: FormattedInstant): string;
}

const WORDING: Record<RequestNotificationEvent, EventWording> = {
  'request.logged': {
    subject: (p) => `FOIA request ${p.number} logged: ${p.requester.name}`,
    lead: (due) => `A Freedom of Information request was logged. A response is due by ${due.local} (C.G.S. §1-206(a)).`,
  },
  'request.due-soon': {
    subject: (p, due) => `FOIA request ${p.number}: response due ${due.local}`,
    lead: (due) => `The response to this request is due soon: by ${due.local}.`,
  },
  'request.overdue': {
    subject: (p, due) => `FOIA request ${p.number} is overdue: response was due ${due.local}`,
    lead: (due) => `The response deadline for this request has passed: it was due by ${due.local}.`,
  },
  'request.in-review': {
    subject: (p) => `FOIA request ${p.number} is ready for attorney review`,
    lead: () => 'This request was moved to in review and awaits the attorney’s office.',
  },
};

/**
 * Builds the email for one notification: subject, plain text and HTML carrying the same facts (number,
 * requester, description, received date, deadlines, status, link). Every date shows in `timeZone` and in UTC.
 * Pure: the same event, payload and zone always give the same email, so a retried send matches the first.
 */
export function composeNotificationEmail(
  event: RequestNotificationEvent,
  payload: NotificationPayload,
  options: ComposeEmailOptions = {},
): ComposedEmail {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const formatInstant = createInstantFormatter(timeZone);
  const due = formatInstant(payload.responseDueAt);
  const wording = WORDING[event];
  const fields = listFields(payload, formatInstant);
  const lead = wording.lead(due);
  const footnote = `Dates are shown in ${timeZone} time, with UTC in parentheses.`;
  return {
    subject: toHeaderText(wording.subject(payload, due)),
    text: renderText(lead, fields, payload.description, footnote),
    html: renderHtml(lead, fields, payload.description, footnote),
  };
}

function listFields(payload: NotificationPayload, formatInstant: FormatInstant): Array<[string, string]> {
  const both = (iso: string) => {
    const instant = formatInstant(iso);
    return `${instant.local} (${instant.utc})`;
  };
  const fields: Array<[string, string]> = [
    ['Request number', payload.number],
    ['Requester', describeRequester(payload.requester)],
    ['Received', both(payload.receivedAt)],
    ['Response due', both(payload.responseDueAt)],
  ];
  if (payload.productionTargetAt) fields.push(['Production target', both(payload.productionTargetAt)]);
  fields.push(['Status', payload.status]);
  if (payload.url) fields.push(['Link', payload.url]);
  return fields;
}

function describeRequester(requester: NotificationRequester): string {
  const organization = requester.organization ? `, ${requester.organization}` : '';
  const email = requester.email ? ` <${requester.email}>` : '';
  return `${requester.name}${organization}${email}`;
}

/** Formats instants in `timeZone` and in UTC; throws a RangeError for an unknown zone. */
export function createInstantFormatter(timeZone: string): FormatInstant {
  // Built once per email: constructing it validates the zone, and formatting many dates with one is cheaper.
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return (iso) => {
    const date = new Date(iso);
    return {
      // Recent ICU puts a narrow no-break space before AM/PM; plain text readers and searches expect a space.
      local: local.format(date).replace(/\u202f/g, ' '),
      utc: `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    };
  };
}

function renderText(lead: string, fields: Array<[string, string]>, description: string, footnote: string): string {
  const width = Math.max(...fields.map(([label]) => label.length)) + 2;
  const rows = fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
  return [lead, '', ...rows, '', 'Description:', description, '', footnote, ''].join('\n');
}

function renderHtml(lead: string, fields: Array<[string, string]>, description: string, footnote: string): string {
  const rows = fields.map(([label, value]) => {
    const cell = label === 'Link' ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value);
    return `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td>${cell}</td></tr>`;
  });
  return [
    '<!doctype html><html><body>',
    `<p>${escapeHtml(lead)}</p>`,
    `<table cellpadding="4">${rows.join('')}</table>`,
    '<h3>Description</h3>',
    `<p>${escapeHtml(description).replace(/\r?\n/g, '<br>')}</p>`,
    `<p><small>${escapeHtml(footnote)}</small></p>`,
    '</body></html>',
  ].join('\n');
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// eslint-disable-next-line no-control-regex -- control characters are what it matches
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/** A subject is one header line: a requester's name with a line break in it must not end it early. */
export function toHeaderText(text: string): string {
  return text
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
