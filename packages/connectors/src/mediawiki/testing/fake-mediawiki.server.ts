import { startFakeServer, type FakeAnswer, type RunningFake } from '../../testing/fake-server';
import { FakeWiki, type FakePage, type FakeRevision, type FakeWikiOptions } from './fake-mediawiki-wiki';

export interface FakeMediaWikiOptions extends FakeWikiOptions {
  /** Revision ids whose JSON lacks `timestamp`: malformed items. */
  malformedRevisions?: number[];
}

type SlowDown = 'maxlag' | 'ratelimited';

/**
 * A fake MediaWiki Action API over real HTTP (`/w/api.php`, `format=json&formatversion=2`): `list=allrevisions`,
 * `generator=allpages` and `generator=categorymembers` with the latest revision of each page, `titles`,
 * `pageids` (a lookup answering `missing`, or one page's history with `rvdir`, `rvstart`, `rvlimit` and
 * `rvcontinue`), `prop=categoryinfo`, revision deletion (`texthidden`, `userhidden`), the `maxlag` and
 * `ratelimited` errors on demand, and `/w/index.php?action=raw&oldid=` serving a revision's wikitext.
 * `/html/api.php` answers a web page, as a wrong address would.
 */
export class FakeMediaWiki {
  readonly wiki: FakeWiki;
  private server!: RunningFake;
  private slowDown: { after: number; kind: SlowDown; retryAfter: number | null } | null = null;
  private answered = 0;
  private readDenied = false;

  private constructor(private readonly options: FakeMediaWikiOptions) {
    this.wiki = new FakeWiki(options);
  }

  static async start(options: FakeMediaWikiOptions): Promise<FakeMediaWiki> {
    const fake = new FakeMediaWiki(options);
    fake.server = await startFakeServer((_request, url) => fake.answer(url));
    return fake;
  }

  get apiUrl(): string {
    return `${this.server.baseUrl}/w/api.php`;
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  get requests(): string[] {
    return this.server.requests;
  }

  /**
   * After `after` more API requests, the next is refused: `maxlag` with `Retry-After` (seconds), or
   * `ratelimited`, which names no wait.
   */
  slowDownAfter(after: number, kind: SlowDown, retryAfterSeconds: number | null = 1): void {
    this.slowDown = { after: this.answered + after, kind, retryAfter: retryAfterSeconds };
  }

  /** From now on the wiki lets only signed-in users read, as a private wiki does: `readapidenied`. */
  denyReading(): void {
    this.readDenied = true;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private answer(url: URL): FakeAnswer {
    if (url.pathname === '/w/index.php' && url.searchParams.get('action') === 'raw') return this.raw(url.searchParams);
    if (url.pathname === '/html/api.php')
      return { headers: { 'content-type': 'text/html' }, body: '<html><body>Welcome</body></html>' };
    if (url.pathname !== '/w/api.php')
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' };
    this.answered += 1;
    if (this.slowDown && this.answered > this.slowDown.after) return this.refuse();
    if (this.readDenied) return { body: apiError('readapidenied', 'You need read permission to use this module.') };
    const params = url.searchParams;
    if (params.get('action') !== 'query')
      return {
        headers: { 'mediawiki-api-error': 'badvalue' },
        body: apiError('badvalue', 'Unrecognized value for parameter "action".'),
      };
    const query: Record<string, unknown> = {};
    const more: Record<string, string> = {};
    if (params.get('list') === 'allrevisions') query.allrevisions = this.allRevisions();
    const pages = this.pagesOf(params, more);
    if (pages !== null) query.pages = pages;
    const next = Object.keys(more).length ? { continue: { ...more, continue: continueMarker(more) } } : {};
    return { body: { ...(Object.keys(more).length ? {} : { batchcomplete: true }), ...next, query } };
  }

  private refuse(): FakeAnswer {
    const { kind, retryAfter } = this.slowDown!;
    this.slowDown = null;
    const headers: Record<string, string> = { 'mediawiki-api-error': kind };
    if (retryAfter !== null) headers['retry-after'] = String(retryAfter);
    if (kind === 'maxlag')
      return {
        headers: { ...headers, 'x-database-lag': '7' },
        body: {
          error: {
            code: 'maxlag',
            info: 'Waiting for 10.64.16.8: 7 seconds lagged.',
            host: '10.64.16.8',
            lag: 7,
            type: 'db',
          },
        },
      };
    return {
      headers,
      body: apiError(
        'ratelimited',
        'As an anti-abuse measure, you are limited from performing this action too many times in a short space of time, and you have exceeded this limit. Please try again in a few minutes.',
      ),
    };
  }

  private allRevisions(): object[] {
    const newest = this.wiki.newestRevision();
    if (!newest) return [];
    const { page, revision } = newest;
    return [
      {
        pageid: page.pageid,
        revisions: [{ revid: revision.revid, parentid: revision.parentid, timestamp: revision.timestamp }],
        ns: page.ns,
        title: page.title,
      },
    ];
  }

  /** The pages a request names or generates, null when it names none; continuation values go in `more`. */
  private pagesOf(params: URLSearchParams, more: Record<string, string>): object[] | null {
    const withLatest = params.get('prop')?.split('|').includes('revisions') === true;
    const generator = params.get('generator');
    if (generator === 'allpages' || generator === 'categorymembers') {
      const category = params.get('gcmtitle')?.replace(/^Category:/, '');
      const all = this.wiki.livePages(Number(params.get('gapnamespace') ?? 0));
      const members =
        generator === 'allpages'
          ? all
          : this.wiki.pages.filter((page) => !page.deleted && page.categories.includes(category ?? ''));
      const prefix = generator === 'allpages' ? 'gap' : 'gcm';
      const from = Number((params.get(`${prefix}continue`) ?? 'page|0').split('|')[1]);
      const limit = Number(params.get(`${prefix}limit`) ?? 10);
      if (from + limit < members.length) more[`${prefix}continue`] = `page|${from + limit}`;
      return members
        .slice(from, from + limit)
        .map((page) => this.pageJson(page, withLatest ? [page.revisions.at(-1)!] : undefined));
    }
    const titles = params.get('titles');
    if (titles !== null) return titles.split('|').map((title) => this.titleJson(title, withLatest));
    const pageids = params.get('pageids');
    if (pageids === null) return null;
    const ids = pageids.split('|').map(Number);
    if (withLatest && params.has('rvlimit') && ids.length === 1) return [this.history(ids[0], params, more)];
    return ids.map((pageid) => {
      const page = this.wiki.pages.find((candidate) => candidate.pageid === pageid && !candidate.deleted);
      return page ? this.pageJson(page, withLatest ? [page.revisions.at(-1)!] : undefined) : { pageid, missing: true };
    });
  }

  private titleJson(title: string, withLatest: boolean): object {
    if (title.startsWith('Category:')) {
      const size = this.wiki.pages.filter((page) => !page.deleted && page.categories.includes(title.slice(9))).length;
      return {
        ns: 14,
        title,
        missing: true,
        ...(size > 0 ? { categoryinfo: { size, pages: size, files: 0, subcats: 0 } } : {}),
      };
    }
    const page = this.wiki.pages.find((candidate) => candidate.title === title && !candidate.deleted);
    if (!page) return { ns: 0, title, missing: true };
    return this.pageJson(page, withLatest ? [page.revisions.at(-1)!] : undefined);
  }

  /** One page's revisions, oldest or newest first from `rvstart`, `rvlimit` at a time. */
  private history(pageid: number, params: URLSearchParams, more: Record<string, string>): object {
    const page = this.wiki.pages.find((candidate) => candidate.pageid === pageid && !candidate.deleted);
    if (!page) return { pageid, missing: true };
    const newer = params.get('rvdir') === 'newer';
    const start = params.get('rvstart');
    let revisions = newer ? [...page.revisions] : [...page.revisions].reverse();
    if (start)
      revisions = revisions.filter((revision) => (newer ? revision.timestamp >= start : revision.timestamp <= start));
    const resume = params.get('rvcontinue');
    if (resume) {
      const at = Number(resume.split('|')[1]);
      revisions = revisions.filter((revision) => (newer ? revision.revid >= at : revision.revid <= at));
    }
    const limit = Math.min(50, Number(params.get('rvlimit') ?? 1));
    const next = revisions[limit];
    if (next) more.rvcontinue = `${next.timestamp.replace(/\D/g, '')}|${next.revid}`;
    return this.pageJson(page, revisions.slice(0, limit));
  }

  private pageJson(page: FakePage, revisions: FakeRevision[] | undefined): object {
    return {
      pageid: page.pageid,
      ns: page.ns,
      title: page.title,
      ...(revisions ? { revisions: revisions.map((revision) => this.revisionJson(revision)) } : {}),
    };
  }

  private revisionJson(revision: FakeRevision): object {
    const malformed = this.options.malformedRevisions?.includes(revision.revid);
    return {
      revid: revision.revid,
      parentid: revision.parentid,
      minor: false,
      ...(revision.userhidden ? { userhidden: true } : { user: revision.user, userid: revision.userid }),
      ...(malformed ? {} : { timestamp: revision.timestamp }),
      comment: revision.comment,
      ...(revision.texthidden ? { sha1hidden: true } : { sha1: 'f'.repeat(40) }),
      slots: {
        main: revision.texthidden
          ? { contentmodel: 'wikitext', contentformat: 'text/x-wiki', texthidden: true }
          : { contentmodel: 'wikitext', contentformat: 'text/x-wiki', content: revision.text },
      },
    };
  }

  private raw(params: URLSearchParams): FakeAnswer {
    const revision = this.wiki.revision(Number(params.get('oldid')));
    if (!revision) return { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>No such revision</h1>' };
    if (revision.texthidden)
      return { status: 403, headers: { 'content-type': 'text/html' }, body: '<h1>Permission error</h1>' };
    return { headers: { 'content-type': 'text/x-wiki; charset=UTF-8' }, body: revision.text };
  }
}

function apiError(code: string, info: string): object {
  return {
    error: { code, info, docref: 'See https://www.mediawiki.org/w/api.php for API usage.' },
    servedby: 'mw-fake',
  };
}

/** The `continue` marker MediaWiki adds: which generator continues (`gapcontinue||`), or `||` for props. */
function continueMarker(more: Record<string, string>): string {
  const generator = Object.keys(more).find((name) => name.startsWith('g'));
  return generator ? `${generator}||` : '||';
}
