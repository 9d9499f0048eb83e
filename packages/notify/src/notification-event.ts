import { z } from 'zod';
import { ACCOUNT_COMPLIANCE_EVENTS, isAccountComplianceEvent } from './compliance-event';
import { MODERATION_EVENTS } from './moderation-event';
import { ACCESS_EVENTS, isAccessEvent } from './access-event';
import { ARCHIVE_EVENTS, isArchiveEvent } from './archive-event';

/** Every event about a FOIA request the attorney's office can be notified of. */
export const REQUEST_NOTIFICATION_EVENTS = [
  'request.logged',
  'request.due-soon',
  'request.overdue',
  'request.in-review',
] as const;
export const RequestNotificationEventSchema = z.enum(REQUEST_NOTIFICATION_EVENTS);
export type RequestNotificationEvent = z.infer<typeof RequestNotificationEventSchema>;

/** Every change of an account's archiving health IT is told of: it starts failing, goes stale, or comes back. */
export const ACCOUNT_HEALTH_EVENTS = ['account.failing', 'account.stale', 'account.recovered'] as const;
export const AccountHealthEventSchema = z.enum(ACCOUNT_HEALTH_EVENTS);
export type AccountHealthEvent = z.infer<typeof AccountHealthEventSchema>;

/** Every event anyone can be notified of. */
export const NOTIFICATION_EVENTS = [
  ...REQUEST_NOTIFICATION_EVENTS,
  ...ACCOUNT_HEALTH_EVENTS,
  ...ACCOUNT_COMPLIANCE_EVENTS,
  ...MODERATION_EVENTS,
  ...ACCESS_EVENTS,
  ...ARCHIVE_EVENTS,
] as const;
export const NotificationEventSchema = z.enum(NOTIFICATION_EVENTS);
export type NotificationEvent = z.infer<typeof NotificationEventSchema>;

/** Whether the event is about an account's health (its payload an AccountHealthPayload) rather than a request. */
export function isAccountHealthEvent(event: string): event is AccountHealthEvent {
  return (ACCOUNT_HEALTH_EVENTS as readonly string[]).includes(event);
}

/** An instant with its offset, as the API and the outbox write it; date-only strings would lose the deadline's hour. */
const InstantSchema = z.iso.datetime({ offset: true });

export const NotificationRequesterSchema = z.object({
  name: z.string().trim().min(1),
  email: z.email().optional(),
  organization: z.string().trim().min(1).optional(),
});
export type NotificationRequester = z.infer<typeof NotificationRequesterSchema>;

/**
 * What a notification says about a FOIA request: a snapshot taken when the outbox row is written, so a retry
 * days later sends what was true then. It travels as JSON through the outbox and the queue, hence ISO strings.
 */
export const NotificationPayloadSchema = z.object({
  requestId: z.string().min(1),
  /** Per town and year, e.g. `2026-0001`. */
  number: z.string().regex(/^\d{4}-\d{4,}$/, 'expected a request number like 2026-0001'),
  requester: NotificationRequesterSchema,
  description: z.string(),
  receivedAt: InstantSchema,
  /** The C.G.S. §1-206(a) response deadline. */
  responseDueAt: InstantSchema,
  /** The internal production target, when the town configures one. */
  productionTargetAt: InstantSchema.optional(),
  /** Lifecycle status as the request log names it; shown, never interpreted here. */
  status: z.string().min(1),
  /** Where the request opens in the UI. Only http(s): it becomes a link in the HTML email. */
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type NotificationPayload = z.infer<typeof NotificationPayloadSchema>;

/**
 * What a notice to IT says about an account whose archiving health changed: a snapshot taken when the outbox
 * row is written. `problem` and `advice` are the new trouble's (for `account.recovered`, the one it recovered
 * from, with `advice` null).
 */
export const AccountHealthPayloadSchema = z.object({
  accountId: z.string().min(1),
  platform: z.string().min(1),
  handle: z.string().min(1),
  displayName: z.string().optional(),
  /** The agency's name. */
  agency: z.string().min(1),
  health: z.enum(['healthy', 'failing', 'stale']),
  problem: z.string().nullable(),
  advice: z.string().nullable(),
  /** When the last pass completed; null before any did. */
  lastSuccessAt: InstantSchema.nullable(),
  syncIntervalMinutes: z.number().int().positive(),
  /** The account's page in the UI. Only http(s): it becomes a link in the HTML email. */
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type AccountHealthPayload = z.infer<typeof AccountHealthPayloadSchema>;

/** One configurable routing rule: who hears of an event. IT edits these; several rules for one event add up. */
export const NotificationRuleSchema = z.object({
  event: NotificationEventSchema,
  emails: z.array(z.email()),
  webhook: z.boolean(),
});
export type NotificationRule = z.infer<typeof NotificationRuleSchema>;

/** What the deployment is configured with, independent of any rule. */
export interface RecipientDefaults {
  /** ATTORNEY_NOTIFY_EMAILS. */
  attorneyEmails: readonly string[];
  /** IT_NOTIFY_EMAILS, or else the active IT administrators' addresses: who hears of account health by default. */
  itEmails?: readonly string[];
  /** Whether NOTIFY_WEBHOOK_URL is set; without it no rule can ask for a webhook. */
  webhookConfigured: boolean;
}

/** Who one event goes to: one email delivery to `emails` (if any) and one webhook delivery if `webhook`. */
export interface NotificationRecipients {
  emails: string[];
  webhook: boolean;
}

/**
 * Resolves who is notified of `event`.
 *
 * - `request.logged` always reaches the attorney list and, when configured, the webhook (DESIGN.md invariant 4:
 *   the attorney's office hears of every request); rules can only add addresses. So does `access.privileged-grant`:
 *   a grant of attorney or auditor is a check on IT itself, which a rule IT edits must not be able to silence.
 * - Another event with no rule falls back to the attorney list (IT's, for account health, compliance and
 *   corrupt archive objects) and the webhook, so
 *   deadlines and failing accounts are never silent by omission; a rule for the event replaces that fallback
 *   (`emails: []`, `webhook: false` silences the event).
 *
 * Addresses are de-duplicated case-insensitively, keeping the first spelling and the order given.
 */
export function resolveRecipients(
  rules: readonly NotificationRule[],
  event: NotificationEvent,
  defaults: RecipientDefaults,
): NotificationRecipients {
  const matching = rules.filter((rule) => rule.event === event);
  if (event === 'request.logged' || isAccessEvent(event)) {
    const ruleEmails = matching.flatMap((rule) => rule.emails);
    return { emails: uniqueEmails([...defaults.attorneyEmails, ...ruleEmails]), webhook: defaults.webhookConfigured };
  }
  if (matching.length === 0) {
    const aboutAccount = isAccountHealthEvent(event) || isAccountComplianceEvent(event) || isArchiveEvent(event);
    const fallback = aboutAccount ? (defaults.itEmails ?? []) : defaults.attorneyEmails;
    return { emails: uniqueEmails(fallback), webhook: defaults.webhookConfigured };
  }
  return {
    emails: uniqueEmails(matching.flatMap((rule) => rule.emails)),
    webhook: defaults.webhookConfigured && matching.some((rule) => rule.webhook),
  };
}

function uniqueEmails(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((email) => {
    const key = email.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
