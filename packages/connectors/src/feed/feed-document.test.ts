import { readFeedDocument } from './feed-document';
import { itemOfEntry } from './feed-entry.mapper';

const BASE = 'https://town.example.gov/news/feed.xml';
const context = { feedTitle: 'Town News', undatedAt: '2026-12-01T00:00:00.000Z' };

describe('reading RSS 2.0 and Atom feeds', () => {
  it('reads Atom xhtml, escaped html and text bodies, relative links and the next page', () => {
    const document = readFeedDocument(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Town News</title>
      <link rel="next" href="?page=2"/>
      <entry><id>tag:town,2026:1</id><title>Road work</title><link href="/news/1"/>
        <updated>2026-11-02T10:00:00Z</updated><published>2026-11-01T10:00:00Z</published>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Elm &amp; Main</p><p>closed</p></div></content></entry>
      <entry><id>tag:town,2026:2</id><title>Hearing</title><updated>2026-11-03T10:00:00Z</updated>
        <content type="html">&lt;p&gt;Budget &amp;amp; taxes&lt;/p&gt;</content></entry>
      <entry><id>tag:town,2026:3</id><title>Plain</title><updated>2026-11-04T10:00:00Z</updated>
        <summary>Fees &lt; $5</summary></entry></feed>`,
      BASE,
    );
    if ('problem' in document) throw new Error(document.problem);
    expect(document.next).toBe('https://town.example.gov/news/feed.xml?page=2');
    const items = document.entries.map((entry) => ('problem' in entry ? entry : itemOfEntry(entry, context)));
    expect(items[0]).toMatchObject({
      platformId: 'tag:town,2026:1',
      text: 'Road work\n\nElm & Main\n\nclosed',
      url: 'https://town.example.gov/news/1',
      postedAt: '2026-11-01T10:00:00.000Z',
      editedAt: '2026-11-02T10:00:00.000Z',
      author: { name: 'Town News' },
    });
    expect(items[1]).toMatchObject({ text: 'Hearing\n\nBudget & taxes', postedAt: '2026-11-03T10:00:00.000Z' });
    expect(items[2]).toMatchObject({ text: 'Plain\n\nFees < $5' });
  });

  it('reads RSS with CDATA bodies, an undated item and an item that cannot be told apart', () => {
    const document = readFeedDocument(
      `<rss version="2.0"><channel><title>Clerk</title><item><title>A</title>
      <description><![CDATA[<p>One <b>bold</b> word</p>]]></description></item>
      <item><description>no title, no link, no guid</description></item></channel></rss>`,
      BASE,
    );
    if ('problem' in document) throw new Error(document.problem);
    const [undated, anonymous] = document.entries.map((entry) =>
      'problem' in entry ? entry : itemOfEntry(entry, { ...context, feedTitle: document.title }),
    );
    expect(undated).toMatchObject({
      text: 'A\n\nOne bold word',
      postedAt: context.undatedAt,
      author: { name: 'Clerk' },
    });
    expect(anonymous).toEqual({
      problem: 'the entry has no id, link or title, so it cannot be told apart from others',
    });
  });

  it('says what is wrong with a document that is not a feed', () => {
    expect(readFeedDocument('<html><body>Hi</body></html>', BASE)).toEqual({
      problem: 'the document is neither an RSS 2.0 <rss><channel> nor an Atom <feed>',
    });
    expect(readFeedDocument('<rdf:RDF xmlns:rdf="x"><channel/></rdf:RDF>', BASE)).toMatchObject({
      problem: expect.stringContaining('RSS 1.0'),
    });
    expect(readFeedDocument('<rss><channel><item>', BASE)).toMatchObject({
      problem: expect.stringContaining('not well-formed XML'),
    });
  });
});
