import { z } from 'zod';

/** A stored capture or media file no longer hashes to what was archived, or is gone: IT hears of it. */
export const ARCHIVE_EVENTS = ['archive.corrupt'] as const;
export const ArchiveEventSchema = z.enum(ARCHIVE_EVENTS);
export type ArchiveEvent = z.infer<typeof ArchiveEventSchema>;

export function isArchiveEvent(event: string): event is ArchiveEvent {
  return (ARCHIVE_EVENTS as readonly string[]).includes(event);
}

/** How many objects one notice lists; a verification finding more says how many more there are. */
export const MAX_LISTED_OBJECTS = 100;

export const CorruptObjectSchema = z.object({
  key: z.string().min(1),
  sha256: z.string().nullable(),
  kind: z.enum(['capture', 'media']).nullable(),
  /** The account whose archive it belongs to; null when it was found by a download that does not say. */
  accountId: z.string().nullable(),
  /** `@townofx on Facebook (Parks & Recreation)`, when the account is known. */
  account: z.string().nullable(),
  problem: z.enum(['altered', 'missing']),
  /** The finding in full, as the record page and `verbatim verify` word it. */
  detail: z.string(),
});
export type CorruptObject = z.infer<typeof CorruptObjectSchema>;

/**
 * The objects found corrupt on one occasion: a record read, a download, or a verification. A snapshot taken
 * when the outbox row is written, in the transaction that records the objects as announced.
 */
export const ArchiveCorruptPayloadSchema = z.object({
  foundBy: z.enum(['record-read', 'download', 'verification']),
  foundAt: z.iso.datetime({ offset: true }),
  objects: z.array(CorruptObjectSchema).min(1).max(MAX_LISTED_OBJECTS),
  /** Objects found on the same occasion beyond those listed. */
  moreObjects: z.number().int().min(0),
  /** The record page the problem was seen on, when one was. Only http(s): it becomes a link in the HTML email. */
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type ArchiveCorruptPayload = z.infer<typeof ArchiveCorruptPayloadSchema>;
