import { z } from 'zod';

/**
 * The parts of the AppView's JSON the connector reads (lexicons `app.bsky.feed.defs`, `app.bsky.feed.post`,
 * `app.bsky.embed.images`). Objects are loose: the platform adds fields, and the archive keeps the raw bytes.
 */

/** `at://<did>/app.bsky.feed.post/<rkey>`: the post's DID and record key. */
export const POST_URI = /^at:\/\/(did:[a-z]+:[a-zA-Z0-9._:%-]+)\/app\.bsky\.feed\.post\/([A-Za-z0-9._~:-]{1,512})$/;

export const PostUriSchema = z.string().regex(POST_URI, 'expected an at:// URI of an app.bsky.feed.post record');

export const StrongRefSchema = z.looseObject({ uri: PostUriSchema, cid: z.string().min(1) });

export const ProfileViewBasicSchema = z.looseObject({
  did: z.string().startsWith('did:'),
  handle: z.string().min(1),
  displayName: z.string().optional(),
});

export const PostRecordSchema = z.looseObject({
  text: z.string(),
  createdAt: z.string().min(1),
  reply: z.looseObject({ root: StrongRefSchema, parent: StrongRefSchema }).optional(),
  embed: z.looseObject({ $type: z.string() }).optional(),
});
export type PostRecord = z.infer<typeof PostRecordSchema>;

export const PostViewSchema = z.looseObject({
  uri: PostUriSchema,
  cid: z.string().min(1),
  author: ProfileViewBasicSchema,
  record: PostRecordSchema,
  replyCount: z.number().int().nonnegative().optional(),
  indexedAt: z.string().min(1),
});
export type PostView = z.infer<typeof PostViewSchema>;

/** One item of `getAuthorFeed`: a post, and why it is in the feed when it is not simply the author's own. */
export const FeedViewPostSchema = z.looseObject({
  post: PostViewSchema,
  reason: z.looseObject({ $type: z.string() }).optional(),
});
export type FeedViewPost = z.infer<typeof FeedViewPostSchema>;

/** The page around the items, read first: its items are then validated one by one. */
export const AuthorFeedEnvelopeSchema = z.looseObject({
  cursor: z.string().min(1).optional(),
  feed: z.array(z.unknown()),
});

export const PostThreadEnvelopeSchema = z.looseObject({ thread: z.unknown() });

/** A `threadViewPost` node; its replies are read node by node, each of the three thread union members. */
export const ThreadViewPostSchema = z.looseObject({
  post: PostViewSchema,
  replies: z.array(z.unknown()).optional(),
});

/** An image blob reference: `{ $type: "blob", ref: { $link: <cid> }, mimeType, size }`. */
export const BlobRefSchema = z.looseObject({
  ref: z.looseObject({ $link: z.string().regex(/^[a-zA-Z0-9]+$/, 'expected a blob CID') }),
});

export const ImagesEmbedSchema = z.looseObject({
  images: z.array(
    z.looseObject({
      image: BlobRefSchema,
      alt: z.string().optional(),
      aspectRatio: z
        .looseObject({ width: z.number().int().positive(), height: z.number().int().positive() })
        .optional(),
    }),
  ),
});

/** The XRPC error body: `{ "error": "NotFound", "message": "Post not found: at://…" }`. */
export const XrpcErrorSchema = z.looseObject({ error: z.string(), message: z.string().optional() });
