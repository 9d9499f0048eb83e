import { z } from 'zod';
import { composeAccountHealthEmail } from './compose-account-email';
import { composeAccountComplianceEmail } from './compose-compliance-email';
import {
  AccountComplianceEventSchema,
  AccountCompliancePayloadSchema,
  isAccountComplianceEvent,
} from './compliance-event';
import { composeNotificationEmail } from './compose-email';
import { composeModerationEmail } from './compose-moderation-email';
import { isModerationEvent, ModerationEventSchema, ModerationPayloadSchema } from './moderation-event';
import { DeliveryIdSchema } from './delivery-id';
import { AccessEventSchema, AccessGrantPayloadSchema, isAccessEvent } from './access-event';
import { ArchiveCorruptPayloadSchema, ArchiveEventSchema, isArchiveEvent } from './archive-event';
import { composeAccessGrantEmail } from './compose-access-email';
import { composeArchiveCorruptEmail } from './compose-archive-email';
import { DeliveryError } from './delivery.error';
import {
  AccountHealthEventSchema,
  AccountHealthPayloadSchema,
  isAccountHealthEvent,
  NotificationPayloadSchema,
  RequestNotificationEventSchema,
} from './notification-event';
import type { EmailSender, EmailSendResult, WebhookSender, WebhookSendResult } from './notification-sender.port';

const DeliveryFields = {
  /** Stable across attempts: it becomes the Message-ID and the Verbatim-Delivery header. */
  id: DeliveryIdSchema,
  channel: z.enum(['email', 'webhook']),
  /** Email addresses, from resolveRecipients when the outbox row was written; required for email. */
  recipients: z.array(z.email()).optional(),
  /**
   * When the event happened (the outbox row's creation time). Pass it so every attempt posts the same webhook
   * body; without it the time of the attempt is used.
   */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
};

/**
 * One row of the outbox as the notify job carries it: one channel, one event, one payload snapshot, told apart by
 * the event: a request's (the attorney's office) or an account's health (IT).
 */
const RequestDeliverySchema = z.object({
  ...DeliveryFields,
  event: RequestNotificationEventSchema,
  payload: NotificationPayloadSchema,
});
const AccountHealthDeliverySchema = z.object({
  ...DeliveryFields,
  event: AccountHealthEventSchema,
  payload: AccountHealthPayloadSchema,
});
const AccountComplianceDeliverySchema = z.object({
  ...DeliveryFields,
  event: AccountComplianceEventSchema,
  payload: AccountCompliancePayloadSchema,
});
const ModerationDeliverySchema = z.object({
  ...DeliveryFields,
  event: ModerationEventSchema,
  payload: ModerationPayloadSchema,
});
const AccessDeliverySchema = z.object({
  ...DeliveryFields,
  event: AccessEventSchema,
  payload: AccessGrantPayloadSchema,
});
const ArchiveDeliverySchema = z.object({
  ...DeliveryFields,
  event: ArchiveEventSchema,
  payload: ArchiveCorruptPayloadSchema,
});
export const NotificationDeliverySchema = z.discriminatedUnion('event', [
  RequestDeliverySchema,
  AccountHealthDeliverySchema,
  AccountComplianceDeliverySchema,
  ModerationDeliverySchema,
  AccessDeliverySchema,
  ArchiveDeliverySchema,
]);
/** A delivery about a grant of attorney or auditor. */
export type AccessDelivery = z.infer<typeof AccessDeliverySchema>;
/** A delivery about archived objects found altered or missing. */
export type ArchiveDelivery = z.infer<typeof ArchiveDeliverySchema>;
/** A delivery about a moderation review or an unreviewed hide or removal. */
export type ModerationDelivery = z.infer<typeof ModerationDeliverySchema>;
/** A delivery about a FOIA request. */
export type RequestNotificationDelivery = z.infer<typeof RequestDeliverySchema>;
/** A delivery about an account's health. */
export type AccountHealthDelivery = z.infer<typeof AccountHealthDeliverySchema>;
/** A delivery about an account's compliance. */
export type AccountComplianceDelivery = z.infer<typeof AccountComplianceDeliverySchema>;
export type NotificationDelivery = z.infer<typeof NotificationDeliverySchema>;

/**
 * A delivery as the queue or the outbox hands it over, loosely typed on purpose: it is checked against
 * NotificationDeliverySchema before anything is sent, so a stored row can be passed as it is.
 */
export interface NotificationDeliveryInput {
  id: string;
  channel: string;
  event: string;
  payload: unknown;
  recipients?: readonly string[];
  occurredAt?: string;
}

export interface NotificationSenders {
  /** Absent when SMTP is not configured; an email delivery then waits (DeliveryError kind `unconfigured`). */
  email?: EmailSender;
  /** Absent when NOTIFY_WEBHOOK_URL is not set; a webhook delivery then waits (kind `unconfigured`). */
  webhook?: WebhookSender;
}

export interface DeliverNotificationOptions extends NotificationSenders {
  /** The town's IANA time zone for dates in emails; default America/New_York. */
  timeZone?: string;
  /** The worker's shutdown signal; an aborted send stays retryable. */
  signal?: AbortSignal;
}

export type DeliveryReceipt = ({ channel: 'email' } & EmailSendResult) | ({ channel: 'webhook' } & WebhookSendResult);

/**
 * Sends one outbox delivery through its channel's sender. Validates the delivery first (it arrives from a
 * queue), composes the email for the email channel, and throws DeliveryError, only, on any failure.
 */
export async function deliverNotification(
  delivery: NotificationDeliveryInput,
  options: DeliverNotificationOptions,
): Promise<DeliveryReceipt> {
  const parsed = NotificationDeliverySchema.safeParse(delivery);
  if (!parsed.success) throw invalid(`invalid notification delivery: ${z.prettifyError(parsed.error)}`);
  const { id, channel, event, payload, recipients } = parsed.data;

  if (channel === 'email') {
    if (!options.email) throw unconfigured(channel);
    if (!recipients?.length) throw invalid(`email delivery ${id} has no recipients`);
    const email = composeEmail(parsed.data, options.timeZone);
    const result = await options.email.send({ deliveryId: id, to: recipients, ...email, signal: options.signal });
    return { channel, ...result };
  }
  if (!options.webhook) throw unconfigured(channel);
  const occurredAt = parsed.data.occurredAt ?? new Date().toISOString();
  const outgoing = { deliveryId: id, event, occurredAt, data: payload, signal: options.signal };
  const result = await options.webhook.send(outgoing);
  return { channel, ...result };
}

/**
 * Why a delivery on `channel` cannot go out with these senders, naming the settings that would let it, or
 * undefined when its sender is there. Shown on the request as the delivery's last error while it waits.
 */
export function missingSenderReason(channel: string, senders: NotificationSenders): string | undefined {
  if (channel === 'email' && !senders.email)
    return 'no mail server configured: set SMTP_URL (and NOTIFY_FROM) and restart; the email goes out at that start';
  if (channel === 'webhook' && !senders.webhook)
    return 'no webhook configured: set NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SECRET and restart; the call goes out at that start';
  return undefined;
}

function unconfigured(channel: 'email' | 'webhook'): DeliveryError {
  return new DeliveryError(missingSenderReason(channel, {})!, { kind: 'unconfigured', retryable: false });
}

function composeEmail(delivery: NotificationDelivery, timeZone: string | undefined) {
  try {
    if (isAboutAccess(delivery)) return composeAccessGrantEmail(delivery.payload, { timeZone });
    if (isAboutArchive(delivery)) return composeArchiveCorruptEmail(delivery.payload, { timeZone });
    if (isAboutCompliance(delivery)) return composeAccountComplianceEmail(delivery.event, delivery.payload);
    if (isAboutModeration(delivery)) return composeModerationEmail(delivery.event, delivery.payload);
    if (isAboutAccount(delivery)) return composeAccountHealthEmail(delivery.event, delivery.payload, { timeZone });
    return composeNotificationEmail(delivery.event, delivery.payload, { timeZone });
  } catch (error) {
    // Only an unknown time zone gets here; no retry of this delivery fixes it.
    throw new DeliveryError(`cannot compose email: ${(error as Error).message}`, {
      kind: 'invalid',
      retryable: false,
      cause: error,
    });
  }
}

function isAboutAccess(delivery: NotificationDelivery): delivery is AccessDelivery {
  return isAccessEvent(delivery.event);
}

function isAboutArchive(delivery: NotificationDelivery): delivery is ArchiveDelivery {
  return isArchiveEvent(delivery.event);
}

function isAboutCompliance(delivery: NotificationDelivery): delivery is AccountComplianceDelivery {
  return isAccountComplianceEvent(delivery.event);
}

function isAboutModeration(delivery: NotificationDelivery): delivery is ModerationDelivery {
  return isModerationEvent(delivery.event);
}

function isAboutAccount(
  delivery: RequestNotificationDelivery | AccountHealthDelivery,
): delivery is AccountHealthDelivery {
  return isAccountHealthEvent(delivery.event);
}

function invalid(message: string): DeliveryError {
  return new DeliveryError(message, { kind: 'invalid', retryable: false });
}
