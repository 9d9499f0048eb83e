import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Depths of one queue by state, as BullMQ's getJobCounts reports them. */
export interface QueueDepthSource {
  name: string;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

export const QUEUE_DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Job outcomes as job duration is labelled. */
export type JobOutcome = 'completed' | 'failed';

/**
 * The Prometheus metrics of one process, in a registry of its own (several instances can share a test process).
 * Counters and histograms are this process's; gauges of queues and the outbox are read at scrape time, so
 * every process that serves /metrics reports the same town-wide figures for them.
 */
export class ProcessMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly jobDuration: Histogram<'queue' | 'outcome'>;
  private readonly captures: Counter<'platform'>;
  private readonly capturedItems: Counter<'platform'>;
  private readonly searchDuration: Histogram;
  private readonly queueSources: QueueDepthSource[] = [];
  private outboxBacklog?: () => Promise<number>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'verbatim_' });
    this.httpDuration = new Histogram({
      name: 'verbatim_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status: latency (its _count is the number of requests)',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'verbatim_job_duration_seconds',
      help: 'Background job attempts run by this process, by queue and outcome: time from start to end',
      labelNames: ['queue', 'outcome'],
      buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    });
    this.captures = new Counter({
      name: 'verbatim_captures_total',
      help: 'Raw platform pages captured (stored byte for byte) by this process, by platform',
      labelNames: ['platform'],
      registers,
    });
    this.capturedItems = new Counter({
      name: 'verbatim_captured_items_total',
      help: 'Posts, comments and messages read from captured pages by this process, by platform',
      labelNames: ['platform'],
      registers,
    });
    this.searchDuration = new Histogram({
      name: 'verbatim_search_duration_seconds',
      help: 'Searches of the archive (API and pages) answered by this process: latency',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.registerScrapeTimeGauges();
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  observeJob(queue: string, outcome: JobOutcome, seconds: number): void {
    this.jobDuration.observe({ queue, outcome }, seconds);
  }

  countCaptures(platform: string, pages: number, items: number): void {
    if (pages > 0) this.captures.inc({ platform }, pages);
    if (items > 0) this.capturedItems.inc({ platform }, items);
  }

  observeSearch(seconds: number): void {
    this.searchDuration.observe(seconds);
  }

  /** Reports these queues' depths at each scrape. */
  watchQueues(queues: readonly QueueDepthSource[]): void {
    this.queueSources.push(...queues);
  }

  /** Reports the notification outbox's backlog (deliveries still pending) at each scrape. */
  watchOutbox(countPending: () => Promise<number>): void {
    this.outboxBacklog = countPending;
  }

  /** The text exposition format, and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private registerScrapeTimeGauges(): void {
    const sources = this.queueSources;
    new Gauge({
      name: 'verbatim_queue_jobs',
      help: 'Jobs in each queue by state, read from Redis at scrape time',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of sources) {
          const counts = await queue.getJobCounts(...QUEUE_DEPTH_STATES).catch(() => null);
          if (!counts) continue;
          for (const state of QUEUE_DEPTH_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    const readOutbox = () => this.outboxBacklog?.();
    new Gauge({
      name: 'verbatim_notification_outbox_pending',
      help: 'Notification deliveries not yet delivered nor failed for good, read from the catalog at scrape time',
      registers: [this.registry],
      async collect() {
        const pending = await Promise.resolve(readOutbox()).catch(() => undefined);
        if (pending !== undefined) this.set(pending);
      },
    });
  }
}
