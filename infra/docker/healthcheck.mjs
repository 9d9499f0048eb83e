// Container health check for the Verbatim image (`node infra/docker/healthcheck.mjs`); exits 0 when healthy.
// A process running the api role answers GET /healthz, which checks every backend it uses. A worker-only process
// serves no HTTP, so it is healthy while the Redis it takes jobs from answers from inside its container; if the
// worker process itself dies, the container exits and Docker restarts it.
import { Redis } from 'ioredis';

const TIMEOUT_MS = 4000;
const roles = (process.env.ROLES ?? 'api,worker').split(',').map((role) => role.trim());

async function apiAnswers() {
  const port = process.env.PORT ?? '3000';
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`/healthz answered ${response.status}: ${await response.text()}`);
}

async function redisAnswers() {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The failure is reported by connect() or ping(); this only keeps ioredis from printing it a second time.
  redis.on('error', () => {});
  try {
    await redis.connect();
    const answer = await redis.ping();
    if (answer !== 'PONG') throw new Error(`Redis answered ${answer}`);
  } finally {
    redis.disconnect();
  }
}

try {
  await (roles.includes('api') ? apiAnswers() : redisAnswers());
  process.exit(0);
} catch (error) {
  process.stderr.write(`unhealthy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
