import { Parser } from 'htmlparser2';
import { htmlToText } from '../text/html-to-text';

/** A fetched HTML page as the archive reads it: its title, the text a visitor sees, and the links it has. */
export interface WebPage {
  title: string;
  text: string;
  /** Absolute http(s) addresses of its `<a href>` links, without fragments, in order, each once. */
  links: string[];
}

/** Reads a page served at `url` (relative links resolve against it, or against its `<base href>`). */
export function readWebPage(html: string, url: string): WebPage {
  let base = url;
  let title = '';
  let inTitle = false;
  const hrefs: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && attributes.href) base = resolve(attributes.href, url) ?? base;
        if (name === 'a' && attributes.href) hrefs.push(attributes.href);
        if (name === 'title') inTitle = true;
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  const links = [...new Set(hrefs.flatMap((href) => resolve(href, base) ?? []))];
  return { title: title.replace(/\s+/g, ' ').trim(), text: htmlToText(bodyOf(html)), links };
}

/** The `<body>` (what a visitor sees), or the whole document when it has none. */
function bodyOf(html: string): string {
  const start = /<body\b[^>]*>/i.exec(html);
  if (!start) return html;
  const end = html.toLowerCase().lastIndexOf('</body>');
  return html.slice(start.index + start[0].length, end > start.index ? end : undefined);
}

function resolve(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.toString();
  } catch {
    return undefined;
  }
}
