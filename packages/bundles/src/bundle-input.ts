import { z } from 'zod';
import { PlatformSchema, RecordKindSchema, RecordStatusSchema } from '@verbatim/core';
import { isKnownTimeZone } from './format/dates';

/**
 * What a FOIA response bundle is made of. Plain data (no functions), so it crosses a worker boundary as is;
 * image bytes are not here: the renderer asks the caller's `loadImage(sha256)` for them one at a time.
 */

const IsoDateTimeSchema = z.iso.datetime({ offset: true });
const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
const NameSchema = z.string().trim().min(1).max(500);

/** A statutory basis for withholding or redacting, e.g. `{ code: '1-210(b)(2)', citation: 'C.G.S. § 1-210(b)(2)' }`. */
export const ExemptionSchema = z.strictObject({
  /** Short form burned into the text: `█████ [REDACTED § <code>]`. */
  code: z.string().trim().min(1).max(40),
  /** Full citation for the withholding log. */
  citation: z.string().trim().min(1).max(200),
});
export type Exemption = z.infer<typeof ExemptionSchema>;

/** A span of one text to burn out, in UTF-16 code units (JavaScript string offsets), end exclusive. */
export const RedactionSpanSchema = z.strictObject({
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  exemption: ExemptionSchema,
  justification: z.string().trim().min(1).max(2000),
});
export type RedactionSpan = z.infer<typeof RedactionSpanSchema>;

export const BundleAuthorSchema = z.strictObject({ name: NameSchema, handle: z.string().max(500).optional() });

/** A post or comment above the record in its thread, root first, direct parent last. */
export const ThreadEntrySchema = z.strictObject({
  /** The entry's own record: its redacted words are looked for everywhere else in the bundle. */
  recordId: z.string().min(1).max(200).optional(),
  author: BundleAuthorSchema,
  postedAt: IsoDateTimeSchema,
  text: z.string().max(200_000),
  redactions: z.array(RedactionSpanSchema).default([]),
});
export type ThreadEntry = z.infer<typeof ThreadEntrySchema>;

/** The record's content at one capture, oldest first. */
export const BundleVersionSchema = z.strictObject({
  text: z.string().max(200_000),
  capturedAt: IsoDateTimeSchema,
  editedAt: IsoDateTimeSchema.optional(),
  /** Who made this version, when not the record's author (a wiki page's editors). */
  editor: BundleAuthorSchema.optional(),
  redactions: z.array(RedactionSpanSchema).default([]),
});
export type BundleVersion = z.infer<typeof BundleVersionSchema>;

/**
 * An attachment. Images with a `sha256` are drawn (bytes from `loadImage`); other kinds are listed. Width and
 * height (pixels) let the renderer lay pages out without fetching the image twice; when absent it reads them.
 */
export const BundleAttachmentSchema = z.strictObject({
  kind: z.enum(['image', 'video', 'link', 'file']),
  sha256: Sha256Schema.optional(),
  sourceUrl: z.string().max(4000).optional(),
  mediaType: z.string().max(200).optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** Describes the image for screen readers; a neutral default is used when absent. */
  altText: z.string().max(2000).optional(),
  /** Set to withhold this attachment; it is then neither fetched nor drawn, and is logged. */
  withheld: z
    .strictObject({ exemption: ExemptionSchema, justification: z.string().trim().min(1).max(2000) })
    .optional(),
});
export type BundleAttachment = z.infer<typeof BundleAttachmentSchema>;

export const ProducedRecordSchema = z
  .strictObject({
    id: z.string().min(1).max(200),
    platform: PlatformSchema,
    agencyName: NameSchema,
    accountHandle: NameSchema,
    author: BundleAuthorSchema,
    kind: RecordKindSchema,
    postedAt: IsoDateTimeSchema,
    editedAt: IsoDateTimeSchema.optional(),
    firstCapturedAt: IsoDateTimeSchema,
    lastSeenAt: IsoDateTimeSchema,
    url: z.string().max(4000).optional(),
    status: RecordStatusSchema,
    /** Set when the platform no longer shows the record. */
    tombstone: z.strictObject({ detectedAt: IsoDateTimeSchema }).optional(),
    hiddenAt: IsoDateTimeSchema.optional(),
    threadContext: z.array(ThreadEntrySchema).default([]),
    versions: z.array(BundleVersionSchema).min(1),
    attachments: z.array(BundleAttachmentSchema).default([]),
    /** SHA-256 of the archived raw capture the record was normalized from (invariant 5: verifiable). */
    rawCaptureSha256: Sha256Schema,
  })
  .superRefine((record, context) => {
    if (record.status === 'deleted' && record.tombstone === undefined) {
      context.addIssue({ code: 'custom', path: ['tombstone'], message: 'a deleted record needs its tombstone' });
    }
    if (record.status === 'hidden' && record.hiddenAt === undefined) {
      context.addIssue({ code: 'custom', path: ['hiddenAt'], message: 'a hidden record needs hiddenAt' });
    }
  });
export type ProducedRecord = z.infer<typeof ProducedRecordSchema>;
/** A produced record as the caller writes it (empty lists may be left out). */
export type ProducedRecordDraft = z.input<typeof ProducedRecordSchema>;

export const ProducedItemSchema = z.strictObject({ disposition: z.literal('produced'), record: ProducedRecordSchema });

/** A record withheld in full. Its content is deliberately not part of the input, so it cannot leak. */
export const WithheldItemSchema = z.strictObject({
  disposition: z.literal('withheld'),
  recordId: z.string().min(1).max(200),
  exemption: ExemptionSchema,
  justification: z.string().trim().min(1).max(4000),
  /** A neutral description for the log (kind, date), never the content. */
  description: z.string().max(500).optional(),
});

export const BundleItemSchema = z.discriminatedUnion('disposition', [ProducedItemSchema, WithheldItemSchema]);
export type BundleItem = z.infer<typeof BundleItemSchema>;
export type BundleItemDraft = z.input<typeof BundleItemSchema>;

export const BundleRequestSchema = z.strictObject({
  number: z.string().trim().min(1).max(50),
  requester: z.strictObject({ name: NameSchema, organization: z.string().trim().max(500).optional() }),
  receivedAt: IsoDateTimeSchema,
  description: z.string().max(20_000),
  responseDueAt: IsoDateTimeSchema,
});

export const BatesSchema = z.strictObject({
  /** Letters, digits, `_` or `-`: Bates numbers carry no spaces. */
  prefix: z.string().regex(/^[A-Za-z0-9_-]{1,30}$/),
  startNumber: z.number().int().min(1),
  digits: z.number().int().min(6).max(15).default(6),
});

/** Everything about a bundle except its items. */
export const BundleHeaderSchema = z.strictObject({
  townName: NameSchema,
  request: BundleRequestSchema,
  producedAt: IsoDateTimeSchema,
  timeZone: z.string().default('America/New_York').refine(isKnownTimeZone, 'an IANA time zone'),
  bates: BatesSchema,
  /** BCP 47 language of the letter and labels; record text keeps whatever language it was written in. */
  language: z.string().min(2).max(35).default('en-US'),
  respondingOfficer: z.strictObject({ name: NameSchema, title: z.string().trim().max(200).optional() }).optional(),
  /**
   * Redacted words of a record that the officer lets stand in clear in one part of the bundle; every other
   * occurrence of a record's redacted words fails the render (see UnredactedTextError). `section` is
   * `item:<recordId>` (that record's pages), `cover-letter`, `index`, `withholding-log` or `document-properties`.
   */
  intendedOccurrences: z
    .array(
      z.strictObject({
        recordId: z.string().min(1).max(200),
        text: z.string().min(1).max(2000),
        section: z.string().min(1).max(250),
      }),
    )
    .default([]),
});

/** Item ids that occur more than once, by position. */
export function duplicateItemPositions(
  items: ReadonlyArray<{ disposition: string; record?: { id: string }; recordId?: string }>,
): Array<[number, string]> {
  const seen = new Set<string>();
  const duplicates: Array<[number, string]> = [];
  items.forEach((item, index) => {
    const id = item.disposition === 'produced' ? item.record!.id : item.recordId!;
    if (seen.has(id)) duplicates.push([index, id]);
    seen.add(id);
  });
  return duplicates;
}

export const BundleInputSchema = BundleHeaderSchema.extend({ items: z.array(BundleItemSchema) }).superRefine(
  (input, context) => {
    for (const [index, id] of duplicateItemPositions(input.items))
      context.addIssue({ code: 'custom', path: ['items', index], message: `duplicate item ${id}` });
  },
);
/** A bundle input as the caller writes it (defaults not applied yet). */
export type BundleInputDraft = z.input<typeof BundleInputSchema>;
/** A validated bundle input. */
export type BundleInput = z.infer<typeof BundleInputSchema>;

/** The id an item is reported under: the record id, produced or withheld. */
export function itemIdOf(item: BundleItem): string {
  return item.disposition === 'produced' ? item.record.id : item.recordId;
}
