import { z } from 'zod';
import { PlatformSchema } from './account.schema';

export const RecordKindSchema = z.enum(['post', 'comment', 'reply', 'message']);
export type RecordKind = z.infer<typeof RecordKindSchema>;

/** Precedence when several apply: deleted > hidden > edited > live. */
export const RecordStatusSchema = z.enum(['live', 'edited', 'hidden', 'deleted']);
export type RecordStatus = z.infer<typeof RecordStatusSchema>;

export const AuthorSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  handle: z.string().optional(),
});
export type Author = z.infer<typeof AuthorSchema>;

export const AttachmentKindSchema = z.enum(['image', 'video', 'link', 'file']);

/** An attachment as archived: `sha256`/`archiveKey` are set once its bytes are in the object store. */
export const AttachmentSchema = z.object({
  kind: AttachmentKindSchema,
  sourceUrl: z.string(),
  mediaType: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  sha256: z.string().optional(),
  archiveKey: z.string().optional(),
  byteLength: z.number().int().optional(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** One post, comment, reply or message as the archive knows it now. Earlier content lives in its versions. */
export const ArchiveRecordSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  agencyId: z.string(),
  platform: PlatformSchema,
  kind: RecordKindSchema,
  platformId: z.string(),
  parentPlatformId: z.string().optional(),
  threadRootPlatformId: z.string().optional(),
  author: AuthorSchema,
  text: z.string(),
  url: z.string().optional(),
  postedAt: z.string(),
  editedAt: z.string().optional(),
  firstCapturedAt: z.string(),
  lastSeenAt: z.string(),
  hiddenAt: z.string().optional(),
  status: RecordStatusSchema,
  attachments: z.array(AttachmentSchema),
  versionCount: z.number().int().min(1),
  contentHash: z.string(),
});
export type ArchiveRecord = z.infer<typeof ArchiveRecordSchema>;

/** Content as it was at one capture. Versions are append-only; version 1 is the first capture. */
export const RecordVersionSchema = z.object({
  recordId: z.string(),
  version: z.number().int().min(1),
  text: z.string(),
  attachments: z.array(AttachmentSchema),
  editedAt: z.string().optional(),
  /**
   * Who made this version on the platform (a wiki page's editor at each revision). For versions captured before
   * editors were recorded, the record's author, who alone could edit a post on those platforms.
   */
  author: AuthorSchema.optional(),
  contentHash: z.string(),
  capturedAt: z.string(),
  rawCaptureSha256: z.string(),
  rawCaptureKey: z.string(),
});
export type RecordVersion = z.infer<typeof RecordVersionSchema>;

/** Written when an item is confirmed gone from the platform; the record and its versions stay. */
export const TombstoneSchema = z.object({
  recordId: z.string(),
  detectedAt: z.string(),
  lastSeenAt: z.string(),
  reason: z.enum(['deleted-on-platform']),
});
export type Tombstone = z.infer<typeof TombstoneSchema>;

/** A platform response stored byte-for-byte under a key derived from its SHA-256. */
export const RawCaptureSchema = z.object({
  sha256: z.string(),
  key: z.string(),
  accountId: z.string(),
  contentType: z.string(),
  byteLength: z.number().int(),
  source: z.string(),
  capturedAt: z.string(),
});
export type RawCapture = z.infer<typeof RawCaptureSchema>;

/** A payload (or one item of it) that failed validation. Its raw bytes are kept in the capture it points to. */
export const QuarantineEntrySchema = z.object({
  id: z.string(),
  accountId: z.string(),
  rawCaptureSha256: z.string(),
  rawCaptureKey: z.string(),
  itemIndex: z.number().int().nullable(),
  reason: z.string(),
  quarantinedAt: z.string(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;
