import { FateBook, newFate, type Fate } from './mock-fate';
import { graphTimeAt, passTimeOf } from './mock-clock';
import {
  MockConnectorConfigSchema,
  type MockConnectorConfig,
  type MockConnectorConfigInput,
} from './mock-connector.config';
import type { MockGroundTruth, MockImage, MockItem } from './mock-item';
import { MockLayout, type MockPosition } from './mock-layout';
import { renderMockImage } from './mock-media';
import { RESIDENT_NAMES, RESIDENT_NAMES_JSON, textAfterEdits } from './mock-text';
import { escapeJsonText } from './json-text';
import { hashInts, hashUnit } from './prng';

const SALT_TIME = 31;
const SALT_AUTHOR = 32;
const SALT_IMAGE = 33;
/** Share of comments written by the town's own page (official answers), out of 100. */
const TOWN_REPLY_PERCENT = 12;
const TOWN_NAMES = ['Town of Millbrook', 'Town of Easton Falls', 'Town of Cedar Hollow', 'Town of Westbury'];
const MEDIA_URL = /^mock:\/\/media\/(-?\d+)\/(\d+_\d+)\.png$/;

/** An author, shared across items, with its name pre-escaped for the wire. */
interface Author {
  person: Readonly<{ id: string; name: string }>;
  nameJson: string;
}

type Visitor = (post: number, comment: number, hash: number, created: number, postCreated: number, fate: Fate) => void;

/**
 * A deterministic simulated social media page. What it shows at step N is a pure function of (config, N):
 * step 1 has `posts` posts with threaded comments; each later step adds posts and comments and edits, hides
 * and deletes existing items. Nothing is stored: items are computed on the fly in a fixed order (each post,
 * then its comments), so millions stream in constant memory and a position in that order resumes in O(1).
 */
export class MockPlatform {
  readonly config: MockConnectorConfig;
  /** The simulated page's id; post ids are `<pageId>_<n>`, comment ids `<postN>_<n>`. */
  readonly pageId: string;
  readonly pageName: string;
  private readonly layout: MockLayout;
  private readonly fates: FateBook;
  private readonly fate = newFate();
  private readonly boundaries = new Int32Array(4);
  private readonly parents: Int32Array;
  private readonly depths: Int8Array;
  /** Authors are shared, frozen objects: one allocation per resident, not per item. */
  private readonly pageAuthor: Author;
  private readonly residents: readonly Author[];

  constructor(config: MockConnectorConfigInput) {
    this.config = MockConnectorConfigSchema.parse(config);
    const seedHash = hashInts(this.config.seed, 0x5eed);
    this.pageId = `1000${String(seedHash % 100_000_000_000).padStart(11, '0')}`;
    this.pageName = TOWN_NAMES[seedHash % TOWN_NAMES.length];
    this.layout = new MockLayout(
      seedHash,
      this.config.posts,
      this.config.newPostsPerStep,
      this.config.maxCommentsPerPost,
    );
    this.fates = new FateBook(this.layout, this.config);
    this.parents = new Int32Array(this.layout.maxCommentsEver + 1);
    this.depths = new Int8Array(this.layout.maxCommentsEver + 1);
    this.pageAuthor = {
      person: Object.freeze({ id: this.pageId, name: this.pageName }),
      nameJson: escapeJsonText(this.pageName),
    };
    this.residents = RESIDENT_NAMES.map((name, index) => ({
      person: Object.freeze({ id: String(2_000_000_000_000 + index * 7919), name }),
      nameJson: RESIDENT_NAMES_JSON[index],
    }));
  }

  /** The simulated moment the pass of `step` looks at the platform (ISO). */
  passTime(step: number): string {
    return passTimeOf(step);
  }

  /**
   * Up to `limit` listed (not deleted) items at `step`, starting at `from`, and the position after them
   * (null when the listing is exhausted). Costs O(limit + comments of the first post), wherever `from` is.
   */
  listPage(step: number, from: MockPosition, limit: number): { items: MockItem[]; next: MockPosition | null } {
    const items: MockItem[] = [];
    const next = this.scan(step, from, limit, false, (post, comment, hash, created, postCreated, fate) => {
      items.push(this.buildItem(post, comment, hash, created, postCreated, fate));
    });
    return { items, next };
  }

  /** Every listed item at `step`, lazily, in listing order. */
  *listItems(step: number): Generator<MockItem> {
    let position: MockPosition | null = { post: 0, comment: -1 };
    while (position !== null) {
      const page: { items: MockItem[]; next: MockPosition | null } = this.listPage(step, position, 1000);
      yield* page.items;
      position = page.next;
    }
  }

  /** Counts at `step`, by the same iteration as the listing, without building items. */
  groundTruth(step: number): MockGroundTruth {
    const truth: MockGroundTruth = {
      step,
      posts: 0,
      comments: 0,
      replies: 0,
      total: 0,
      live: 0,
      edited: 0,
      hidden: 0,
      deleted: 0,
      created: 0,
      withImage: 0,
      changedThisStep: { created: 0, edited: 0, hidden: 0, deleted: 0 },
    };
    this.scan(step, { post: 0, comment: -1 }, Infinity, true, (_post, comment, hash, created, _postCreated, fate) => {
      truth.created++;
      if (created === step) truth.changedThisStep.created++;
      if (fate.lastEditAt === step) truth.changedThisStep.edited++;
      if (fate.hiddenAt === step) truth.changedThisStep.hidden++;
      if (fate.deletedAt !== 0) {
        truth.deleted++;
        if (fate.deletedAt === step) truth.changedThisStep.deleted++;
        return;
      }
      truth.total++;
      const depth = comment < 0 ? 0 : this.depths[comment];
      if (depth === 0) truth.posts++;
      else if (depth === 1) truth.comments++;
      else truth.replies++;
      if (fate.hiddenAt !== 0) truth.hidden++;
      else if (fate.editCount > 0) truth.edited++;
      else truth.live++;
      if (this.imageOf(hash, '') !== undefined) truth.withImage++;
    });
    return truth;
  }

  /** The item `platformId` as it is at `step` (deleted ones included), or undefined if it does not exist yet. */
  itemAt(step: number, platformId: string): MockItem | undefined {
    const position = this.parseId(platformId);
    if (position === undefined || position.post >= this.layout.postCount(step)) return undefined;
    const { post, comment } = position;
    const postCreated = this.layout.postCreatedStep(post);
    this.layout.commentBoundaries(post, this.boundaries);
    if (comment >= MockLayout.commentCountAt(this.boundaries, postCreated, step)) return undefined;
    this.fates.ensure(step);
    this.layout.fillThreads(post, comment + 1, this.parents, this.depths);
    const created = comment < 0 ? postCreated : MockLayout.commentCreatedStep(this.boundaries, postCreated, comment);
    const hash = this.layout.itemHash(post, comment);
    this.fates.compute(post, comment, hash, created, step, this.fate);
    return this.buildItem(post, comment, hash, created, postCreated, this.fate);
  }

  /** The PNG bytes behind an attachment URL this platform handed out; undefined for any other URL. */
  renderMedia(sourceUrl: string): { bytes: Buffer; image: MockImage } | undefined {
    const match = MEDIA_URL.exec(sourceUrl);
    if (match === null || Number(match[1]) !== this.config.seed) return undefined;
    const position = this.parseId(match[2]);
    if (position === undefined || position.comment >= this.layout.maxCommentsEver) return undefined;
    const hash = this.layout.itemHash(position.post, position.comment);
    const image = this.imageOf(hash, match[2]);
    if (image === undefined) return undefined;
    return { bytes: renderMockImage(image.width, image.height, hash), image };
  }

  /** Visits items at `step` from `from` until `limit` were visited; returns where to resume, null at the end. */
  private scan(
    step: number,
    from: MockPosition,
    limit: number,
    includeDeleted: boolean,
    visit: Visitor,
  ): MockPosition | null {
    this.fates.ensure(step);
    const total = this.layout.postCount(step);
    const fate = this.fate;
    let visited = 0;
    let comment = from.comment;
    for (let post = from.post; post < total; post++, comment = -1) {
      const postCreated = this.layout.postCreatedStep(post);
      this.layout.commentBoundaries(post, this.boundaries);
      const count = MockLayout.commentCountAt(this.boundaries, postCreated, step);
      this.layout.fillThreads(post, count, this.parents, this.depths);
      for (; comment < count; comment++) {
        if (visited >= limit) return { post, comment };
        const created =
          comment < 0 ? postCreated : MockLayout.commentCreatedStep(this.boundaries, postCreated, comment);
        const hash = this.layout.itemHash(post, comment);
        this.fates.compute(post, comment, hash, created, step, fate);
        if (fate.deletedAt !== 0 && !includeDeleted) continue;
        visit(post, comment, hash, created, postCreated, fate);
        visited++;
      }
    }
    return null;
  }

  /** Builds an item; parents/depths must hold its post's threads. */
  private buildItem(
    post: number,
    comment: number,
    hash: number,
    created: number,
    postCreated: number,
    fate: Fate,
  ): MockItem {
    const depth = comment < 0 ? 0 : this.depths[comment];
    const postPlatformId = `${this.pageId}_${post + 1}`;
    const platformId = comment < 0 ? postPlatformId : `${post + 1}_${comment + 1}`;
    const parent = comment < 0 ? -2 : this.parents[comment];
    const postSecond = hashInts(this.layout.itemHash(post, -1), SALT_TIME) % 1800;
    const second = comment < 0 ? postSecond : (created === postCreated ? postSecond : 0) + 1 + comment;
    const author = comment < 0 ? this.pageAuthor : this.authorOf(hash);
    const text = textAfterEdits(hash, depth, fate.editCount);
    return {
      platformId,
      objectType: comment < 0 ? 'post' : 'comment',
      kind: depth === 0 ? 'post' : depth === 1 ? 'comment' : 'reply',
      depth,
      postIndex: post,
      commentIndex: comment,
      postPlatformId,
      parentPlatformId: parent === -2 ? undefined : parent === -1 ? postPlatformId : `${post + 1}_${parent + 1}`,
      author: author.person,
      text: text.text,
      postedAt: graphTimeAt(created, second),
      editedAt: fate.editCount > 0 ? graphTimeAt(fate.lastEditAt, 3000 + (hash % 600)) : undefined,
      createdStep: created,
      editCount: fate.editCount,
      lastEditStep: fate.editCount > 0 ? fate.lastEditAt : undefined,
      hidden: fate.hiddenAt !== 0,
      hiddenStep: fate.hiddenAt !== 0 ? fate.hiddenAt : undefined,
      deleted: fate.deletedAt !== 0,
      deletedStep: fate.deletedAt !== 0 ? fate.deletedAt : undefined,
      permalinkUrl:
        comment < 0
          ? `https://social.example/${postPlatformId}`
          : `https://social.example/${postPlatformId}?comment_id=${platformId}`,
      image: this.imageOf(hash, platformId),
      wire: { text: text.json, authorName: author.nameJson },
    };
  }

  private authorOf(hash: number): Author {
    const roll = hashInts(hash, SALT_AUTHOR);
    if (roll % 100 < TOWN_REPLY_PERCENT) return this.pageAuthor;
    return this.residents[(roll >>> 8) % this.residents.length];
  }

  private imageOf(hash: number, platformId: string): MockImage | undefined {
    if (hashUnit(hash, SALT_IMAGE) >= this.config.imageRate) return undefined;
    return {
      sourceUrl: `mock://media/${this.config.seed}/${platformId}.png`,
      width: 32 + 16 * (hash % 3),
      height: 32 + 16 * ((hash >>> 4) % 3),
    };
  }

  /** Post ids are `<pageId>_<postN>`, comment ids `<postN>_<commentN>` (both 1-based). */
  private parseId(platformId: string): MockPosition | undefined {
    const separator = platformId.indexOf('_');
    if (separator <= 0) return undefined;
    const left = platformId.slice(0, separator);
    const right = Number(platformId.slice(separator + 1));
    if (!Number.isSafeInteger(right) || right < 1 || !/^\d+$/.test(platformId.slice(separator + 1))) return undefined;
    if (left === this.pageId) return { post: right - 1, comment: -1 };
    const post = Number(left);
    if (!/^\d+$/.test(left) || !Number.isSafeInteger(post) || post < 1) return undefined;
    return { post: post - 1, comment: right - 1 };
  }
}
