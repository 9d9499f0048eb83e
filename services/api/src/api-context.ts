import type { Application } from '@verbatim/app';
import type { NotificationGap } from '@verbatim/config';
import type { Logger, ProcessMetrics } from '@verbatim/runtime';

/** What the routes run on: the use cases, plus what only HTTP needs. */
export interface ApiContext extends Application {
  /** Express `trust proxy` (TRUST_PROXY), so `request.secure` sees TLS ended at a proxy. */
  trustProxy?: string;
  version: string;
  /** FACEBOOK_WEBHOOK_VERIFY_TOKEN: what Meta's webhook handshake must present; the handshake is refused without it. */
  facebookWebhookVerifyToken?: string;
  /** What the notification settings leave out (notificationGaps); /healthz reports notifications not ready. */
  notificationGaps?: readonly NotificationGap[];
  /** What the notification settings leave to a fallback (notificationWarnings); shown, never "not ready". */
  notificationWarnings?: readonly NotificationGap[];
  /** This process's metrics: served at /metrics and fed by every request. */
  metrics?: ProcessMetrics;
  /** METRICS_TOKEN: lets a scraper on another machine read /metrics. */
  metricsToken?: string;
  /** Where the access log (one line per request) goes; none when absent. */
  accessLogger?: Logger;
}
