import {
  ConnectorConfigError,
  type Connector,
  type ConnectorPage,
  type MediaDownload,
  type PassStart,
  type PlatformItem,
  type RejectedPayload,
} from '@verbatim/core';
import { z } from 'zod';
import { jsonOf, platformGet } from '../http/platform-http';
import { decodeToken, encodeToken, passSequenceAfter } from '../opaque-token';
import { LinkedinClient, type LinkedinResponse } from './linkedin-client';
import type { LinkedinConnectorConfig } from './linkedin-connector.config';
import { commentUrnOf, itemOfComment, itemOfPost, type LinkedinOrganization } from './linkedin-items';
import {
  LinkedinCommentSchema,
  LinkedinImageSchema,
  LinkedinListSchema,
  LinkedinOrganizationSchema,
  LinkedinPostSchema,
  type LinkedinComment,
} from './linkedin-payload.schema';

/** Posts a page asks for (LinkedIn's maximum for the author finder). */
const POSTS_PER_PAGE = 100;
const COMMENTS_PER_PAGE = 100;
/** Lifecycle states of posts nobody outside the organization has seen. */
const UNPUBLISHED = new Set(['DRAFT', 'PUBLISH_REQUESTED', 'PUBLISH_FAILED', 'PROCESSING', 'PROCESSING_FAILED']);
/** `urn:li:comment:(<the post's activity or share>,<comment id>)`. */
const COMMENT_URN = /^urn:li:comment:\((urn:li:[A-Za-z]+:\d+),(\d+)\)$/;
const POST_URN = /^urn:li:(share|ugcPost):\d+$/;

const PassSchema = z.strictObject({
  organizationUrn: z.string(),
  name: z.string(),
  vanityName: z.string().optional(),
  sequence: z.number().int().min(1),
});
type LinkedinPass = z.infer<typeof PassSchema>;
/** A comments page to read: the comments of a post, or the replies of a comment (`url` names which). */
const TaskSchema = z.strictObject({ postUrn: z.string(), url: z.string() });
type CommentsTask = z.infer<typeof TaskSchema>;
const CursorSchema = z.strictObject({ listing: z.string().nullable(), tasks: z.array(TaskSchema) });
type LinkedinCursor = z.infer<typeof CursorSchema>;

/**
 * Archives a LinkedIn organization page through the Community Management API (reference/platform-apis.md §7),
 * versioned REST with a pinned `LinkedIn-Version`. A pass lists the organization's posts with the author finder
 * (`/posts?q=author`, paged by `start`/`count` to the end), each post's comments through Social Actions
 * (`/socialActions/{post}/comments`), and each comment's replies (`/socialActions/{comment}/comments`).
 * LinkedIn keeps no edit history: a changed text is a new version at the item's `lastModified` time. A post or
 * comment missing from a pass is looked up directly and tombstoned only on a 404.
 */
export class LinkedinConnector implements Connector {
  private readonly client: LinkedinClient;

  constructor(
    private readonly config: LinkedinConnectorConfig,
    now: () => number = Date.now,
  ) {
    this.client = new LinkedinClient(config, now);
  }

  /**
   * Names the organization (its `localizedName`); the lookup needs `rw_organization_admin`, so an app without
   * it still archives, the organization then named by its URN. A 404 means the id is wrong.
   */
  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    const organizationUrn = this.client.organizationUrn;
    const url = this.client.urlOf(['organizations', this.config.organizationId]);
    const response = await this.client.get(url, 'the organization', signal, { allowForbidden: true });
    if (response.status === 404) {
      throw new ConnectorConfigError(
        `LinkedIn has no organization ${this.config.organizationId}: check the organizationId setting (the number in the page's admin address, linkedin.com/company/<id>/admin/)`,
      );
    }
    const found = response.status === 200 ? LinkedinOrganizationSchema.safeParse(jsonOf(response)) : null;
    const pass: LinkedinPass = {
      organizationUrn,
      name: found?.success ? found.data.localizedName : organizationUrn,
      sequence: passSequenceAfter(
        previousPassToken,
        (token) => decodeToken(token, PassSchema, 'LinkedIn pass token').sequence,
      ),
    };
    if (found?.success && found.data.vanityName) pass.vanityName = found.data.vanityName;
    const listing = this.client.urlOf(['posts'], {
      author: organizationUrn,
      q: 'author',
      count: String(POSTS_PER_PAGE),
      start: '0',
      sortBy: 'LAST_MODIFIED',
    });
    return { passToken: encodeToken(pass), firstCursor: encodeToken({ listing, tasks: [] } satisfies LinkedinCursor) };
  }

  /** Reads the next comments page due, else the next page of posts. */
  async fetchPage(passToken: string, cursorText: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const pass = decodeToken(passToken, PassSchema, 'LinkedIn pass token');
    const cursor = decodeToken(cursorText, CursorSchema, 'LinkedIn cursor');
    const organization: LinkedinOrganization = { urn: pass.organizationUrn, name: pass.name };
    if (pass.vanityName) organization.vanityName = pass.vanityName;
    const [task, ...rest] = cursor.tasks;
    if (task !== undefined) {
      const response = await this.client.get(task.url, `the comments of post ${task.postUrn}`, signal);
      // The post (or comment) went since it was listed: nothing to read there, nothing concluded.
      if (response.status === 404) return pageOf(response, emptyReading(null), { ...cursor, tasks: rest });
      if (response.status !== 200) throw this.client.unexpected(response, `the comments of post ${task.postUrn}`);
      const reading = this.readComments(response, task, organization);
      const more = reading.next ? [{ ...task, url: reading.next }] : [];
      return pageOf(response, reading, { listing: cursor.listing, tasks: [...reading.tasks, ...more, ...rest] });
    }
    if (cursor.listing === null) throw new Error('the LinkedIn cursor has nothing left to fetch');
    const response = await this.client.get(cursor.listing, "the organization's posts", signal);
    if (response.status !== 200) throw this.client.unexpected(response, "the organization's posts");
    const reading = this.readPosts(response, organization);
    return pageOf(response, reading, { listing: reading.next, tasks: reading.tasks });
  }

  /**
   * An image listed as its Images API address: asked for its current `downloadUrl` (with the token), whose
   * bytes are then fetched without it. Any other address is fetched as it is.
   */
  async fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload> {
    let downloadUrl = sourceUrl;
    if (this.client.isApiUrl(sourceUrl)) {
      const response = await this.client.get(sourceUrl, 'an image', signal);
      const image = response.status === 200 ? LinkedinImageSchema.safeParse(jsonOf(response)) : null;
      if (!image?.success) throw new Error(`LinkedIn answered ${response.status} for an image's download link`);
      downloadUrl = image.data.downloadUrl;
    }
    const response = await platformGet(downloadUrl, { signal, headers: { accept: 'image/*' } });
    if (response.status !== 200)
      throw new Error(`${new URL(downloadUrl).host} answered ${response.status} for an image`);
    return { bytes: response.raw, contentType: response.contentType };
  }

  /** Looks each post up (`/posts/{urn}`) and each comment (`/socialActions/{post}/comments/{id}`): 404 is gone. */
  async confirmGone(_passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    const gone: string[] = [];
    for (const id of platformIds) {
      const comment = COMMENT_URN.exec(id);
      const segments = comment
        ? ['socialActions', comment[1], 'comments', comment[2]]
        : POST_URN.test(id)
          ? ['posts', id]
          : null;
      if (segments === null) continue;
      const response = await this.client.get(this.client.urlOf(segments), `the lookup of ${id}`, signal);
      if (response.status === 404 || response.status === 410) gone.push(id);
      else if (response.status !== 200) throw this.client.unexpected(response, `the lookup of ${id}`);
    }
    return gone;
  }

  private readPosts(response: LinkedinResponse, organization: LinkedinOrganization): Reading {
    const list = listOf(response, 'the posts page');
    if (!list.ok) return list.failed;
    const reading = emptyReading(list.next);
    list.elements.forEach((element, index) => {
      const post = LinkedinPostSchema.safeParse(element);
      if (!post.success) return reading.rejected.push(rejection(index, post.error));
      if (UNPUBLISHED.has(post.data.lifecycleState)) return;
      reading.items.push(itemOfPost(post.data, organization, (urn) => this.client.urlOf(['images', urn])));
      reading.tasks.push({ postUrn: post.data.id, url: this.commentsUrl(post.data.id) });
    });
    return reading;
  }

  private readComments(response: LinkedinResponse, task: CommentsTask, organization: LinkedinOrganization): Reading {
    const list = listOf(response, `the comments of ${task.postUrn}`);
    if (!list.ok) return list.failed;
    const reading = emptyReading(list.next);
    list.elements.forEach((element, index) => {
      const comment = LinkedinCommentSchema.safeParse(element);
      if (!comment.success) return reading.rejected.push(rejection(index, comment.error));
      reading.items.push(itemOfComment(comment.data, task.postUrn, organization));
      if (hasReplies(comment.data))
        reading.tasks.push({ postUrn: task.postUrn, url: this.commentsUrl(commentUrnOf(comment.data)) });
    });
    return reading;
  }

  private commentsUrl(targetUrn: string): string {
    return this.client.urlOf(['socialActions', targetUrn, 'comments'], {
      count: String(COMMENTS_PER_PAGE),
      start: '0',
    });
  }
}

/** LinkedIn nests one level: a top-level comment says how many replies it has (read them when it does not say). */
function hasReplies(comment: LinkedinComment): boolean {
  const summary = comment.commentsSummary;
  if (summary === undefined) return comment.parentComment === undefined;
  return (summary.totalFirstLevelComments ?? summary.aggregatedTotalComments ?? 0) > 0;
}

interface Reading {
  items: PlatformItem[];
  rejected: RejectedPayload[];
  tasks: CommentsTask[];
  /** The URL of the next page of the same listing, or null at its end. */
  next: string | null;
}

function emptyReading(next: string | null): Reading {
  return { items: [], rejected: [], tasks: [], next };
}

/** The elements of a Rest.li collection and the next page's URL: `start` moved past what came. */
function listOf(
  response: LinkedinResponse,
  what: string,
): { ok: true; elements: unknown[]; next: string | null } | { ok: false; failed: Reading } {
  const list = LinkedinListSchema.safeParse(jsonOf(response));
  if (!list.success) {
    const reason = `${what} is not a LinkedIn collection: ${list.error.issues[0].message}`;
    return { ok: false, failed: { ...emptyReading(null), rejected: [{ itemIndex: null, reason }] } };
  }
  const url = new URL(response.url);
  const start = Number(url.searchParams.get('start') ?? '0');
  const asked = Number(url.searchParams.get('count') ?? '10');
  const got = list.data.elements.length;
  const total = list.data.paging?.total;
  const pageSize = Math.min(asked, list.data.paging?.count ?? asked);
  const more = got > 0 && (total !== undefined ? start + got < total : got >= pageSize);
  if (!more) return { ok: true, elements: list.data.elements, next: null };
  url.searchParams.set('start', String(start + got));
  return { ok: true, elements: list.data.elements, next: url.toString() };
}

function rejection(index: number, error: z.ZodError): RejectedPayload {
  const issue = error.issues[0];
  return { itemIndex: index, reason: `elements[${index}].${issue.path.join('.')}: ${issue.message}` };
}

function pageOf(response: LinkedinResponse, reading: Reading, next: LinkedinCursor): ConnectorPage {
  const done = next.listing === null && next.tasks.length === 0;
  return {
    raw: response.raw,
    contentType: response.contentType,
    source: response.url,
    items: reading.items,
    rejected: reading.rejected,
    nextCursor: done ? null : encodeToken(next),
  };
}
