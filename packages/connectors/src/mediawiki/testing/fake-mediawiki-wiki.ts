import { hashInts } from '../../mock/prng';

export interface FakeWikiOptions {
  seed: number;
  /** Pages in the main namespace at the start; every third one is in the category "Meeting minutes". */
  pages: number;
  /** Most revisions a page has at the start: 1 to this many (default 4). */
  maxRevisions?: number;
}

export interface FakeRevision {
  revid: number;
  parentid: number;
  timestamp: string;
  user: string;
  userid: number;
  comment: string;
  text: string;
  texthidden?: boolean;
  userhidden?: boolean;
}

export interface FakePage {
  pageid: number;
  ns: number;
  title: string;
  categories: string[];
  revisions: FakeRevision[];
  deleted: boolean;
}

export const MINUTES_CATEGORY = 'Meeting minutes';
/** Who edits the fake wiki: registered users, and an anonymous editor known by address (user id 0). */
export const FAKE_EDITORS = [
  { user: 'Clerk Ann', userid: 7 },
  { user: 'Planner Bo', userid: 9 },
  { user: '192.0.2.44', userid: 0 },
  { user: 'Mayor Cy', userid: 12 },
] as const;
const EPOCH = Date.parse('2026-01-01T00:00:00Z');

/**
 * The content of a fake wiki: pages with their revisions, revision ids shared by the whole wiki and growing
 * with time (a minute per revision). A page's second revision changes only markup (bold to italics), so its
 * plain text is the first one's. Tests edit, create, delete and hide through the methods below.
 */
export class FakeWiki {
  readonly pages: FakePage[] = [];
  private lastRevid = 1000;

  constructor(private readonly options: FakeWikiOptions) {
    const counts = Array.from(
      { length: options.pages },
      (_, n) => 1 + (hashInts(options.seed, n, 1) % (options.maxRevisions ?? 4)),
    );
    counts.forEach((_, n) =>
      this.createPage(`Town Page ${n}`, 0, n % 3 === 0 ? [MINUTES_CATEGORY] : [], FAKE_EDITORS[n % 4]),
    );
    // Later revisions in rounds, so revision ids of different pages interleave as on a real wiki.
    for (let round = 1; round < Math.max(0, ...counts); round++)
      counts.forEach((count, n) => {
        if (round < count) this.edit(this.pages[n].pageid);
      });
    this.createPage('Project:About', 4, [], FAKE_EDITORS[0]);
  }

  createPage(
    title: string,
    ns = 0,
    categories: string[] = [],
    editor: { user: string; userid: number } = FAKE_EDITORS[0],
  ): FakePage {
    const page: FakePage = { pageid: 100 + this.pages.length, ns, title, categories, revisions: [], deleted: false };
    this.pages.push(page);
    this.addRevision(page, this.wikitextOf(page, 0), editor, 'Created page');
    return page;
  }

  /** A new revision of the page: the first edit changes markup only, later ones add an amendment each. */
  edit(pageid: number, editor?: { user: string; userid: number }): FakeRevision {
    const page = this.page(pageid);
    const k = page.revisions.length;
    const chosen = editor ?? FAKE_EDITORS[hashInts(this.options.seed, pageid, k) % FAKE_EDITORS.length];
    return this.addRevision(page, this.wikitextOf(page, k), chosen, k === 1 ? 'Copyedit' : `Amendment ${k}`);
  }

  deletePage(pageid: number): void {
    this.page(pageid).deleted = true;
  }

  /** Revision deletion: the revision stays listed, its text (or its editor) hidden from readers. */
  hide(revid: number, what: 'text' | 'user'): void {
    const revision = this.pages.flatMap((page) => page.revisions).find((candidate) => candidate.revid === revid)!;
    if (what === 'text') revision.texthidden = true;
    else revision.userhidden = true;
  }

  page(pageid: number): FakePage {
    const page = this.pages.find((candidate) => candidate.pageid === pageid);
    if (!page) throw new Error(`the fake wiki has no page ${pageid}`);
    return page;
  }

  livePages(ns = 0): FakePage[] {
    return this.pages
      .filter((page) => !page.deleted && page.ns === ns)
      .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  }

  newestRevision(): { page: FakePage; revision: FakeRevision } | null {
    let newest: { page: FakePage; revision: FakeRevision } | null = null;
    for (const page of this.pages)
      for (const revision of page.deleted ? [] : page.revisions)
        if (!newest || revision.revid > newest.revision.revid) newest = { page, revision };
    return newest;
  }

  revision(revid: number): FakeRevision | undefined {
    return this.pages
      .flatMap((page) => (page.deleted ? [] : page.revisions))
      .find((candidate) => candidate.revid === revid);
  }

  /** The page's wikitext at its k-th revision (0 the first). */
  wikitextOf(page: Pick<FakePage, 'title' | 'categories'>, k: number): string {
    const emphasis = k === 0 ? "'''Town'''" : "''Town''";
    const amendments = Array.from({ length: Math.max(0, k - 1) }, (_, a) => `* Amendment ${a + 2} to ${page.title}`);
    return [
      '{{Notice header|date=today}}',
      `== About ${page.title} ==`,
      `The ${emphasis} posts [[Notice board|this notice]] about ${page.title}.<ref>Charter</ref>`,
      ...amendments,
      ...page.categories.map((category) => `[[Category:${category}]]`),
    ].join('\n');
  }

  private addRevision(
    page: FakePage,
    text: string,
    editor: { user: string; userid: number },
    comment: string,
  ): FakeRevision {
    this.lastRevid += 1;
    const revision: FakeRevision = {
      revid: this.lastRevid,
      parentid: page.revisions.at(-1)?.revid ?? 0,
      timestamp: new Date(EPOCH + this.lastRevid * 60_000).toISOString().replace('.000Z', 'Z'),
      user: editor.user,
      userid: editor.userid,
      comment,
      text,
    };
    page.revisions.push(revision);
    return revision;
  }
}
