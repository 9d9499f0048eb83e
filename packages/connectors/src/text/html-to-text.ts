/**
 * Mastodon's status content is HTML (`<p>`, `<br>`, links whose text is split into `<span>`s). The record keeps
 * plain text for search and bundles; the raw capture keeps the HTML. No HTML library is installed, and the
 * subset is small, so this is a careful tokenizer rather than a parser: paragraphs and block elements become
 * blank-line breaks, `<br>` a line break, list items one per line, links their text, entities decoded,
 * whitespace collapsed as a browser would (except in `<pre>`), `<script>`/`<style>` dropped.
 */
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const BLOCK = new Set([
  'p',
  'div',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'table',
]);
const LINE = new Set(['li', 'tr', 'dt', 'dd']);
const DROPPED = new Set(['script', 'style']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  middot: '\u00b7',
  bull: '\u2022',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  euro: '\u20ac',
  deg: '\u00b0',
};

/** Decodes named (a common set; unknown names stay as written), decimal and hexadecimal character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Plain text of HTML: Mastodon status content, feed entries, web pages. */
export function htmlToText(html: string): string {
  const out = new TextBuilder();
  let dropping: string | null = null;
  let preDepth = 0;
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    if (dropping === null) out.text(html.slice(last, match.index), preDepth > 0);
    last = match.index + match[0].length;
    const name = match[2]?.toLowerCase();
    if (name === undefined) continue; // a comment
    const closing = match[1] === '/';
    if (dropping !== null) {
      if (closing && name === dropping) dropping = null;
      continue;
    }
    if (DROPPED.has(name) && !closing && !match[0].endsWith('/>')) dropping = name;
    else if (name === 'br') out.lineBreak();
    else if (BLOCK.has(name)) {
      out.breakAtLeast(2);
      if (name === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    } else if (LINE.has(name)) out.breakAtLeast(1);
  }
  if (dropping === null) out.text(html.slice(last), preDepth > 0);
  return out.result();
}

/** Accumulates text with breaks that only take effect before more text (no leading or trailing blank lines). */
class TextBuilder {
  private readonly parts: string[] = [];
  private pendingBreaks = 0;
  private atLineStart = true;

  text(raw: string, preformatted: boolean): void {
    if (raw.length === 0) return;
    let text = decodeEntities(preformatted ? raw : raw.replace(/[ \t\n\r\f]+/g, ' '));
    if (this.pendingBreaks > 0 || this.atLineStart) text = preformatted ? text : text.replace(/^ /, '');
    if (text.length === 0) return;
    if (this.pendingBreaks > 0 && this.parts.length > 0) {
      this.trimTrailingSpace();
      this.parts.push('\n'.repeat(this.pendingBreaks));
    }
    this.pendingBreaks = 0;
    this.parts.push(text);
    this.atLineStart = text.endsWith('\n');
  }

  lineBreak(): void {
    if (this.parts.length === 0) return;
    this.trimTrailingSpace();
    this.parts.push('\n'.repeat(this.pendingBreaks + 1));
    this.pendingBreaks = 0;
    this.atLineStart = true;
  }

  breakAtLeast(count: number): void {
    if (this.parts.length === 0) return;
    const trailing = this.trailingNewlines();
    this.pendingBreaks = Math.max(this.pendingBreaks, count - trailing);
  }

  result(): string {
    return this.parts
      .join('')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  private trailingNewlines(): number {
    const last = this.parts[this.parts.length - 1] ?? '';
    return last.length - last.replace(/\n+$/, '').length;
  }

  private trimTrailingSpace(): void {
    const index = this.parts.length - 1;
    if (index >= 0) this.parts[index] = this.parts[index].replace(/ +$/, '');
  }
}
