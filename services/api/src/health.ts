import type { ApiContext } from './api-context';

const CHECK_TIMEOUT_MS = 2000;

async function check(run: () => Promise<void>): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([run(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Notifications are ready when the settings name the attorney's office and a channel to reach it by. Settings
 * left to a fallback (IT_NOTIFY_EMAILS) are listed as `warnings` and leave them ready.
 */
function notificationsCheck(context: ApiContext): {
  ok: boolean;
  error?: string;
  missing?: string[];
  warnings?: string[];
} {
  const gaps = context.notificationGaps ?? [];
  const warnings = (context.notificationWarnings ?? []).map((warning) => warning.problem);
  const withWarnings = warnings.length > 0 ? { warnings } : {};
  if (gaps.length === 0) return { ok: true, ...withWarnings };
  return {
    ok: false,
    error: gaps.map((gap) => gap.problem).join('; '),
    missing: gaps.map((gap) => gap.missing),
    ...withWarnings,
  };
}

/**
 * Readiness of each backend and of notifications. 503 (`degraded`) when a backend does not answer: the process
 * cannot serve. Notifications not ready is a matter of settings, not of the process: it stays 200, with status
 * `incomplete`, so an orchestrator keeps the archive and the request log serving while IT completes them.
 */
export async function checkHealth(context: ApiContext): Promise<{ status: number; body: unknown }> {
  const [catalog, search, objectStore, queue] = await Promise.all([
    check(() => context.catalog.ping()),
    check(() => context.searchIndex.ping()),
    check(() => context.objectStore.ping()),
    check(() => context.jobs.ping()),
  ]);
  const backends = { catalog, search, objectStore, queue };
  const notifications = notificationsCheck(context);
  const healthy = Object.values(backends).every((entry) => entry.ok);
  const status = !healthy ? 'degraded' : notifications.ok ? 'ok' : 'incomplete';
  return {
    status: healthy ? 200 : 503,
    body: { status, version: context.version, checks: { ...backends, notifications } },
  };
}
