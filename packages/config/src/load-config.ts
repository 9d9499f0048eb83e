import path from 'node:path';
import { z } from 'zod';
import type { PlatformRateLimit } from './platform-rate-limits';
import { readOidcSettings, type OidcSettings } from './oidc-settings';
import {
  BaseEnvSchema,
  ElasticsearchEnvSchema,
  FoiaEnvSchema,
  PostgresEnvSchema,
  ProcessRole,
  S3EnvSchema,
  WORKER_ROLES,
} from './config.schema';

export type StorageSettings =
  | { backend: 'fs'; rootDir: string }
  | {
      backend: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      accessKeyId?: string;
      secretAccessKey?: string;
      /** Unset means WHEN_REQUIRED with a custom endpoint, the SDK default with AWS. */
      requestChecksumCalculation?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
      responseChecksumValidation?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
      createBucketIfMissing: boolean;
      /** Retention of every write when the bucket has Object Lock; no retention is sent without `objectLockRetentionDays`. */
      objectLockMode: 'GOVERNANCE' | 'COMPLIANCE';
      objectLockRetentionDays?: number;
      /** Bodies above one part go up as a multipart upload in parts of this size. */
      multipartPartSizeBytes: number;
    };

export type CatalogSettings =
  | { backend: 'sqlite'; file: string }
  | {
      backend: 'postgres';
      /** `DATABASE_URL`: the catalog, FOIA requests, bundles and people all live in this database. */
      connectionString: string;
      schema: string;
      poolSize: number;
    };

export type SearchSettings =
  | { backend: 'sqlite'; file: string }
  | {
      backend: 'elasticsearch';
      node: string;
      /** Alias of the versioned index. */
      index: string;
      auth?: { apiKey: string } | { username: string; password: string };
    };

export interface AppConfig {
  http: { port: number; host: string; trustProxy?: string };
  dataDir: string;
  redis: { url: string; autostart: boolean };
  queue: {
    prefix: string;
    syncConcurrency: number;
    /** Requests a sync keeps in flight to its platform (the connectors' `requestConcurrency`). */
    connectorRequestConcurrency: number;
    lockDurationMs: number;
    platformRateLimits: Readonly<Record<string, PlatformRateLimit>>;
  };
  roles: readonly ProcessRole[];
  storage: StorageSettings;
  catalog: CatalogSettings;
  search: SearchSettings;
  town: { name: string; timeZone: string; publicUrl?: string };
  /** REQUIRE_ACCOUNT_APPROVAL: new accounts wait for the Communications Manager's approval before they are synced. */
  registry: { requireAccountApproval: boolean };
  notify: NotifySettings;
  bootstrapAdminToken?: string;
  /** Where the town's bundle-signing key lives (SIGNING_KEY_FILE); the private key never leaves this file. */
  signing: { keyFile: string };
  /** The Facebook Page webhook's verify token (FACEBOOK_WEBHOOK_VERIFY_TOKEN); without it the handshake is refused. */
  webhooks: { facebookVerifyToken?: string };
  logLevel: string;
  /** Sign-in through the town's OpenID Connect provider (OIDC_ISSUER …); absent when not configured. */
  oidc?: OidcSettings;
  /** Who may scrape /metrics and, for processes without the api role, on which port it is served. */
  metrics: { token?: string; port?: number };
  demo: boolean;
}

export interface NotifySettings {
  smtpUrl?: string;
  from: string;
  attorneyEmails: readonly string[];
  /** IT_NOTIFY_EMAILS: who hears of account health; empty means the active IT administrators' addresses. */
  itEmails: readonly string[];
  webhook?: { url: string; secret: string };
  retryDelayMs: number;
  retryMaxMs: number;
  relayIntervalMs: number;
}

/** Thrown when the environment is invalid; its message is one line naming each bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`).join('; ');
}

function parseOrThrow<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) throw new ConfigError(`invalid configuration: ${describeIssues(result.error)}`);
  return result.data;
}

function storageSettings(backend: 'fs' | 's3', dataDir: string, env: NodeJS.ProcessEnv): StorageSettings {
  if (backend === 'fs') return { backend, rootDir: path.join(dataDir, 'objects') };
  const s3 = parseOrThrow(S3EnvSchema, env);
  return {
    backend,
    bucket: s3.S3_BUCKET,
    region: s3.S3_REGION,
    endpoint: s3.S3_ENDPOINT,
    forcePathStyle: s3.S3_FORCE_PATH_STYLE,
    accessKeyId: s3.S3_ACCESS_KEY_ID,
    secretAccessKey: s3.S3_SECRET_ACCESS_KEY,
    requestChecksumCalculation: s3.S3_REQUEST_CHECKSUM_CALCULATION,
    responseChecksumValidation: s3.S3_RESPONSE_CHECKSUM_VALIDATION,
    createBucketIfMissing: s3.S3_CREATE_BUCKET,
    objectLockMode: s3.S3_OBJECT_LOCK_MODE,
    objectLockRetentionDays: s3.S3_OBJECT_LOCK_DAYS,
    multipartPartSizeBytes: s3.S3_MULTIPART_PART_SIZE_MIB * 1024 * 1024,
  };
}

function catalogSettings(backend: 'sqlite' | 'postgres', dataDir: string, env: NodeJS.ProcessEnv): CatalogSettings {
  if (backend === 'sqlite') return { backend, file: path.join(dataDir, 'catalog.sqlite') };
  const postgres = parseOrThrow(PostgresEnvSchema, env);
  return {
    backend,
    connectionString: postgres.DATABASE_URL,
    schema: postgres.DATABASE_SCHEMA,
    poolSize: postgres.DATABASE_POOL_SIZE,
  };
}

function searchSettings(backend: 'sqlite' | 'elasticsearch', dataDir: string, env: NodeJS.ProcessEnv): SearchSettings {
  if (backend === 'sqlite') return { backend, file: path.join(dataDir, 'search.sqlite') };
  const elasticsearch = parseOrThrow(ElasticsearchEnvSchema, env);
  const {
    ELASTICSEARCH_API_KEY: apiKey,
    ELASTICSEARCH_USERNAME: username,
    ELASTICSEARCH_PASSWORD: password,
  } = elasticsearch;
  return {
    backend,
    node: elasticsearch.ELASTICSEARCH_URL,
    index: elasticsearch.ELASTICSEARCH_INDEX,
    auth: apiKey ? { apiKey } : username && password ? { username, password } : undefined,
  };
}

/** Parses the environment once into a frozen, nested configuration. Throws ConfigError on any bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AppConfig> {
  const base = parseOrThrow(BaseEnvSchema, env);
  const foia = parseOrThrow(FoiaEnvSchema, env);
  const dataDir = path.resolve(base.DATA_DIR);
  const oidc = readOidcSettings(env, foia.PUBLIC_URL);
  if (oidc.issues.length > 0)
    throw new ConfigError(
      `invalid configuration: ${oidc.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    );
  const config: AppConfig = {
    http: { port: base.PORT, host: base.HOST, trustProxy: base.TRUST_PROXY },
    dataDir,
    redis: { url: base.REDIS_URL, autostart: base.REDIS_AUTOSTART },
    queue: {
      prefix: base.QUEUE_PREFIX,
      syncConcurrency: base.SYNC_CONCURRENCY,
      connectorRequestConcurrency: base.CONNECTOR_REQUEST_CONCURRENCY,
      lockDurationMs: base.JOB_LOCK_MS,
      platformRateLimits: base.PLATFORM_RATE_LIMITS,
    },
    roles: Object.freeze([...new Set(base.ROLES.flatMap((role) => (role === 'worker' ? [...WORKER_ROLES] : [role])))]),
    storage: storageSettings(base.STORAGE_BACKEND, dataDir, env),
    catalog: catalogSettings(base.CATALOG_BACKEND, dataDir, env),
    search: searchSettings(base.SEARCH_BACKEND, dataDir, env),
    town: { name: foia.TOWN_NAME, timeZone: foia.TOWN_TIME_ZONE, publicUrl: foia.PUBLIC_URL },
    registry: { requireAccountApproval: foia.REQUIRE_ACCOUNT_APPROVAL },
    notify: {
      smtpUrl: foia.SMTP_URL,
      from: foia.NOTIFY_FROM,
      attorneyEmails: foia.ATTORNEY_NOTIFY_EMAILS,
      itEmails: foia.IT_NOTIFY_EMAILS,
      webhook: foia.NOTIFY_WEBHOOK_URL
        ? { url: foia.NOTIFY_WEBHOOK_URL, secret: foia.NOTIFY_WEBHOOK_SECRET! }
        : undefined,
      retryDelayMs: foia.NOTIFY_RETRY_DELAY_MS,
      retryMaxMs: foia.NOTIFY_RETRY_MAX_MS,
      relayIntervalMs: foia.OUTBOX_RELAY_INTERVAL_MS,
    },
    bootstrapAdminToken: base.BOOTSTRAP_ADMIN_TOKEN,
    signing: { keyFile: path.resolve(base.SIGNING_KEY_FILE ?? path.join(dataDir, 'town-signing-key.pem')) },
    webhooks: { facebookVerifyToken: base.FACEBOOK_WEBHOOK_VERIFY_TOKEN },
    logLevel: base.LOG_LEVEL,
    metrics: { token: base.METRICS_TOKEN, port: base.METRICS_PORT },
    oidc: oidc.settings,
    demo: base.DEMO,
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object' && !Object.isFrozen(child)) deepFreeze(child);
  }
  return Object.freeze(value);
}
