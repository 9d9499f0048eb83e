import { XMLParser } from 'fast-xml-parser';
import { decodeEntities } from '../text/html-to-text';

/** One `<item>` (RSS 2.0) or `<entry>` (Atom), its fields as the feed wrote them, not yet checked. */
export interface FeedEntryFields {
  id?: string;
  link?: string;
  title?: string;
  /** The entry's body as HTML (RSS `content:encoded` or `description`, Atom `html`/`xhtml` content). */
  html?: string;
  /** The entry's body when the feed gives it as plain text (Atom `type="text"`). */
  text?: string;
  published?: string;
  updated?: string;
  author?: string;
  enclosures: Array<{ url: string; type?: string }>;
}

/** A feed page: what kind of feed, its title, its entries (or why one cannot be read), and the next page. */
export interface FeedDocument {
  format: 'rss' | 'atom';
  title: string;
  /** The site the feed belongs to, when it says. */
  link?: string;
  /** The feed's own date (RSS `lastBuildDate` or `pubDate`, Atom `updated`), as written. */
  updated?: string;
  entries: Array<FeedEntryFields | { problem: string }>;
  /** RFC 5005 paging: the `next` link of a paged feed, absolute; null at its end or for an unpaged feed. */
  next: string | null;
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(['item', 'entry', 'link', 'enclosure', 'author', 'content', 'summary']);

/** Atom's `content` and `summary` are kept as written: an `xhtml` body is markup, not XML to be taken apart. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  stopNodes: ['feed.entry.content', 'feed.entry.summary'],
  isArray: (name) => ARRAYS.has(name),
});

/** The feed in `xml`, or the reason it is not an RSS 2.0 or Atom feed. `base` resolves relative links. */
export function readFeedDocument(xml: string, base: string): FeedDocument | { problem: string } {
  let root: Node;
  try {
    root = parser.parse(xml, true) as Node;
  } catch (error) {
    return { problem: `the feed is not well-formed XML (${(error as Error).message.split('\n')[0]})` };
  }
  if (isNode(root.rss) && isNode(root.rss.channel)) return readRss(root.rss.channel, base);
  if (isNode(root.feed)) return readAtom(root.feed, base);
  if (isNode(root.RDF))
    return { problem: 'the feed is RSS 1.0 (RDF), which is not supported: use its RSS 2.0 or Atom feed' };
  return { problem: 'the document is neither an RSS 2.0 <rss><channel> nor an Atom <feed>' };
}

function readRss(channel: Node, base: string): FeedDocument {
  const items = Array.isArray(channel.item) ? (channel.item as unknown[]) : [];
  return {
    format: 'rss',
    title: textOf(channel.title) ?? '',
    link: absolute(rssLink(channel.link), base),
    updated: textOf(channel.lastBuildDate) ?? textOf(channel.pubDate),
    entries: items.map((item) => (isNode(item) ? rssEntry(item, base) : { problem: 'the item is empty' })),
    next: absolute(relLink(channel.link, 'next'), base) ?? null,
  };
}

function rssEntry(item: Node, base: string): FeedEntryFields {
  const enclosures = (Array.isArray(item.enclosure) ? item.enclosure : []).flatMap((enclosure) => {
    const url = isNode(enclosure) ? absolute(attribute(enclosure, 'url'), base) : undefined;
    return url ? [{ url, type: attribute(enclosure as Node, 'type') }] : [];
  });
  return {
    id: textOf(item.guid),
    link: absolute(rssLink(item.link), base),
    title: textOf(item.title),
    html: textOf(item.encoded) ?? textOf(item.description),
    published: textOf(item.pubDate) ?? textOf(item.date),
    author: textOf(item.creator) ?? (Array.isArray(item.author) ? textOf(item.author[0]) : undefined),
    enclosures,
  };
}

function readAtom(feed: Node, base: string): FeedDocument {
  const entries = Array.isArray(feed.entry) ? (feed.entry as unknown[]) : [];
  return {
    format: 'atom',
    title: textOf(feed.title) ?? '',
    link: absolute(relLink(feed.link, 'alternate'), base),
    updated: textOf(feed.updated),
    entries: entries.map((entry) => (isNode(entry) ? atomEntry(entry, base) : { problem: 'the entry is empty' })),
    next: absolute(relLink(feed.link, 'next'), base) ?? null,
  };
}

function atomEntry(entry: Node, base: string): FeedEntryFields {
  const body = atomBody(entry.content) ?? atomBody(entry.summary);
  const links = Array.isArray(entry.link) ? entry.link : [];
  const enclosures = links.flatMap((link) => {
    if (!isNode(link) || attribute(link, 'rel') !== 'enclosure') return [];
    const url = absolute(attribute(link, 'href'), base);
    return url ? [{ url, type: attribute(link, 'type') }] : [];
  });
  const author = Array.isArray(entry.author) && isNode(entry.author[0]) ? textOf(entry.author[0].name) : undefined;
  return {
    id: textOf(entry.id),
    link: absolute(relLink(entry.link, 'alternate'), base),
    title: textOf(entry.title),
    ...body,
    published: textOf(entry.published),
    updated: textOf(entry.updated),
    author,
    enclosures,
  };
}

/** An Atom text construct kept raw (a stop node): html is escaped markup, xhtml is markup, text is text. */
function atomBody(nodes: unknown): { html: string } | { text: string } | undefined {
  const node: unknown = Array.isArray(nodes) ? (nodes as unknown[])[0] : undefined;
  if (node === undefined) return undefined;
  const raw = unwrapCdata(typeof node === 'string' ? node : (textOf(node) ?? ''));
  const type = isNode(node) ? attribute(node, 'type') : undefined;
  if (type === 'xhtml') return { html: raw };
  if (type === 'html' || type === 'text/html') return { html: raw.includes('<') ? raw : decodeEntities(raw) };
  return { text: decodeEntities(raw) };
}

/** RSS's `<link>` is text; an `atom:link` inside RSS (namespace removed) is an element with `href`. */
function rssLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  for (const link of links) if (typeof link === 'string' && link.trim()) return link.trim();
  return undefined;
}

/** The `href` of the `<link rel=…>` (Atom's default rel is `alternate`). */
function relLink(links: unknown, rel: string): string | undefined {
  if (!Array.isArray(links)) return undefined;
  for (const link of links) {
    if (isNode(link) && (attribute(link, 'rel') ?? 'alternate') === rel && attribute(link, 'href'))
      return attribute(link, 'href');
  }
  return undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'].trim() || undefined;
  if (Array.isArray(value)) return textOf(value[0]);
  return undefined;
}

function attribute(node: Node, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function unwrapCdata(raw: string): string {
  const match = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(raw);
  return match ? match[1] : raw;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
