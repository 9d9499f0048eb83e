import { renderMockImage } from '../../mock/mock-media';
import { hashInts } from '../../mock/prng';
import { startFakeServer, type FakeAnswer, type RunningFake } from '../../testing/fake-server';
import { CATEGORIES, FakeDiscourseForum, type FakeDiscourseOptions, type PostRef } from './fake-discourse-forum';

export const FAKE_DISCOURSE_KEY = 'a3f1c0de5b7e4d2f9a8c6b4e2d0f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f';
const PER_PAGE = 30;
const CHUNK = 20;

const NOT_FOUND = { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' };

/**
 * A fake Discourse forum over real HTTP, answering as Discourse's API does: `/categories.json`, `/latest.json`
 * and `/c/{slug}/{id}.json` with `page=` and `more_topics_url`, `/t/{id}.json` (twenty posts and the whole
 * `stream`), `/t/{id}/posts.json?post_ids[]=`, `/posts/{id}.json`, `/posts/{id}/revisions/{n}.json` (a
 * `side_by_side` diff), uploads. A request with the right `Api-Key` reads as staff (deleted posts and topics shown
 * with `deleted_at`, posts flagged away with their text); one without reads as a guest (deleted ones are 404,
 * flagged ones `cooked_hidden` without text); a wrong key gets 403 `invalid_access`. Its
 * clock moves only on `advance()` and shows in the `Date` header; 429 with `Retry-After` on demand.
 */
export class FakeDiscourse {
  readonly forum: FakeDiscourseForum;
  private server!: RunningFake;
  private key = FAKE_DISCOURSE_KEY;
  private limitAfter: number | null = null;
  private answered = 0;

  private constructor(options: FakeDiscourseOptions) {
    this.forum = new FakeDiscourseForum(options);
  }

  static async start(options: FakeDiscourseOptions): Promise<FakeDiscourse> {
    const fake = new FakeDiscourse(options);
    fake.server = await startFakeServer((request, url) => fake.answer(url, request.headers));
    return fake;
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  get apiKey(): string {
    return FAKE_DISCOURSE_KEY;
  }

  get requests(): string[] {
    return this.server.requests;
  }

  advance(steps = 1): void {
    this.forum.step += steps;
  }

  /** The key stops working, as when an admin revokes it. */
  revokeKey(): void {
    this.key = `revoked-${this.key}`;
  }

  /** After `after` more API requests, the next one is answered 429 with a second to wait. */
  rateLimitAfter(after: number): void {
    this.limitAfter = this.answered + after;
  }

  /** Every post the archive should hold, by id, with its current text (as staff read it, unless `staff` is false). */
  expected(staff = true): Map<string, string> {
    return this.forum.expected(staff);
  }

  imageOf(n: number): Buffer {
    return renderMockImage(20, 12, hashInts(this.forum.options.seed, n, 77));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private answer(url: URL, headers: Record<string, string | string[] | undefined>): FakeAnswer {
    const upload = /^\/uploads\/default\/original\/1X\/(\d+)\.png$/.exec(url.pathname);
    if (upload) return { headers: { 'content-type': 'image/png' }, body: this.imageOf(Number(upload[1])) };
    this.answered += 1;
    const date = new Date(this.forum.now()).toUTCString();
    if (this.limitAfter !== null && this.answered > this.limitAfter) {
      this.limitAfter = null;
      return {
        status: 429,
        headers: { 'retry-after': '1', date },
        body: {
          errors: ['You’ve performed this action too many times. Please wait 1 second before trying again.'],
          error_type: 'rate_limit',
          extras: { wait_seconds: 1, time_left: '1 second' },
        },
      };
    }
    const key = headers['api-key'];
    if (key !== undefined && (key !== this.key || headers['api-username'] !== 'system')) {
      return {
        status: 403,
        headers: { date },
        body: {
          errors: ['You are not permitted to view the requested resource. The API username or key is invalid.'],
          error_type: 'invalid_access',
        },
      };
    }
    const answer = this.route(url, key !== undefined);
    return { ...answer, headers: { date, ...answer.headers } };
  }

  private route(url: URL, staff: boolean): FakeAnswer {
    const path = url.pathname;
    if (path === '/categories.json') return { body: this.categories() };
    if (path === '/latest.json') return { body: this.listing(url, null) };
    const category = /^\/c\/([\w-]+)\/(\d+)\.json$/.exec(path);
    if (category) {
      const found = CATEGORIES.find((one) => one.id === Number(category[2]));
      return found ? { body: this.listing(url, found.id) } : { status: 404, body: NOT_FOUND };
    }
    const topic = /^\/t\/(\d+)(\/posts)?\.json$/.exec(path);
    if (topic)
      return this.topic(
        this.forum.topicOf(Number(topic[1])),
        staff,
        topic[2] ? url.searchParams.getAll('post_ids[]') : null,
      );
    const revision = /^\/posts\/(\d+)\/revisions\/(\d+)\.json$/.exec(path);
    if (revision) return this.revision(Number(revision[1]), Number(revision[2]), staff);
    const post = /^\/posts\/(\d+)\.json$/.exec(path);
    if (post) {
      const ref = this.forum.refOf(Number(post[1]));
      if (!ref || !this.visible(ref, staff)) return { status: 404, body: NOT_FOUND };
      return { body: { ...this.postJson(ref, staff), raw: this.forum.textOf(ref, this.forum.editTimes(ref).length) } };
    }
    return { status: 404, body: NOT_FOUND };
  }

  private categories(): object {
    const categories = CATEGORIES.map((category) => ({
      ...category,
      color: '0088CC',
      topic_count: 0,
      subcategory_ids: [],
    }));
    return { category_list: { can_create_category: false, can_create_topic: true, categories } };
  }

  private listing(url: URL, categoryId: number | null): object {
    const page = Math.max(0, Number(url.searchParams.get('page') ?? '0') || 0);
    const topics = this.forum
      .liveTopics()
      .filter((n) => categoryId === null || this.forum.categoryOf(n).id === categoryId);
    const slice = topics.slice(page * PER_PAGE, (page + 1) * PER_PAGE);
    const category = CATEGORIES.find((one) => one.id === categoryId);
    const base = category ? `/c/${category.slug}/${category.id}` : '/latest';
    const more = (page + 1) * PER_PAGE < topics.length ? { more_topics_url: `${base}?page=${page + 1}` } : {};
    return {
      users: [{ id: 1, username: 'townclerk', name: 'Town Clerk' }],
      topic_list: {
        can_create_topic: true,
        per_page: PER_PAGE,
        ...more,
        topics: slice.map((n) => this.listedTopic(n)),
      },
    };
  }

  private listedTopic(n: number): object {
    const created = new Date(this.forum.createdAt({ n, p: 0 })).toISOString();
    return {
      id: this.forum.topicId(n),
      title: `Notice ${n}`,
      fancy_title: `Notice ${n}`,
      slug: this.forum.slugOf(n),
      posts_count: this.forum.replyCount(n) + 1,
      reply_count: this.forum.replyCount(n),
      created_at: created,
      bumped: true,
      bumped_at: created,
      archetype: 'regular',
      pinned: false,
      visible: true,
      closed: false,
      archived: false,
      category_id: this.forum.categoryOf(n).id,
    };
  }

  /** `/t/{id}.json` (`postIds` null) or `/t/{id}/posts.json?post_ids[]=`. */
  private topic(n: number, staff: boolean, postIds: string[] | null): FakeAnswer {
    const first = { n, p: 0 };
    if (!this.forum.postExisted(first) || (this.forum.topicDeleted(n) && !staff))
      return { status: 404, body: NOT_FOUND };
    const refs: PostRef[] = [];
    for (let p = 0; p <= this.forum.replyCount(n); p++) if (this.visible({ n, p }, staff)) refs.push({ n, p });
    if (postIds !== null) {
      const wanted = new Set(postIds.map(Number));
      const posts = refs.filter((ref) => wanted.has(this.forum.postId(ref))).map((ref) => this.postJson(ref, staff));
      return { body: { post_stream: { posts }, id: this.forum.topicId(n) } };
    }
    return {
      body: {
        id: this.forum.topicId(n),
        title: `Notice ${n}`,
        slug: this.forum.slugOf(n),
        category_id: this.forum.categoryOf(n).id,
        deleted_at: this.forum.topicDeleted(n) ? new Date(this.forum.now()).toISOString() : null,
        posts_count: refs.length,
        post_stream: {
          posts: refs.slice(0, CHUNK).map((ref) => this.postJson(ref, staff)),
          stream: refs.map((ref) => this.forum.postId(ref)),
        },
      },
    };
  }

  private revision(postId: number, number: number, staff: boolean): FakeAnswer {
    const ref = this.forum.refOf(postId);
    if (!ref || !this.visible(ref, staff)) return { status: 404, body: NOT_FOUND };
    const times = this.forum.editTimes(ref);
    if (number < 2 || number > times.length + 1) return { status: 404, body: NOT_FOUND };
    const before = this.forum.cookedOf(ref, number - 2);
    const after = this.forum.cookedOf(ref, number - 1);
    const marked = (html: string, tag: string) => html.replace(/ \(edited \d+\)/, (edit) => `<${tag}>${edit}</${tag}>`);
    const sideBySide = `<div class="revision-content">${marked(before, 'del')}</div><div class="revision-content">${marked(after, 'ins')}</div>`;
    return {
      body: {
        created_at: new Date(times[number - 2]).toISOString(),
        post_id: postId,
        previous_hidden: false,
        current_hidden: false,
        first_revision: 2,
        previous_revision: number > 2 ? number - 1 : null,
        current_revision: number,
        next_revision: number <= times.length ? number + 1 : null,
        last_revision: times.length + 1,
        current_version: number,
        version_count: times.length + 1,
        username: 'townclerk',
        display_username: 'townclerk',
        edit_reason: null,
        body_changes: {
          inline: `<div class="inline-diff">${marked(after, 'ins')}</div>`,
          side_by_side: sideBySide,
          side_by_side_markdown: '',
        },
        wiki: false,
        post_type: 1,
      },
    };
  }

  private visible(ref: PostRef, staff: boolean): boolean {
    return staff ? this.forum.postExisted(ref) : this.forum.postLive(ref);
  }

  private postJson(ref: PostRef, staff: boolean): object {
    const times = this.forum.editTimes(ref);
    const created = this.forum.createdAt(ref);
    const malformed = ref.p === 0 && this.forum.options.malformedTopics?.includes(ref.n);
    const townClerk = ref.p === 0;
    const hidden = this.forum.postHidden(ref);
    return {
      id: this.forum.postId(ref),
      name: townClerk ? 'Town Clerk' : `Resident ${ref.p}`,
      username: townClerk ? 'townclerk' : `resident${ref.p}`,
      avatar_template: '/letter_avatar_proxy/v4/letter/t/f475e1/{size}.png',
      ...(malformed ? {} : { created_at: new Date(created).toISOString() }),
      cooked: hidden && !staff ? '' : this.forum.cookedOf(ref, times.length),
      ...(hidden && !staff ? { cooked_hidden: true } : {}),
      post_number: ref.p + 1,
      post_type: 1,
      updated_at: new Date(times.at(-1) ?? created).toISOString(),
      reply_count: 0,
      reply_to_post_number: this.forum.replyToPostNumber(ref),
      topic_id: this.forum.topicId(ref.n),
      topic_slug: this.forum.slugOf(ref.n),
      display_username: townClerk ? 'Town Clerk' : `Resident ${ref.p}`,
      version: times.length + 1,
      hidden,
      deleted_at: this.forum.postDeleted(ref) ? new Date(this.forum.now()).toISOString() : null,
      user_id: townClerk ? 1 : 100 + ref.p,
      user_deleted: false,
      wiki: false,
    };
  }
}
