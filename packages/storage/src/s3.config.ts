import { z } from 'zod';

/** When the SDK adds (request) or checks (response) flexible checksums; mirrors the SDK's own option values. */
export const ChecksumModeSchema = z.enum(['WHEN_SUPPORTED', 'WHEN_REQUIRED']);
export type ChecksumMode = z.infer<typeof ChecksumModeSchema>;

/** S3 Object Lock retention modes: GOVERNANCE can be lifted by a specially permitted user, COMPLIANCE by no one. */
export const ObjectLockModeSchema = z.enum(['GOVERNANCE', 'COMPLIANCE']);
export type ObjectLockMode = z.infer<typeof ObjectLockModeSchema>;

const MEBIBYTE = 1024 * 1024;
/** S3's smallest part (except the last); `@aws-sdk/lib-storage` refuses smaller. */
export const MIN_MULTIPART_PART_BYTES = 5 * MEBIBYTE;

/**
 * Settings of the S3 object store. The config package maps `S3_*` environment variables onto these. Strict: a
 * misspelt or unknown setting stops the start instead of being silently ignored.
 */
export const S3SettingsSchema = z
  .strictObject({
    /** Custom endpoint of an S3-compatible server (MinIO, Ceph, s3rver); omit for AWS S3. */
    endpoint: z.url().optional(),
    /** Bucket holding every object of this deployment. */
    bucket: z.string().min(3).max(63),
    region: z.string().min(1).default('us-east-1'),
    /** `http://host/bucket/key` instead of `http://bucket.host/key`; most self-hosted servers need it. */
    forcePathStyle: z.boolean().default(false),
    /** Static credentials; when both are omitted the SDK's default chain (env, profile, instance role) is used. */
    accessKeyId: z.string().min(1).optional(),
    secretAccessKey: z.string().min(1).optional(),
    /** Defaults to WHEN_REQUIRED with a custom endpoint, see {@link resolveChecksumModes}. */
    requestChecksumCalculation: ChecksumModeSchema.optional(),
    /** Defaults to WHEN_REQUIRED with a custom endpoint, see {@link resolveChecksumModes}. */
    responseChecksumValidation: ChecksumModeSchema.optional(),
    /** Create the bucket at start when it is missing (handy for local and test setups). */
    createBucketIfMissing: z.boolean().default(false),
    /** Retention mode sent with every write when the bucket has Object Lock enabled. */
    objectLockMode: ObjectLockModeSchema.default('GOVERNANCE'),
    /**
     * Days each write is retained (write once, read many) when the bucket has Object Lock enabled; unset sends no
     * retention, leaving the bucket's default rule, if any. Also makes a bucket created at start lock-enabled.
     */
    objectLockRetentionDays: z.number().int().min(1).max(36_500).optional(),
    /** Bodies larger than one part are uploaded in parts of this size (multipart upload). */
    multipartPartSizeBytes: z
      .number()
      .int()
      .min(MIN_MULTIPART_PART_BYTES)
      .max(5 * 1024 * MEBIBYTE)
      .default(16 * MEBIBYTE),
  })
  .refine((settings) => (settings.accessKeyId === undefined) === (settings.secretAccessKey === undefined), {
    message: 'set both accessKeyId and secretAccessKey, or neither',
    path: ['secretAccessKey'],
  });

/** Validated S3 settings, defaults applied. */
export type S3Settings = z.infer<typeof S3SettingsSchema>;
/** S3 settings as a caller may write them, before defaults. */
export type S3SettingsInput = z.input<typeof S3SettingsSchema>;

/**
 * The SDK's default (WHEN_SUPPORTED) sends streamed bodies with aws-chunked framing and a trailing checksum. AWS
 * strips that framing; several S3-compatible servers (s3rver among them) store it verbatim, corrupting the object.
 * So with a custom endpoint we default to WHEN_REQUIRED, which sends plain bodies; with AWS, the SDK default stands.
 */
export function resolveChecksumModes(settings: S3Settings): {
  requestChecksumCalculation: ChecksumMode;
  responseChecksumValidation: ChecksumMode;
} {
  const fallback: ChecksumMode = settings.endpoint === undefined ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
  return {
    requestChecksumCalculation: settings.requestChecksumCalculation ?? fallback,
    responseChecksumValidation: settings.responseChecksumValidation ?? fallback,
  };
}
