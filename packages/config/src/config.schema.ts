import { z } from 'zod';
import { parsePlatformRateLimits } from './platform-rate-limits';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** An optional setting left empty (`METRICS_TOKEN=` or Compose's `${METRICS_TOKEN:-}`) is an unset one. */
const blankAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * What a process does: `api` serves HTTP (the JSON API and the web pages); `ingest` runs sync jobs and keeps
 * account schedules; `index` keeps the search index caught up with the catalog; `bundle` renders response
 * bundles; `notify` relays the outbox and delivers notifications. `worker` is short for the last four.
 */
export const ProcessRoleSchema = z.enum(['api', 'worker', 'ingest', 'index', 'bundle', 'notify']);
export type ProcessRole = z.infer<typeof ProcessRoleSchema>;
export const WORKER_ROLES = ['ingest', 'index', 'bundle', 'notify'] as const satisfies readonly ProcessRole[];

const roleList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean),
  )
  .pipe(z.array(ProcessRoleSchema).min(1));

/** Variables every process reads. */
export const BaseEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key BullMQ writes, so several installations (or test runs) can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('verbatim'),
  ROLES: z.string().default('api,worker').pipe(roleList),
  /** Calls per window per platform, shared by all workers, e.g. `facebook=200/1h,x=900/15m`; none by default. */
  PLATFORM_RATE_LIMITS: z
    .string()
    .default('')
    .transform((text, context) => {
      try {
        return parsePlatformRateLimits(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Requests one sync keeps in flight to its platform (threads, comment pages), handed out in order; 1: one at a time. */
  CONNECTOR_REQUEST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(4),
  /** How long a worker's job lock lives; a killed worker's job is taken over by another after about this long. */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  STORAGE_BACKEND: z.enum(['fs', 's3']).default('fs'),
  CATALOG_BACKEND: z.enum(['sqlite', 'postgres'], { message: 'must be sqlite or postgres' }).default('sqlite'),
  SEARCH_BACKEND: z.enum(['sqlite', 'elasticsearch'], { message: 'must be sqlite or elasticsearch' }).default('sqlite'),
  /** Express `trust proxy`: set it (e.g. `loopback`) behind a TLS-terminating proxy so cookies are marked Secure. */
  TRUST_PROXY: z.string().optional(),
  BOOTSTRAP_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** What Meta's webhook handshake must present (`hub.verify_token`) before Page deliveries are accepted. */
  FACEBOOK_WEBHOOK_VERIFY_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Bearer token that lets a scraper read /metrics from another machine (loopback may always read it). */
  METRICS_TOKEN: blankAsUnset(z.string().min(24, 'must be at least 24 characters')),
  /** Port of /metrics for a process without the api role (a worker); 0 picks a free port; unset: none. */
  METRICS_PORT: blankAsUnset(z.coerce.number().int().min(0).max(65535)),
  /** The town's Ed25519 bundle-signing key (PKCS#8 PEM); made on first start. Default: DATA_DIR/town-signing-key.pem. */
  SIGNING_KEY_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: booleanFromEnv.default(false),
  /** Start a local redis-server under DATA_DIR when none answers at REDIS_URL (embedded mode only). */
  REDIS_AUTOSTART: booleanFromEnv.default(true),
});

/** Variables of the S3 object store, read only when STORAGE_BACKEND=s3. */
export const S3EnvSchema = z.object({
  S3_BUCKET: z.string().min(3),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(false),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** S3-compatible servers may store the SDK's checksum framing verbatim; WHEN_REQUIRED avoids it. */
  S3_REQUEST_CHECKSUM_CALCULATION: z.enum(['WHEN_SUPPORTED', 'WHEN_REQUIRED']).optional(),
  S3_RESPONSE_CHECKSUM_VALIDATION: z.enum(['WHEN_SUPPORTED', 'WHEN_REQUIRED']).optional(),
  /** Create the bucket at start when it is missing (local and test setups). */
  S3_CREATE_BUCKET: booleanFromEnv.default(false),
  /** Object Lock retention mode of every write, when the bucket has Object Lock and S3_OBJECT_LOCK_DAYS is set. */
  S3_OBJECT_LOCK_MODE: z.enum(['GOVERNANCE', 'COMPLIANCE']).default('GOVERNANCE'),
  /** Days every write is retained (WORM) on a bucket with Object Lock; also creates the bucket lock-enabled. */
  S3_OBJECT_LOCK_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
  /** Bodies above one part are uploaded in parts of this many MiB (S3 allows 5 to 5120). */
  S3_MULTIPART_PART_SIZE_MIB: z.coerce.number().int().min(5).max(5120).default(16),
});

const emailList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((email) => email.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email('each address must be an email address')));

/** The town and how its attorney's office is told about FOIA requests. Every process reads these. */
export const FoiaEnvSchema = z
  .object({
    TOWN_NAME: z.string().min(1).default('Town of Example'),
    /** IANA zone of the town's wall clock: deadlines fall at the end of its business days. */
    TOWN_TIME_ZONE: z
      .string()
      .default('America/New_York')
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as America/New_York'),
    /** Where people open the web application; links in notification emails point here. */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    NOTIFY_FROM: z.string().min(3).default('Verbatim FOIA <foia@localhost>'),
    ATTORNEY_NOTIFY_EMAILS: emailList.default([]),
    /**
     * The town's policy requires the Communications Manager's approval of each new account (Norwalk): new accounts
     * start pending approval and are not synced until approved. Off by default (Westport).
     */
    REQUIRE_ACCOUNT_APPROVAL: booleanFromEnv.default(false),
    /** Who hears that an account stopped archiving or came back; unset, the active IT administrators. */
    IT_NOTIFY_EMAILS: emailList.default([]),
    NOTIFY_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    NOTIFY_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    /** First retry of a failed notification after this long; then doubling, up to NOTIFY_RETRY_MAX_MS. */
    NOTIFY_RETRY_DELAY_MS: z.coerce.number().int().min(10).default(10_000),
    NOTIFY_RETRY_MAX_MS: z.coerce.number().int().min(10).default(600_000),
    /** How often the outbox relay looks for deliveries the queue has not taken, and deadlines due soon. */
    OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().min(50).default(15_000),
  })
  .refine((env) => !env.NOTIFY_WEBHOOK_URL || env.NOTIFY_WEBHOOK_SECRET, {
    message: 'NOTIFY_WEBHOOK_SECRET is required with NOTIFY_WEBHOOK_URL',
    path: ['NOTIFY_WEBHOOK_SECRET'],
  });

/** Variables of the PostgreSQL catalog, read only when CATALOG_BACKEND=postgres. */
export const PostgresEnvSchema = z.object({
  DATABASE_URL: z
    .string({
      message: 'is required with CATALOG_BACKEND=postgres, e.g. postgres://verbatim:secret@localhost:5432/verbatim',
    })
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://'),
  /** Schema of the catalog's tables, created at start when absent; several installations can share a database. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _ only, not starting with a digit')
    .default('public'),
  /** Connections each process keeps open at most: bounds its concurrent queries, not the number of workers. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});

/** Variables of the Elasticsearch search index, read only when SEARCH_BACKEND=elasticsearch. */
export const ElasticsearchEnvSchema = z
  .object({
    ELASTICSEARCH_URL: z.url({
      protocol: /^https?$/,
      message: 'is required with SEARCH_BACKEND=elasticsearch, e.g. http://localhost:9200',
    }),
    /** The alias searched and written; the adapter creates `<alias>-v1` behind it when absent. */
    ELASTICSEARCH_INDEX: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lowercase letters, digits, _ . and - only')
      .default('verbatim-records'),
    ELASTICSEARCH_API_KEY: z.string().min(1).optional(),
    ELASTICSEARCH_USERNAME: z.string().min(1).optional(),
    ELASTICSEARCH_PASSWORD: z.string().min(1).optional(),
  })
  .refine((env) => !env.ELASTICSEARCH_USERNAME === !env.ELASTICSEARCH_PASSWORD, {
    message: 'set ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD together',
    path: ['ELASTICSEARCH_PASSWORD'],
  })
  .refine((env) => !(env.ELASTICSEARCH_API_KEY && env.ELASTICSEARCH_USERNAME), {
    message: 'set either ELASTICSEARCH_API_KEY or a username and password, not both',
    path: ['ELASTICSEARCH_API_KEY'],
  });
