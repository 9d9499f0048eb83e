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

/** How a platform's traffic reads: which requests are API calls, and which answers make the client pause. */
export interface PlatformTraffic {
  isApiRequest(path: string): boolean;
  /**
   * For an API answer: whether the platform refused it for the rate limit, and how long the client sleeps after
   * it (ms; Infinity when the answer does not say), or null when it does not sleep.
   */
  pauseAfter(statusCode: number, headers: Headers): { refused: boolean; pauseMs: number | null };
}

/**
 * Splits a run's wall time between the platform and us, from outside the code measured: Node's `fetch` reports
 * every request on the `undici:request:*` diagnostics channels. Time is the platform's while a request to
 * `origin` is in flight (sent until its body has arrived), or while the sync sleeps for a rate limit (from an
 * answer `traffic` says pauses the client until the next API request, but no later than the wait the answer
 * named: waking up late is ours); the rest is our own work. Requests in flight together count once.
 */
export class PlatformWaitMeter {
  apiRequests = 0;
  mediaRequests = 0;
  refused = 0;
  /** Sleeps begun for the rate limit. */
  pauses = 0;
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
   * @param stopAfterPauses when set, the meter stops as the first API request after that many sleeps is sent
   *   (the slice of a rate-limited run ends there) and calls `onStop` at that instant, before its answer comes.
   */
  constructor(
    baseUrl: string,
    private readonly traffic: PlatformTraffic,
    private readonly stopAfterPauses: number | null = null,
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
    const api = this.traffic.isApiRequest(request.path);
    if (api && this.stopAfterPauses !== null && this.pauses >= this.stopAfterPauses) {
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
    if (!this.ours.has(request) || !this.traffic.isApiRequest(request.path) || !response) return;
    const { refused, pauseMs } = this.traffic.pauseAfter(response.statusCode, headersOf(response.headers));
    if (refused) this.refused += 1;
    if (pauseMs !== null) this.pauseAfter.set(request, performance.now() + pauseMs);
  }

  private ended({ request }: UndiciMessage): void {
    if (!this.ours.has(request) || this.stopped) return;
    this.ours.delete(request);
    this.advance();
    this.inFlight -= 1;
    const until = this.pauseAfter.get(request);
    if (until === undefined) return;
    if (this.sleepingUntil === null) this.pauses += 1;
    this.sleepingUntil = Math.max(until, this.sleepingUntil ?? 0);
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

function headersOf(raw: Array<Buffer | string>): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < raw.length; index += 2)
    headers.append(raw[index].toString(), raw[index + 1].toString());
  return headers;
}
