import type { NotificationEvent } from './notification-event';

/** One email to send. `deliveryId` is the outbox delivery's id: every attempt of one delivery passes the same. */
export interface OutgoingEmail {
  deliveryId: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** Aborts the send, e.g. at shutdown; the delivery stays retryable. */
  signal?: AbortSignal;
}

export interface EmailSendResult {
  /** The Message-ID header sent, derived from the delivery id so a retried send carries the same one. */
  messageId: string;
  /** Recipients the server accepted. */
  accepted: string[];
  /** Recipients the server refused while accepting others; the message was still sent to the accepted ones. */
  rejected: string[];
}

/** The seam to the mail system. Adapters throw DeliveryError, nothing else, when a send fails. */
export interface EmailSender {
  /** Sends one email; throws DeliveryError when no recipient accepted it. */
  send(email: OutgoingEmail): Promise<EmailSendResult>;
  /** Releases connections; the sender is unusable afterwards. */
  close(): Promise<void>;
}

/** One webhook call. `occurredAt` is when the event happened, so every attempt posts the same body. */
export interface OutgoingWebhook {
  deliveryId: string;
  event: NotificationEvent;
  occurredAt: string;
  data: unknown;
  /** Aborts the call, e.g. at shutdown; the delivery stays retryable. */
  signal?: AbortSignal;
}

export interface WebhookSendResult {
  /** The receiver's 2xx status. */
  status: number;
}

/** The seam to the attorney office's webhook receiver. Throws DeliveryError when a call fails. */
export interface WebhookSender {
  /** Posts one signed event; resolves on a 2xx answer. */
  send(webhook: OutgoingWebhook): Promise<WebhookSendResult>;
}
