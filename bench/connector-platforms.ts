/**
 * The platforms bench:connectors backfills, each as the benchmark needs it: its fake in a child process (with
 * or without the published rate limit), the account's connector settings, how its traffic reads (API calls,
 * answers that make the client pause), and its published limit in words.
 */
import { DEFAULT_THROTTLE_WAIT_MS, graphUsageOf, SLOW_DOWN_PERCENT, SLOW_DOWN_WAIT_MS } from '@verbatim/connectors';
import {
  FAKE_PAGE_ID,
  FAKE_PAGE_TOKEN,
  MASTODON_RATE_LIMIT,
  pagesRateLimit,
  type GraphRateLimit,
} from '@verbatim/connectors/testing';
import { startFakePlatformProcess, type FakePlatformProcess } from './fake-platform-process';
import type { PlatformTraffic } from './platform-wait';

export type PlatformName = 'mastodon' | 'facebook';

export interface BenchSettings {
  seed: number;
  posts: number;
  /** Facebook only: the Page's engaged users, which size Meta's published limit (4,800 calls each per 24 h). */
  engagedUsers: number;
}

export interface BenchPlatform {
  name: PlatformName;
  /** What one record is, in the JSON: Mastodon statuses, Facebook posts and comments. */
  records: string;
  startFake(settings: BenchSettings, limited: boolean): Promise<FakePlatformProcess>;
  accountSettings(baseUrl: string): { type: PlatformName } & Record<string, string>;
  traffic: PlatformTraffic;
  rateLimit(settings: BenchSettings): string;
}

const MASTODON_TOKEN = 'bench-token';

const mastodon: BenchPlatform = {
  name: 'mastodon',
  records: 'statuses (the town’s posts and the residents’ replies)',
  startFake: (settings, limited) =>
    startFakePlatformProcess({
      platform: 'mastodon',
      options: {
        seed: settings.seed,
        posts: settings.posts,
        accessToken: MASTODON_TOKEN,
        rateLimit: limited ? MASTODON_RATE_LIMIT : false,
      },
    }),
  accountSettings: (instanceUrl) => ({
    type: 'mastodon',
    instanceUrl,
    account: 'townofx',
    accessToken: MASTODON_TOKEN,
  }),
  traffic: {
    isApiRequest: (path) => path.startsWith('/api/'),
    pauseAfter: (statusCode, headers) => {
      const refused = statusCode === 429;
      if (!refused && headers.get('x-ratelimit-remaining')?.trim() !== '0') return { refused, pauseMs: null };
      const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
      return { refused, pauseMs: Number.isFinite(reset) ? reset - Date.now() : Infinity };
    },
  },
  rateLimit: () => `${MASTODON_RATE_LIMIT.requests} API requests / ${MASTODON_RATE_LIMIT.windowMs / 1000} s`,
};

const facebook: BenchPlatform = {
  name: 'facebook',
  records: 'posts and comments (replies included)',
  startFake: (settings, limited) =>
    startFakePlatformProcess({
      platform: 'facebook',
      options: {
        seed: settings.seed,
        posts: settings.posts,
        ...(limited ? { rateLimit: pagesRateLimit(settings.engagedUsers) } : {}),
      },
    }),
  accountSettings: (graphUrl) => ({ type: 'facebook', pageId: FAKE_PAGE_ID, accessToken: FAKE_PAGE_TOKEN, graphUrl }),
  traffic: {
    isApiRequest: (path) => /^\/v\d+\.\d+\//.test(path),
    // As GraphClient reads the usage headers: throttled beyond the budget, a pause from 90% of it.
    pauseAfter: (statusCode, headers) => {
      const usage = graphUsageOf(headers);
      const refused = statusCode >= 400 && usage.percent >= 100;
      if (refused) return { refused, pauseMs: usage.regainAccessMs ?? DEFAULT_THROTTLE_WAIT_MS };
      if (usage.percent >= SLOW_DOWN_PERCENT) return { refused, pauseMs: usage.regainAccessMs ?? SLOW_DOWN_WAIT_MS };
      return { refused, pauseMs: null };
    },
  },
  rateLimit: (settings) => {
    const limit: GraphRateLimit = pagesRateLimit(settings.engagedUsers);
    return `${limit.calls} API calls / ${limit.windowMs / 3_600_000} h rolling (4,800 × ${settings.engagedUsers} engaged user(s)); the connector pauses ${SLOW_DOWN_WAIT_MS / 60_000} min at ${SLOW_DOWN_PERCENT}% of it`;
  },
};

export const PLATFORMS: Record<PlatformName, BenchPlatform> = { mastodon, facebook };
