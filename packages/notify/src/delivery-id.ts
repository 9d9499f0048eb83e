import { z } from 'zod';
import { DeliveryError } from './delivery.error';

/**
 * A delivery id goes verbatim into a Message-ID (`<id@verbatim.local>`) and an HTTP header, so it is held to
 * characters both accept unquoted. UUIDs, ULIDs and integers fit.
 */
export const DeliveryIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'expected 1-128 of A-Z a-z 0-9 _ -');

/** Throws a permanent DeliveryError for an id a sender could not put in a header. */
export function assertDeliveryId(deliveryId: string): void {
  if (!DeliveryIdSchema.safeParse(deliveryId).success) {
    throw new DeliveryError(`invalid delivery id ${JSON.stringify(deliveryId)}`, { kind: 'invalid', retryable: false });
  }
}

/** The Message-ID every attempt of one email delivery carries, so receivers and logs see one message. */
export function buildMessageId(deliveryId: string, domain = 'verbatim.local'): string {
  return `<${deliveryId}@${domain}>`;
}
