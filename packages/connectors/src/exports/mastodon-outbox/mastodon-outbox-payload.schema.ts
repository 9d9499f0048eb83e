import { z } from 'zod';

const IsoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date');

export const OutboxAttachmentSchema = z.looseObject({
  type: z.string().optional(),
  mediaType: z.string().optional(),
  /** In an archive, the path of the file inside it (`/media_attachments/files/…`); else its address. */
  url: z.string(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
});

/** A status as ActivityStreams writes it: a Note (or Question, for a poll). */
export const OutboxNoteSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string(),
  content: z.string().default(''),
  summary: z.string().nullable().optional(),
  published: IsoDate,
  updated: IsoDate.optional(),
  url: z.string().optional(),
  inReplyTo: z.string().nullable().optional(),
  attachment: z.array(OutboxAttachmentSchema).default([]),
});
export type OutboxNote = z.infer<typeof OutboxNoteSchema>;

/** One element of `orderedItems`: a Create of a status, or an Announce (a boost) of someone's. */
export const OutboxActivitySchema = z.looseObject({
  type: z.string(),
  object: z.unknown(),
});

/** `actor.json` of a Mastodon archive. */
export const OutboxActorSchema = z.looseObject({
  id: z.string(),
  preferredUsername: z.string(),
  name: z.string().nullable().optional(),
});
