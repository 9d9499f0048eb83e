import diagnosticsChannel from 'node:diagnostics_channel';

/** The parts of undici's request and response objects (Node's `fetch`) that the diagnostics channels carry. */
interface UndiciRequest {
  origin?: string | URL;
  path: string;
}
interface UndiciMessage {
  request: UndiciRequest;
  response?: { statusCode: number; headers: Array<Buffer | string> };
}

/**
 * Splits a run's wall time between the platform and us, from outside the code measured: Node's `fetch` reports
 * every request on the `undici:request:*` diagnostics channels. Time is the platform's while a request to
 * `origin` is in flight (sent until its body has arrived), or while the sync sleeps for a rate limit (from a
 * response saying `X-RateLimit-Remaining: 0` or 429 until the next API request, but no later than the
 * `X-RateLimit-Reset` it named: waking up late is ours); the rest is our own work. Requests in flight together
 * count once.
 */
export class PlatformWaitMeter {
  apiRequests = 0;
  mediaRequests = 0;
  refused = 0;
  readonly seconds = { http: 0, sleeping: 0, own: 0 };
  private readonly origin: string;
  /** Requests whose answer says to sleep, and until when (`performance.now()` time). */
  private readonly pauseAfter = new WeakMap<UndiciRequest, number>();
  private readonly ours = new WeakSet<UndiciRequest>();
  private inFlight = 0;
  private sleepingUntil: number | null = null;
  private startedAt: number | null = null;
  private last = 0;
  private stoppedAt: number | null = null;
  private readonly subscriptions: Array<[string, (message: unknown) => void]>;

  /**
   * @param lastApiRequest when set, the meter stops as API request `lastApiRequest + 1` is sent (the slice of a
   *   rate-limited run ends there) and calls `onStop` at that instant, before the request's answer can arrive.
   */
  constructor(
    baseUrl: string,
    private readonly lastApiRequest: number | null = null,
    private readonly onStop: () => void = () => undefined,
  ) {
    this.origin = new URL(baseUrl).origin;
    this.subscriptions = [
      ['undici:request:create', (message) => this.sent(message as UndiciMessage)],
      ['undici:request:headers', (message) => this.answered(message as UndiciMessage)],
      ['undici:request:trailers', (message) => this.ended(message as UndiciMessage)],
      ['undici:request:error', (message) => this.ended(message as UndiciMessage)],
    ];
    for (const [name, listener] of this.subscriptions) diagnosticsChannel.subscribe(name, listener);
  }

  start(): void {
    this.startedAt = this.last = performance.now();
  }

  /** Ends the measurement (once); later requests are not counted. */
  stop(): void {
    if (this.startedAt === null || this.stoppedAt !== null) return;
    this.advance();
    this.stoppedAt = this.last;
    for (const [name, listener] of this.subscriptions) diagnosticsChannel.unsubscribe(name, listener);
    this.onStop();
  }

  get stopped(): boolean {
    return this.stoppedAt !== null;
  }

  get wallSeconds(): number {
    return ((this.stoppedAt ?? performance.now()) - (this.startedAt ?? 0)) / 1000;
  }

  private sent({ request }: UndiciMessage): void {
    if (this.startedAt === null || this.stopped || originOf(request) !== this.origin) return;
    const api = request.path.startsWith('/api/');
    if (api && this.lastApiRequest !== null && this.apiRequests === this.lastApiRequest) {
      this.stop();
      return;
    }
    this.advance();
    this.ours.add(request);
    if (api) {
      this.apiRequests += 1;
      this.sleepingUntil = null;
    } else {
      this.mediaRequests += 1;
    }
    this.inFlight += 1;
  }

  private answered({ request, response }: UndiciMessage): void {
    if (!this.ours.has(request) || !request.path.startsWith('/api/') || !response) return;
    if (response.statusCode === 429) this.refused += 1;
    if (response.statusCode === 429 || headerOf(response.headers, 'x-ratelimit-remaining') === '0') {
      const reset = Date.parse(headerOf(response.headers, 'x-ratelimit-reset') ?? '');
      this.pauseAfter.set(request, Number.isFinite(reset) ? performance.now() + reset - Date.now() : Infinity);
    }
  }

  private ended({ request }: UndiciMessage): void {
    if (!this.ours.has(request) || this.stopped) return;
    this.ours.delete(request);
    this.advance();
    this.inFlight -= 1;
    const until = this.pauseAfter.get(request);
    if (until !== undefined) this.sleepingUntil = until;
  }

  /** Adds the time since the last event to the state the run was in meanwhile. */
  private advance(): void {
    const now = performance.now();
    if (this.inFlight > 0) {
      this.seconds.http += (now - this.last) / 1000;
    } else if (this.sleepingUntil !== null) {
      const slept = Math.max(0, Math.min(now, this.sleepingUntil) - this.last);
      this.seconds.sleeping += slept / 1000;
      this.seconds.own += (now - this.last - slept) / 1000;
    } else {
      this.seconds.own += (now - this.last) / 1000;
    }
    this.last = now;
  }
}

function originOf(request: UndiciRequest): string {
  return String(request.origin).replace(/\/$/, '');
}

function headerOf(headers: Array<Buffer | string>, name: string): string | undefined {
  for (let index = 0; index + 1 < headers.length; index += 2) {
    if (headers[index].toString().toLowerCase() === name) return headers[index + 1].toString().trim();
  }
  return undefined;
}
