import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const ProcessRoleSchema = z.enum(['api', 'worker']);
export type ProcessRole = z.infer<typeof ProcessRoleSchema>;

const roleList = z
  .string()
  .transform((value) => value.split(',').map((role) => role.trim()).filter(Boolean))
  .pipe(z.array(ProcessRoleSchema).min(1));

/** Variables every process reads. */
export const BaseEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key BullMQ writes, so several installations (or test runs) can share one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('verbatim'),
  ROLES: z.string().default('api,worker').pipe(roleList),
  SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** How long a worker's job lock lives; a killed worker's job is taken over by another after about this long. */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  STORAGE_BACKEND: z.enum(['fs', 's3']).default('fs'),
  CATALOG_BACKEND: z.enum(['sqlite'], { message: 'only sqlite is available in this release' }).default('sqlite'),
  SEARCH_BACKEND: z.enum(['sqlite'], { message: 'only sqlite is available in this release' }).default('sqlite'),
  BOOTSTRAP_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
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
});
