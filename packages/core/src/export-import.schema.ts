import { z } from 'zod';

/** The platform export formats Verbatim reads. */
export const ExportFormatSchema = z.enum([
  'x-archive',
  'mastodon-outbox',
  'facebook-download',
  'instagram-download',
  'slack-export',
  'discord-export',
  'youtube-takeout',
]);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ExportImportStatusSchema = z.enum(['queued', 'running', 'completed', 'failed']);
export type ExportImportStatus = z.infer<typeof ExportImportStatusSchema>;

/** A kind of thing an import left out, how many, and why. */
export const ImportSkipSchema = z.object({
  reason: z.string(),
  count: z.number().int().min(1),
  /** A few of the skipped entries (file names or item ids), so the reason can be checked by hand. */
  examples: z.array(z.string()),
});
export type ImportSkip = z.infer<typeof ImportSkipSchema>;

/** What an import found in the export, what it archived, and what it skipped and why. */
export const ImportReportSchema = z.object({
  format: ExportFormatSchema.nullable(),
  /** Files in the export (ZIP entries; 1 for a lone JSON file). */
  entries: z.number().int(),
  /** Posts, comments and replies read from the export, each edit of an item counted once. */
  itemsFound: z.number().int(),
  created: z.number().int(),
  newVersions: z.number().int(),
  unchanged: z.number().int(),
  quarantined: z.number().int(),
  mediaFound: z.number().int(),
  mediaArchived: z.number().int(),
  /** Records marked deleted because the export lists them as deleted (absent from reports made before it). */
  tombstoned: z.number().int().optional(),
  skipped: z.array(ImportSkipSchema),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** One upload of a platform export to an account, the export file archived raw under its SHA-256. */
export const ExportImportSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  key: z.string(),
  byteLength: z.number().int(),
  status: ExportImportStatusSchema,
  requestedBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  report: ImportReportSchema.nullable(),
});
export type ExportImport = z.infer<typeof ExportImportSchema>;

/** An empty report: what a run starts from and adds to. */
export function emptyImportReport(): ImportReport {
  return {
    format: null,
    entries: 0,
    itemsFound: 0,
    created: 0,
    newVersions: 0,
    unchanged: 0,
    quarantined: 0,
    mediaFound: 0,
    mediaArchived: 0,
    tombstoned: 0,
    skipped: [],
  };
}
