import {
  type AccessGrantPayload,
  type ArchiveCorruptPayload,
  NotificationRuleSchema,
  resolveRecipients,
  type AccountCompliancePayload,
  type AccountHealthPayload,
  type ModerationPayload,
  type NotificationEvent,
  type NotificationPayload,
  type RecipientDefaults,
} from '@verbatim/notify';
import { z } from 'zod';
import type { FoiaDeadlines } from '../deadlines';
import type { FoiaRequest, NewDelivery } from '../foia-store.port';

/** What a notification says about a request: a snapshot taken when its outbox row is written. */
export function notificationPayload(
  request: FoiaRequest,
  deadlines: FoiaDeadlines,
  publicUrl?: string,
): NotificationPayload {
  const { name, email, organization } = request.requester;
  return {
    requestId: request.id,
    number: request.number,
    requester: { name, ...(email ? { email } : {}), ...(organization ? { organization } : {}) },
    description: request.description,
    receivedAt: request.receivedAt,
    responseDueAt: deadlines.responseDueAt,
    productionTargetAt: deadlines.productionTargetAt,
    status: request.status,
    ...(publicUrl ? { url: new URL(`/requests/${request.id}`, publicUrl).toString() } : {}),
  };
}

/**
 * The outbox rows announcing `event`: one email to everyone the rules name (the attorney list always, for a
 * logged request; IT's by default, for an account's health) and one webhook call when configured. `occasion`
 * tells repeats apart: the same event for the same occasion is written once, however often it is raised.
 */
export function deliveriesFor(
  event: NotificationEvent,
  occasion: string,
  payload:
    | NotificationPayload
    | AccountHealthPayload
    | AccountCompliancePayload
    | ModerationPayload
    | AccessGrantPayload
    | ArchiveCorruptPayload,
  rules: unknown[] | null,
  defaults: RecipientDefaults,
): NewDelivery[] {
  const recipients = resolveRecipients(z.array(NotificationRuleSchema).parse(rules ?? []), event, defaults);
  const dedupeKey = `${event}:${occasion}`;
  const deliveries: NewDelivery[] = [];
  if (recipients.emails.length > 0)
    deliveries.push({ event, channel: 'email', recipients: recipients.emails, payload, dedupeKey });
  if (recipients.webhook) deliveries.push({ event, channel: 'webhook', recipients: [], payload, dedupeKey });
  return deliveries;
}
