import { isoToGraphTime } from '../../graph/graph-time';
import { hashInts } from '../../mock/prng';
import type { GraphCall } from '../../graph/testing/fake-graph.server';
import { FAKE_PAGE_ID, FAKE_PAGE_NAME, type FakeFacebookPage, type PageRef } from './fake-facebook-page';

const WORDS = ['road', 'closure', 'meeting', 'budget', 'library', 'park', 'snow', 'permit', 'vote', 'water', 'school'];
const RESIDENTS = ['Jane R', 'Sam T', 'Ana P', 'Lee K', 'Omar B', 'Kim D', 'Raj S', 'Eve L'];
/** Rendered image size: small real PNGs; the JSON says the same size. */
export const PHOTO_WIDTH = 12;
export const PHOTO_HEIGHT = 8;

/** Renders the Page's objects as Graph returns them (reference/platform-apis.md §1, mock pages). */
export class FakeFacebookJson {
  constructor(private readonly page: FakeFacebookPage) {}

  /** The message as of `step`: its words, then which edit it is (so each edit changes the text). */
  message(ref: PageRef, step: number): string {
    const words = Array.from(
      { length: 4 },
      (_, index) => WORDS[hashInts(this.page.seed, this.keyOf(ref), index) % WORDS.length],
    );
    const edits = this.page.editCount(ref, step);
    const what = ref.comment < 0 ? `Notice ${ref.post}` : `Comment ${ref.post}.${ref.comment}`;
    return `${what}: ${words.join(' ')}${edits > 0 ? ` (update ${edits})` : ''}`;
  }

  /** A post; `malformed` leaves out `created_time`, `staleLinks` signs its photos with links already expired. */
  post(post: number, step: number, call: GraphCall, flags: { malformed?: boolean; staleLinks?: boolean } = {}): object {
    const ref = { post, comment: -1 };
    const id = this.page.postIdOf(post);
    const comments = this.page.liveComments(post, step);
    const lastComment =
      comments.length > 0 ? this.page.created({ post, comment: comments[comments.length - 1] }, step)! : 0;
    const created = this.page.postCreated(post);
    return {
      id,
      message: this.message(ref, step),
      ...(flags.malformed ? {} : { created_time: isoToGraphTime(created) }),
      updated_time: isoToGraphTime(Math.max(created, lastComment)),
      from: { id: FAKE_PAGE_ID, name: FAKE_PAGE_NAME },
      permalink_url: `https://www.facebook.com/${FAKE_PAGE_ID}/posts/${id.split('_')[1]}`,
      status_type: this.page.photoCount(post) > 0 ? 'added_photos' : 'mobile_status_update',
      is_hidden: false,
      is_published: true,
      ...this.attachments(post, call, flags.staleLinks ? call.now - 60_000 : undefined),
      comments: { data: [], summary: { order: 'ranked', total_count: comments.length, can_comment: true } },
    };
  }

  comment(ref: PageRef, step: number): object {
    const parent = this.page.parentOf(ref.post, ref.comment);
    const resident = this.page.residentOf(ref);
    const byPage = resident === 0;
    return {
      id: this.page.idOf(ref),
      message: this.message(ref, step),
      created_time: isoToGraphTime(this.page.created(ref, step)!),
      from: byPage
        ? { id: FAKE_PAGE_ID, name: FAKE_PAGE_NAME }
        : { id: `9${String(resident).padStart(3, '0')}`, name: RESIDENTS[resident % RESIDENTS.length] },
      ...(parent >= 0 ? { parent: { id: this.page.idOf({ post: ref.post, comment: parent }) } } : {}),
      comment_count: 0,
      like_count: hashInts(this.page.seed, this.keyOf(ref), 9) % 5,
      is_hidden: this.page.isHidden(ref, step),
      permalink_url: `https://www.facebook.com/${FAKE_PAGE_ID}/posts/${ref.post}?comment_id=${ref.comment}`,
    };
  }

  /** A post's photos: one `photo`, or an `album` whose photos are subattachments. */
  attachments(post: number, call: GraphCall, expiresAt?: number): object {
    const count = this.page.photoCount(post);
    if (count === 0) return {};
    const photo = (index: number) => ({
      type: 'photo',
      media_type: 'photo',
      media: {
        image: {
          src: call.signMedia(this.photoPath(post, index), expiresAt),
          width: PHOTO_WIDTH,
          height: PHOTO_HEIGHT,
        },
      },
      target: { id: String(700_000_000 + post * 10 + index) },
      url: `https://www.facebook.com/photo.php?fbid=${700_000_000 + post * 10 + index}`,
    });
    if (count === 1) return { attachments: { data: [photo(0)] } };
    const album = {
      ...photo(0),
      type: 'album',
      subattachments: { data: Array.from({ length: count }, (_, index) => photo(index)) },
    };
    return { attachments: { data: [album] } };
  }

  photoPath(post: number, index: number): string {
    return `/media/v/t39.30808-6/${post}_${index}_n.png`;
  }

  private keyOf(ref: PageRef): number {
    return ref.post * 1000 + ref.comment + 1;
  }
}
