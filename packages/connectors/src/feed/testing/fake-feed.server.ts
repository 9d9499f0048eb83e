import { renderMockImage } from '../../mock/mock-media';
import { hashInts } from '../../mock/prng';
import { startFakeServer, type FakeAnswer, type RunningFake } from '../../testing/fake-server';
import { FakeBlog, type FakeBlogOptions } from './fake-blog';

export interface FakeFeedServerOptions extends FakeBlogOptions {
  /** RSS 2.0 at `/feed.xml` (the latest `rssSize` posts) or Atom at `/atom.xml` (every post, paged). */
  format: 'rss' | 'atom';
  /** Entries in the RSS feed (default 20): older posts drop off it, as on a real blog. */
  rssSize?: number;
  /** Entries per Atom page (default 10), linked by RFC 5005 `next`. */
  atomPageSize?: number;
  /** Posts whose entry carries a date that is not one: malformed entries. */
  malformedPosts?: number[];
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A town blog site behind real HTTP: its home page `/` (the five latest posts, an about page, a page robots.txt
 * disallows and a link to another site), `/robots.txt` (`Disallow: /private/`, a short Crawl-delay), its feed (RSS 2.0 with `content:encoded` and enclosures, or a paged Atom feed
 * with `html` content and `next` links), each post's page at `/posts/<n>` (404 once taken down) and its photo.
 * Posts are published, updated and taken down as the fake's clock moves (`advance`). It can ask a client to
 * slow down (429 with `Retry-After`) on demand.
 */
export class FakeFeed {
  readonly blog: FakeBlog;
  private server!: RunningFake;
  private step = 0;
  private slowDowns: Array<{ after: number; count: number }> = [];
  private answered = 0;

  private constructor(private readonly options: FakeFeedServerOptions) {
    this.blog = new FakeBlog(options);
  }

  static async start(options: FakeFeedServerOptions): Promise<FakeFeed> {
    const fake = new FakeFeed(options);
    fake.server = await startFakeServer((_request, url) => fake.answer(url));
    return fake;
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** The feed's address, as a town would give it. */
  get feedUrl(): string {
    return `${this.baseUrl}${this.options.format === 'rss' ? '/feed.xml' : '/atom.xml'}`;
  }

  get requests(): string[] {
    return this.server.requests;
  }

  get currentStep(): number {
    return this.step;
  }

  /** One step on: a new post, some updated, some taken down. */
  advance(steps = 1): void {
    this.step += steps;
  }

  /** After `after` more requests, the next `count` are answered 429 with `Retry-After: 1`. */
  slowDownAfter(after: number, count = 1): void {
    this.slowDowns.push({ after: this.answered + after, count });
  }

  /** The entry id of post `n` (its page's address, as many blogs use). */
  idOf(n: number): string {
    return `${this.baseUrl}/posts/${n}`;
  }

  /** Posts the feed lists now, newest first. */
  listedPosts(): number[] {
    const live = this.blog.livePosts(this.step);
    return this.options.format === 'rss' ? live.slice(0, this.options.rssSize ?? 20) : live;
  }

  /** The photo of post `n`, as served. */
  photoOf(n: number): Buffer {
    return renderMockImage(24, 16, hashInts(this.options.seed, n, 99));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private answer(url: URL): FakeAnswer {
    this.answered += 1;
    const slowDown = this.slowDowns.find((entry) => this.answered > entry.after && entry.count > 0);
    if (slowDown) {
      slowDown.count -= 1;
      return { status: 429, headers: { 'retry-after': '1', 'content-type': 'text/plain' }, body: 'Too Many Requests' };
    }
    if (url.pathname === '/feed.xml' && this.options.format === 'rss') return this.rss();
    if (url.pathname === '/atom.xml' && this.options.format === 'atom') return this.atom(url);
    if (url.pathname === '/robots.txt') {
      const robots = 'User-agent: *\nDisallow: /private/\nCrawl-delay: 0.01\n';
      return { headers: { 'content-type': 'text/plain' }, body: robots };
    }
    if (url.pathname === '/') return this.home();
    if (url.pathname === '/about')
      return html('About the Clerk', `<p>Office hours: ${this.aboutHours}.</p><a href="/">Home</a>`);
    if (url.pathname === '/private/minutes') return html('Draft minutes', '<p>Not for robots.</p>');
    const post = /^\/posts\/(\d+)$/.exec(url.pathname);
    if (post && this.blog.exists(Number(post[1]), this.step)) return this.page(Number(post[1]));
    const photo = /^\/media\/(\d+)\.png$/.exec(url.pathname);
    if (photo && this.blog.hasPhoto(Number(photo[1])))
      return { headers: { 'content-type': 'image/png' }, body: this.photoOf(Number(photo[1])) };
    return { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' };
  }

  private rss(): FakeAnswer {
    const items = this.listedPosts().map((n) => {
      const date = this.isMalformed(n) ? 'the Tuesday after next' : new Date(this.blog.publishedAt(n)).toUTCString();
      const photo = this.blog.hasPhoto(n)
        ? `<enclosure url="/media/${n}.png" length="${this.photoOf(n).byteLength}" type="image/png"/>`
        : '';
      return `<item><title>${escape(this.blog.title(n))}</title><link>${this.idOf(n)}</link>
<guid isPermaLink="true">${this.idOf(n)}</guid><pubDate>${date}</pubDate><dc:creator>Town Clerk</dc:creator>
<description>${escape(this.blog.title(n))}</description>
<content:encoded><![CDATA[${this.blog.bodyHtml(n, this.step)}]]></content:encoded>${photo}</item>`;
    });
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Town Clerk News</title><link>${this.baseUrl}/</link><description>Notices</description>
<lastBuildDate>${new Date(this.blog.timeOf(this.step)).toUTCString()}</lastBuildDate>
${items.join('\n')}
</channel></rss>`;
    return { headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body };
  }

  private atom(url: URL): FakeAnswer {
    const size = this.options.atomPageSize ?? 10;
    const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
    const live = this.listedPosts();
    const slice = live.slice((page - 1) * size, page * size);
    const next = page * size < live.length ? `<link rel="next" href="/atom.xml?page=${page + 1}"/>` : '';
    const entries = slice.map((n) => {
      const published = this.isMalformed(n) ? 'yesterday' : this.blog.publishedAt(n);
      const photo = this.blog.hasPhoto(n) ? `<link rel="enclosure" type="image/png" href="/media/${n}.png"/>` : '';
      return `<entry><id>${this.idOf(n)}</id><title type="text">${escape(this.blog.title(n))}</title>
<link rel="alternate" href="/posts/${n}"/>${photo}<published>${published}</published>
<updated>${this.blog.updatedAt(n, this.step)}</updated><author><name>Town Clerk</name></author>
<content type="html">${escape(this.blog.bodyHtml(n, this.step))}</content></entry>`;
    });
    const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Town Clerk News</title><id>${this.baseUrl}/</id>
<link rel="alternate" href="/"/><link rel="self" href="/atom.xml?page=${page}"/>${next}
<updated>${new Date(this.blog.timeOf(this.step)).toISOString()}</updated>
${entries.join('\n')}
</feed>`;
    return { headers: { 'content-type': 'application/atom+xml; charset=utf-8' }, body };
  }

  private page(n: number): FakeAnswer {
    const photo = this.blog.hasPhoto(n) ? `<img src="/media/${n}.png" alt="Notice ${n}">` : '';
    const previous = n > 0 ? `<a href="/posts/${n - 1}">Previous notice</a>` : '';
    const body = `<nav><a href="/">Town Clerk News</a> ${previous}</nav><article><h1>${escape(this.blog.title(n))}</h1>
${this.blog.bodyHtml(n, this.step)}${photo}</article>`;
    return html(this.blog.title(n), body);
  }

  /** The office hours the about page states: a test changes them to see a new version. */
  aboutHours = 'Monday to Friday, 9 to 5';

  private home(): FakeAnswer {
    const latest = this.blog
      .livePosts(this.step)
      .slice(0, 5)
      .map((n) => `<li><a href="/posts/${n}">${escape(this.blog.title(n))}</a></li>`);
    const body = `<ul>${latest.join('')}</ul><a href="/about">About</a> <a href="/private/minutes">Minutes</a>
<a href="https://elsewhere.example.org/">State portal</a> <a href="/feed.xml">Feed</a>`;
    return html('Town Clerk News', body);
  }

  private isMalformed(n: number): boolean {
    return this.options.malformedPosts?.includes(n) ?? false;
  }
}

function html(title: string, body: string): FakeAnswer {
  const page = `<!doctype html><html lang="en"><head><title>${escape(title)}</title>
<script>var visits = Date.now();</script></head><body>${body}</body></html>`;
  return { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page };
}
