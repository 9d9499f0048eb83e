import type { RecordKind } from '@verbatim/core';

/** An image attached to a mock item; its bytes come from `renderMockImage`. */
export interface MockImage {
  sourceUrl: string;
  width: number;
  height: number;
}

/** One post or comment as the simulated platform holds it at some step (ground truth for tests). */
export interface MockItem {
  platformId: string;
  objectType: 'post' | 'comment';
  kind: RecordKind;
  /** 0 for a post, 1 for a top-level comment, 2–3 for replies. */
  depth: number;
  postIndex: number;
  /** -1 for the post itself. */
  commentIndex: number;
  postPlatformId: string;
  parentPlatformId?: string;
  author: Readonly<{ id: string; name: string }>;
  text: string;
  /** Graph-style times (`…+0000`), as the platform writes them. */
  postedAt: string;
  editedAt?: string;
  createdStep: number;
  editCount: number;
  lastEditStep?: number;
  hidden: boolean;
  hiddenStep?: number;
  deleted: boolean;
  deletedStep?: number;
  permalinkUrl: string;
  image?: MockImage;
  /** Text and author name as the platform writes them inside JSON quotes: escaped, pure ASCII. */
  wire: { text: string; authorName: string };
}

/** Counts of the simulated platform at one step, computed by the same iteration the listing uses. */
export interface MockGroundTruth {
  step: number;
  /** Listed (not deleted) items by kind. */
  posts: number;
  comments: number;
  replies: number;
  /** Listed items: what one full pass yields. */
  total: number;
  /** Listed items by status, with the archive's precedence hidden > edited > live. */
  live: number;
  edited: number;
  hidden: number;
  /** Items ever created and deleted by this step. */
  deleted: number;
  /** Items ever created by this step, deleted ones included. */
  created: number;
  /** Items whose images a pass would see. */
  withImage: number;
  /** What changed at exactly this step. */
  changedThisStep: { created: number; edited: number; hidden: number; deleted: number };
}
