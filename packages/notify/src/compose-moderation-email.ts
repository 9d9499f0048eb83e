import { escapeHtml, toHeaderText, type ComposedEmail } from './compose-email';
import type { ModerationEvent, ModerationPayload } from './moderation-event';

const ACTIONS = { 'remove-comment': 'remove a comment', 'ban-user': 'ban a user' } as const;

/** How much of the item's text an email quotes. */
const QUOTED = 500;

/**
 * The email telling the attorney's office of a proposal to review, or of an item hidden or removed without an
 * approved review. Pure, like the other composers.
 */
export function composeModerationEmail(event: ModerationEvent, payload: ModerationPayload): ComposedEmail {
  const proposed = event === 'moderation.review-proposed';
  const lead = proposed
    ? `A moderator proposes to ${ACTIONS[payload.action ?? 'remove-comment']} and asks for the review the town's policy requires. Nothing is done on the platform before it is approved.`
    : `The archive saw this item ${payload.change === 'deleted' ? 'removed' : 'hidden'} on ${payload.account} with no approved review on record. Link it to a review, or record why none was needed.`;
  const quoted = payload.text.length > QUOTED ? `${payload.text.slice(0, QUOTED)}…` : payload.text;
  const fields: Array<[string, string]> = [
    ['Account', payload.account],
    ['Author', payload.author],
    ['Text', quoted],
  ];
  if (payload.categories?.length) fields.push(['Categories', payload.categories.join('; ')]);
  if (payload.note) fields.push(['Note', payload.note]);
  if (payload.proposedBy) fields.push(['Proposed by', payload.proposedBy]);
  if (payload.detectedAt) fields.push(['Detected', payload.detectedAt]);
  if (payload.url) fields.push(['Open it', payload.url]);
  const subject = proposed
    ? `Moderation review requested: ${ACTIONS[payload.action ?? 'remove-comment']} on ${payload.account}`
    : `Unreviewed ${payload.change === 'deleted' ? 'removal' : 'hide'} on ${payload.account}`;
  const width = Math.max(...fields.map(([label]) => label.length)) + 2;
  const text = [lead, '', ...fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`), ''].join('\n');
  const rows = fields.map(([label, value]) => {
    const cell = label === 'Open it' ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value);
    return `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td>${cell}</td></tr>`;
  });
  const html = [
    '<!doctype html><html><body>',
    `<p>${escapeHtml(lead)}</p>`,
    `<table cellpadding="4">${rows.join('')}</table>`,
    '</body></html>',
  ].join('\n');
  return { subject: toHeaderText(subject), text, html };
}
