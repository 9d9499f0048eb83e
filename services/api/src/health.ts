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

/** Readiness of each backend; 503 when any of them does not answer. */
export async function checkHealth(context: ApiContext): Promise<{ status: number; body: unknown }> {
  const [catalog, search, objectStore, queue] = await Promise.all([
    check(() => context.catalog.ping()),
    check(() => context.searchIndex.ping()),
    check(() => context.objectStore.ping()),
    check(() => context.jobs.ping()),
  ]);
  const checks = { catalog, search, objectStore, queue };
  const healthy = Object.values(checks).every((entry) => entry.ok);
  return {
    status: healthy ? 200 : 503,
    body: { status: healthy ? 'ok' : 'degraded', version: context.version, checks },
  };
}
