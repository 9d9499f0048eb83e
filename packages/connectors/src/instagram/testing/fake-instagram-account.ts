import { hashInts } from '../../mock/prng';
import { FakeFacebookPage, type FakeFacebookOptions, type PageRef } from '../../facebook/testing/fake-facebook-page';

/** Settings of the fake account; everything it serves is a function of these and the step. */
export interface FakeInstagramOptions extends Omit<FakeFacebookOptions, 'posts' | 'mediaRate'> {
  /** Media that exist at step 0 (computed when asked: 100,000 cost nothing until listed). */
  media: number;
  /** Fraction of media that are videos (default 0.2). */
  videoRate?: number;
  /** Fraction of media that are carousels of 3, the last child a video half the time (default 0.2). */
  carouselRate?: number;
}

export type MediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';

export const FAKE_IG_USER_ID = '17841400000000001';
export const FAKE_IG_USERNAME = 'townofx';
export const CAROUSEL_SIZE = 3;
const SALT_TYPE = 0x16;

/**
 * The fake Instagram account's world over simulated time. Its timeline (media going up an hour a step, comments
 * and one level of replies, edits, hides and deletions) is the same seeded model as the fake Facebook Page's,
 * since both platforms thread the same way; this adds Instagram's ids and media types. Ids are numeric strings
 * as Instagram's are: media `1790…`, carousel children `1791…`, comments and replies `1787…`.
 */
export class FakeInstagramAccount {
  readonly timeline: FakeFacebookPage;
  readonly seed: number;
  private readonly videoRate: number;
  private readonly carouselRate: number;

  constructor(options: FakeInstagramOptions) {
    this.timeline = new FakeFacebookPage({ ...options, posts: options.media, mediaRate: 1 });
    this.seed = options.seed;
    this.videoRate = options.videoRate ?? 0.2;
    this.carouselRate = options.carouselRate ?? 0.2;
  }

  mediaIdOf(media: number): string {
    return `1790${String(media).padStart(12, '0')}`;
  }

  childIdOf(media: number, index: number): string {
    return `1791${String(media).padStart(12, '0')}${index}`;
  }

  idOf(ref: PageRef): string {
    if (ref.comment < 0) return this.mediaIdOf(ref.post);
    return `1787${String(ref.post).padStart(9, '0')}${String(ref.comment).padStart(3, '0')}`;
  }

  /** The media or comment an id names, or null for an id this account never issued. */
  refOf(id: string): PageRef | null {
    const media = /^1790(\d{12})$/.exec(id);
    if (media) return { post: Number(media[1]), comment: -1 };
    const comment = /^1787(\d{9})(\d{3})$/.exec(id);
    return comment ? { post: Number(comment[1]), comment: Number(comment[2]) } : null;
  }

  mediaTypeOf(media: number): MediaType {
    const roll = (hashInts(this.seed ^ SALT_TYPE, media) % 1000) / 1000;
    if (roll < this.carouselRate) return 'CAROUSEL_ALBUM';
    return roll < this.carouselRate + this.videoRate ? 'VIDEO' : 'IMAGE';
  }

  /** The type of a carousel's child (or of the media itself, index 0, when it is not a carousel). */
  partTypeOf(media: number, index: number): 'IMAGE' | 'VIDEO' {
    const type = this.mediaTypeOf(media);
    if (type !== 'CAROUSEL_ALBUM') return type;
    return index === CAROUSEL_SIZE - 1 && hashInts(this.seed ^ SALT_TYPE, media, 1) % 2 === 1 ? 'VIDEO' : 'IMAGE';
  }

  /** A media's top-level comments that exist at `step`, in creation order. */
  liveComments(media: number, step: number): number[] {
    return this.timeline.liveComments(media, step).filter((comment) => this.timeline.parentOf(media, comment) === -1);
  }

  /** The replies to a comment that exist at `step`, in creation order. */
  liveReplies(media: number, comment: number, step: number): number[] {
    return this.timeline.liveComments(media, step).filter((reply) => this.timeline.parentOf(media, reply) === comment);
  }
}
