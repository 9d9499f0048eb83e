import type { Queue } from 'bullmq';
import { Catalog, sha256Hex } from '@verbatim/core';
import { generateTokenSecret } from '@verbatim/api-service';
import { enqueueSync, scheduleAccount } from '@verbatim/queue';
import type { Logger } from '@verbatim/runtime';

const DEMO_AGENCY = 'Demo: Department of Public Works';

const DEMO_ACCOUNTS = [
  { platform: 'facebook', handle: 'demo-public-works', displayName: 'Public Works (demo)', seed: 7, posts: 40 },
  { platform: 'instagram', handle: 'demo-parks', displayName: 'Parks and Recreation (demo)', seed: 11, posts: 25 },
] as const;

/**
 * Registers a demo agency with mock accounts (once) and syncs them, so a newcomer sees search results at once.
 * Prints a token that can search, since a fresh installation has none.
 */
export async function runDemo(catalog: Catalog, queue: Queue, port: number | undefined, logger: Logger): Promise<void> {
  let agency = (await catalog.listAgencies()).find((candidate) => candidate.name === DEMO_AGENCY);
  agency ??= await catalog.createAgency({ name: DEMO_AGENCY, kind: 'department' });
  const existing = await catalog.listAccounts({ agencyId: agency.id });
  for (const demo of DEMO_ACCOUNTS) {
    let account = existing.find((candidate) => candidate.handle === demo.handle);
    account ??= await catalog.createAccount({
      agencyId: agency.id, platform: demo.platform, handle: demo.handle, displayName: demo.displayName, status: 'active',
      connector: { type: 'mock', seed: demo.seed, posts: demo.posts, maxCommentsPerPost: 12 },
      syncIntervalMinutes: 5,
      administrators: [{ name: 'Pat Demo', email: 'pat@town.example.gov' }, { name: 'Lee Demo', email: 'lee@town.example.gov' }],
      moderators: [{ name: 'Sam Demo', email: 'sam@town.example.gov' }],
    });
    await scheduleAccount(queue, account);
    await enqueueSync(queue, catalog, account.id);
  }
  const secret = generateTokenSecret();
  await catalog.createToken({ name: 'demo', roles: ['it-admin', 'foia-officer'], secretSha256: sha256Hex(secret) });
  const base = `http://localhost:${port ?? 3000}`;
  logger.info({ accounts: DEMO_ACCOUNTS.length }, 'demo ready: mock accounts registered and syncing every 5 minutes');
  // The token goes to the terminal only, never into the structured log.
  process.stderr.write(`\nDemo ready. Search the archive with:\n  curl -H 'Authorization: Bearer ${secret}' '${base}/api/v1/records?q=road&limit=5'\n\n`);
}
