import robotsParser from 'robots-parser';
import { WEB_USER_AGENT, webGet } from '../http/web-fetch';

/** The name robots.txt rules are matched against (the first word of our User-Agent). */
export const ROBOTS_AGENT = WEB_USER_AGENT.split('/')[0];
/** One request a second when a site says nothing; a Crawl-delay it asks for is honoured up to a minute. */
export const DEFAULT_INTERVAL_MS = 1000;
const MAX_INTERVAL_MS = 60_000;

interface Rules {
  isAllowed(url: string): boolean;
  intervalMs: number;
}

/**
 * Each site's robots.txt, read once per origin and kept for the connector's life, and the pace it asks for.
 * A robots.txt that is missing (4xx) allows everything, as the convention says; one that cannot be read (5xx,
 * network) allows nothing this time, since the site may be in trouble, and is asked for again next time.
 */
export class SiteRules {
  private readonly rules = new Map<string, Rules>();
  private readonly lastRequest = new Map<string, number>();

  constructor(
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    private readonly now: () => number = Date.now,
  ) {}

  async isAllowed(url: string, signal?: AbortSignal): Promise<boolean> {
    return (await this.rulesOf(new URL(url).origin, signal)).isAllowed(url);
  }

  /** Waits until the site's pace allows the next request, then counts it. */
  async pace(url: string, signal?: AbortSignal): Promise<void> {
    const origin = new URL(url).origin;
    const { intervalMs } = await this.rulesOf(origin, signal);
    const wait = (this.lastRequest.get(origin) ?? -Infinity) + intervalMs - this.now();
    if (wait > 0) await this.sleep(wait);
    this.lastRequest.set(origin, this.now());
  }

  private async rulesOf(origin: string, signal?: AbortSignal): Promise<Rules> {
    const known = this.rules.get(origin);
    if (known) return known;
    const address = `${origin}/robots.txt`;
    const response = await webGet(address, 'text/plain', signal);
    this.lastRequest.set(origin, this.now());
    if (response.status >= 500) return { isAllowed: () => false, intervalMs: DEFAULT_INTERVAL_MS };
    const text = response.status === 200 ? new TextDecoder().decode(response.raw) : '';
    const robots = robotsParser(address, text);
    const delay = robots.getCrawlDelay(ROBOTS_AGENT);
    const rules: Rules = {
      isAllowed: (url) => robots.isAllowed(url, ROBOTS_AGENT) !== false,
      intervalMs: delay === undefined ? DEFAULT_INTERVAL_MS : Math.min(MAX_INTERVAL_MS, Math.max(0, delay * 1000)),
    };
    this.rules.set(origin, rules);
    return rules;
  }
}
