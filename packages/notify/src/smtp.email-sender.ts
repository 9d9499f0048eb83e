import { createTransport } from 'nodemailer';
import { assertDeliveryId, buildMessageId } from './delivery-id';
import { DeliveryError } from './delivery.error';
import type { EmailSender, EmailSendResult, OutgoingEmail } from './notification-sender.port';

export interface SmtpEmailSenderOptions {
  /**
   * SMTP_URL, e.g. `smtp://user:pass@mail.town.gov:587` or `smtps://…:465`. Nodemailer reads transport options
   * from the query string (`?greetingTimeout=10000`, `?tls.rejectUnauthorized=false`).
   */
  smtpUrl: string;
  /** NOTIFY_FROM, e.g. `"Verbatim FOIA" <foia@town.gov>`. */
  from: string;
  /** Right-hand side of the deterministic Message-ID; defaults to `verbatim.local`. */
  messageIdDomain?: string;
}

/**
 * Creates the SMTP adapter of the EmailSender port. Each send opens its own connection: notifications are few,
 * and a fresh connection never inherits a half-broken session from an earlier failure.
 */
export function createSmtpEmailSender(options: SmtpEmailSenderOptions): EmailSender {
  const transport = createTransport(options.smtpUrl);
  return {
    async send(email: OutgoingEmail): Promise<EmailSendResult> {
      assertDeliveryId(email.deliveryId);
      if (email.to.length === 0) {
        throw new DeliveryError('an email needs at least one recipient', { kind: 'invalid', retryable: false });
      }
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: [...email.to],
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: buildMessageId(email.deliveryId, options.messageIdDomain),
          signal: email.signal,
        });
        return { messageId: info.messageId, accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}

/** The fields of a Nodemailer error this classification reads. */
interface SmtpFailure {
  message?: string;
  code?: string;
  responseCode?: number;
}

/** Errors about our own message or settings that no retry of the same message can fix. */
const INVALID_INPUT_CODES = new Set([
  'EENVELOPE',
  'EMESSAGE',
  'ECONFIG',
  'EOTP',
  'EMAXRECIPIENTS',
  'EREQUIRETLS',
  'EFILEACCESS',
  'EURLACCESS',
]);

/**
 * Maps a Nodemailer failure to a DeliveryError.
 *
 * With an SMTP reply, RFC 5321 decides: 5yz is permanent, except 503 (bad command sequence, a session problem
 * a new connection clears); 4yz is "try again later". When every recipient is refused Nodemailer reports a 4yz
 * reply if any recipient was only deferred, so a mix of 451 and 550 stays retryable. Without a reply: timeouts
 * and connection failures are retryable. Authentication failures (535 included) are retryable too: correcting
 * SMTP_URL, not changing the message, fixes them, and the attorney's office must still get it afterwards.
 */
export function classifySmtpError(error: unknown): DeliveryError {
  const failure: SmtpFailure = typeof error === 'object' && error !== null ? error : {};
  const message = `SMTP send failed: ${failure.message ?? String(error)}`;
  const responseCode = failure.responseCode;
  if (failure.code === 'EAUTH' || failure.code === 'ENOAUTH') {
    return new DeliveryError(message, { kind: 'unauthorized', retryable: true, responseCode, cause: error });
  }
  if (typeof responseCode === 'number') {
    const permanent = responseCode >= 500 && responseCode < 600 && responseCode !== 503;
    return new DeliveryError(message, {
      kind: permanent ? 'rejected' : 'deferred',
      retryable: !permanent,
      responseCode,
      cause: error,
    });
  }
  if (failure.code === 'ETIMEDOUT') {
    return new DeliveryError(message, { kind: 'timeout', retryable: true, cause: error });
  }
  if (failure.code && INVALID_INPUT_CODES.has(failure.code)) {
    return new DeliveryError(message, { kind: 'invalid', retryable: false, cause: error });
  }
  return new DeliveryError(message, { kind: 'unreachable', retryable: true, cause: error });
}
