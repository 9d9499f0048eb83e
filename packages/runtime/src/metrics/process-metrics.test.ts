import { ProcessMetrics } from './process-metrics';
import { startMetricsServer } from './metrics-server';

describe('ProcessMetrics', () => {
  it('reads queue depths and the outbox backlog at scrape time, and skips a queue that does not answer', async () => {
    const metrics = new ProcessMetrics();
    let waiting = 3;
    metrics.watchQueues([
      { name: 'sync', getJobCounts: async () => ({ waiting, active: 1, delayed: 0, failed: 2 }) },
      { name: 'notify', getJobCounts: async () => Promise.reject(new Error('Redis is down')) },
    ]);
    metrics.watchOutbox(async () => 7);
    let text = (await metrics.render()).body;
    expect(text).toContain('verbatim_queue_jobs{queue="sync",state="waiting"} 3');
    expect(text).toContain('verbatim_queue_jobs{queue="sync",state="failed"} 2');
    expect(text).not.toContain('queue="notify"');
    expect(text).toContain('verbatim_notification_outbox_pending 7');
    waiting = 0;
    text = (await metrics.render()).body;
    expect(text).toContain('verbatim_queue_jobs{queue="sync",state="waiting"} 0');
  });

  it('serves /metrics on a port of its own to loopback', async () => {
    const metrics = new ProcessMetrics();
    metrics.countCaptures('facebook', 4, 120);
    const { server, port } = await startMetricsServer(metrics, { port: 0, host: '127.0.0.1' });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('verbatim_captures_total{platform="facebook"} 4');
      expect(text).toContain('verbatim_captured_items_total{platform="facebook"} 120');
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
