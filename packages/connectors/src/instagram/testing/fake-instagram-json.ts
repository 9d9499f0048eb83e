import { isoToGraphTime } from '../../graph/graph-time';
import { hashInts } from '../../mock/prng';
import type { GraphCall } from '../../graph/testing/fake-graph.server';
import type { PageRef } from '../../facebook/testing/fake-facebook-page';
import { CAROUSEL_SIZE, FAKE_IG_USER_ID, FAKE_IG_USERNAME, type FakeInstagramAccount } from './fake-instagram-account';

const WORDS = ['park', 'cleanup', 'library', 'parade', 'snow', 'vote', 'market', 'trail', 'pool', 'concert', 'bridge'];
const RESIDENTS = ['resident1', 'jane.r', 'sam_t', 'ana.p', 'lee.k', 'omar_b', 'kim.d', 'raj.s'];
/** Rendered image size: small real PNGs. */
export const IMAGE_WIDTH = 10;
export const IMAGE_HEIGHT = 10;

/** Renders the account's objects as Graph returns them (reference/platform-apis.md §2, mock pages). */
export class FakeInstagramJson {
  constructor(private readonly account: FakeInstagramAccount) {}

  /** The caption or comment text as of `step`: its words, then which edit it is (so each edit changes it). */
  text(ref: PageRef, step: number): string {
    const words = Array.from(
      { length: 4 },
      (_, index) => WORDS[hashInts(this.account.seed, ref.post * 1000 + ref.comment + 1, index) % WORDS.length],
    );
    const edits = this.account.timeline.editCount(ref, step);
    const what = ref.comment < 0 ? `Photo ${ref.post}` : `Comment ${ref.post}.${ref.comment}`;
    return `${what}: ${words.join(' ')}${edits > 0 ? ` (edited ${edits})` : ''}`;
  }

  /** A media; `malformed` leaves out `timestamp`, `staleLinks` signs its files with links already expired. */
  media(media: number, step: number, call: GraphCall, flags: { malformed?: boolean; staleLinks?: boolean } = {}) {
    const type = this.account.mediaTypeOf(media);
    const expiresAt = flags.staleLinks ? call.now - 60_000 : undefined;
    const parts = Array.from({ length: type === 'CAROUSEL_ALBUM' ? CAROUSEL_SIZE : 1 }, (_, index) =>
      this.part(media, index, call, expiresAt),
    );
    const comments = this.account.timeline.liveComments(media, step).length;
    return {
      id: this.account.mediaIdOf(media),
      caption: this.text({ post: media, comment: -1 }, step),
      media_type: type,
      media_product_type: 'FEED',
      media_url: parts[0].media_url,
      ...(type === 'VIDEO' ? { thumbnail_url: parts[0].thumbnail_url } : {}),
      permalink: `https://www.instagram.com/p/Cfake${media.toString(36)}/`,
      ...(flags.malformed ? {} : { timestamp: isoToGraphTime(this.account.timeline.postCreated(media)) }),
      username: FAKE_IG_USERNAME,
      comments_count: comments,
      like_count: hashInts(this.account.seed, media, 7) % 40,
      ...(type === 'CAROUSEL_ALBUM' ? { children: { data: parts } } : {}),
    };
  }

  /** A comment or reply; a reply names its top-level comment in `parent_id`. */
  comment(ref: PageRef, step: number): Record<string, unknown> {
    const parent = this.account.timeline.parentOf(ref.post, ref.comment);
    const resident = this.account.timeline.residentOf(ref);
    const username = resident === 0 ? FAKE_IG_USERNAME : `${RESIDENTS[resident % RESIDENTS.length]}${resident}`;
    return {
      id: this.account.idOf(ref),
      text: this.text(ref, step),
      timestamp: isoToGraphTime(this.account.timeline.created(ref, step)!),
      username,
      from: { id: resident === 0 ? FAKE_IG_USER_ID : `605100${resident}`, username },
      like_count: hashInts(this.account.seed, ref.post, ref.comment) % 5,
      hidden: this.account.timeline.isHidden(ref, step),
      ...(parent >= 0 ? { parent_id: this.account.idOf({ post: ref.post, comment: parent }) } : {}),
    };
  }

  imagePath(media: number, index: number): string {
    return `/media/v/t51.29350-15/${media}_${index}_n.png`;
  }

  thumbnailPath(media: number, index: number): string {
    return `/media/v/t51.29350-15/${media}_${index}_t.png`;
  }

  videoPath(media: number, index: number): string {
    return `/media/o1/v/t16/f2/m86/${media}_${index}_n.mp4`;
  }

  private part(media: number, index: number, call: GraphCall, expiresAt: number | undefined) {
    const type = this.account.partTypeOf(media, index);
    const path = type === 'VIDEO' ? this.videoPath(media, index) : this.imagePath(media, index);
    return {
      id: this.account.childIdOf(media, index),
      media_type: type,
      media_url: call.signMedia(path, expiresAt),
      ...(type === 'VIDEO' ? { thumbnail_url: call.signMedia(this.thumbnailPath(media, index), expiresAt) } : {}),
    };
  }
}
