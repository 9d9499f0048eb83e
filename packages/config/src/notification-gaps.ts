import type { NotifySettings } from './load-config';

/** One setting whose absence keeps notifications from reaching the attorney's office, and what follows from it. */
export interface NotificationGap {
  /** The environment variable(s) to set, e.g. `SMTP_URL`. */
  missing: string;
  /** What happens to notifications meanwhile, and what to do. */
  problem: string;
}

/**
 * What the notification settings leave out: the attorney's addresses (ATTORNEY_NOTIFY_EMAILS), and a channel
 * to reach them by (SMTP_URL for those addresses; NOTIFY_WEBHOOK_URL serves without). Empty when notifications
 * are ready. Logged at start and reported by /healthz.
 */
export function notificationGaps(notify: NotifySettings): NotificationGap[] {
  const gaps: NotificationGap[] = [];
  const emails = notify.attorneyEmails.length > 0;
  if (!emails) {
    gaps.push({
      missing: 'ATTORNEY_NOTIFY_EMAILS',
      problem: notify.webhook
        ? "ATTORNEY_NOTIFY_EMAILS is not set: logged FOIA requests reach the attorney's office only by the webhook; set it to the office's addresses"
        : "ATTORNEY_NOTIFY_EMAILS is not set: logged FOIA requests notify no one; set it to the attorney's office's addresses",
    });
  }
  if (!notify.smtpUrl && emails) {
    gaps.push({
      missing: 'SMTP_URL',
      problem:
        'SMTP_URL is not set: emails to ATTORNEY_NOTIFY_EMAILS wait, pending, until the service starts with SMTP_URL set',
    });
  } else if (!notify.smtpUrl && !notify.webhook) {
    gaps.push({
      missing: 'SMTP_URL or NOTIFY_WEBHOOK_URL',
      problem: 'neither SMTP_URL nor NOTIFY_WEBHOOK_URL is set: there is no channel to notify anyone by',
    });
  }
  return gaps;
}

/**
 * What the notification settings leave to a fallback without stopping anything: logged at start and shown by
 * /healthz beside the gaps, without making notifications "not ready".
 */
export function notificationWarnings(notify: NotifySettings): NotificationGap[] {
  if (notify.itEmails.length > 0) return [];
  return [
    {
      missing: 'IT_NOTIFY_EMAILS',
      problem:
        "IT_NOTIFY_EMAILS is not set: notices of accounts that stop archiving go to the active IT administrators' email addresses; set it to the IT team's addresses to choose who hears of them",
    },
  ];
}
