import type { TestInstance } from './start-instance';

/** Creates a token with the given roles through the API and returns its secret. */
export async function createToken(instance: TestInstance, name: string, roles: string[]): Promise<string> {
  const { status, body } = await instance.request<{ token: string }>('POST', '/api/v1/tokens', { name, roles });
  if (status !== 201) throw new Error(`token ${name}: ${status} ${JSON.stringify(body)}`);
  return body.token;
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The env that points an instance's notifications at a test SMTP server, with quick retries. */
export function notifyEnv(smtpUrl: string, attorneys = 'attorney@town.example'): Record<string, string> {
  return {
    SMTP_URL: smtpUrl,
    ATTORNEY_NOTIFY_EMAILS: attorneys,
    NOTIFY_FROM: 'Verbatim FOIA <foia@town.example>',
    NOTIFY_RETRY_DELAY_MS: '100',
    NOTIFY_RETRY_MAX_MS: '500',
    OUTBOX_RELAY_INTERVAL_MS: '200',
    TOWN_NAME: 'Town of Westport',
  };
}

/** A request's notification as GET /api/v1/foia-requests/:id shows it. */
export interface NotificationBody {
  id: string;
  event: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/** The request's `request.logged` notification (the first email, when there are several channels). */
export async function loggedNotification(
  instance: TestInstance,
  requestId: string,
  token: string,
): Promise<NotificationBody> {
  const { body } = await instance.request<{ notifications: NotificationBody[] }>(
    'GET',
    `/api/v1/foia-requests/${requestId}`,
    undefined,
    token,
  );
  return body.notifications.find((notification) => notification.event === 'request.logged')!;
}
