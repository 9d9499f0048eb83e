import type { Queue } from 'bullmq';
import { Catalog, PeopleStore, sha256Hex } from '@verbatim/core';
import { generateTokenSecret } from '@verbatim/app';
import { enqueueSync, scheduleAccount } from '@verbatim/queue';
import type { Logger } from '@verbatim/runtime';
import { DEMO_ACCOUNT_PEOPLE, ensureDemoPeople, formatDemoBanner } from './demo-people';

const DEMO_AGENCY = 'Demo: Department of Public Works';

const DEMO_ACCOUNTS = [
  { platform: 'facebook', handle: 'demo-public-works', displayName: 'Public Works (demo)', seed: 7, posts: 40 },
  { platform: 'instagram', handle: 'demo-parks', displayName: 'Parks and Recreation (demo)', seed: 11, posts: 25 },
] as const;

export interface DemoOptions {
  catalog: Catalog;
  people: PeopleStore;
  queue: Queue;
  /** The API's port in this process, if it runs the api role. */
  port: number | undefined;
  /** PUBLIC_URL, when set: where people open the web application. */
  publicUrl?: string;
  logger: Logger;
  /** Where the sign-in details and the token go: the terminal (stderr) unless a test captures them. */
  write?: (text: string) => void;
}

/**
 * Registers a demo agency with mock accounts (once) and syncs them, so a newcomer sees search results at once.
 * Creates an IT administrator, a FOIA officer, an attorney, a moderator, an IT director and a communications
 * manager (once; later starts give them new passwords), registers some of them on the accounts, and
 * prints their sign-in details and a token that can search, since a fresh installation has neither.
 */
export async function runDemo(options: DemoOptions): Promise<void> {
  const { catalog, queue, logger } = options;
  let agency = (await catalog.listAgencies()).find((candidate) => candidate.name === DEMO_AGENCY);
  agency ??= await catalog.createAgency({ name: DEMO_AGENCY, kind: 'department' });
  const existing = await catalog.listAccounts({ agencyId: agency.id });
  for (const demo of DEMO_ACCOUNTS) {
    let account = existing.find((candidate) => candidate.handle === demo.handle);
    account ??= await catalog.createAccount({
      agencyId: agency.id,
      platform: demo.platform,
      handle: demo.handle,
      displayName: demo.displayName,
      status: 'active',
      connector: { type: 'mock', seed: demo.seed, posts: demo.posts, maxCommentsPerPost: 12 },
      syncIntervalMinutes: 5,
      ...DEMO_ACCOUNT_PEOPLE,
    });
    await scheduleAccount(queue, account);
    await enqueueSync(queue, catalog, account.id);
  }
  const signIns = await ensureDemoPeople(options.people, catalog);
  const secret = generateTokenSecret();
  await catalog.createToken({ name: 'demo', roles: ['it-admin', 'foia-officer'], secretSha256: sha256Hex(secret) });
  const apiBase = `http://localhost:${options.port ?? 3000}`;
  const webUrl = options.publicUrl ?? `${apiBase}/`;
  logger.info(
    { accounts: DEMO_ACCOUNTS.length, people: signIns.map((signIn) => signIn.email) },
    'demo ready: mock accounts registered and syncing every 5 minutes; demo people can sign in',
  );
  // Passwords and the token go to the terminal only, never into the structured log.
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  write(formatDemoBanner(signIns, webUrl, secret, apiBase));
}
