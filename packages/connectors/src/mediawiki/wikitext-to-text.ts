import { decodeEntities } from '../text/html-to-text';

/** More nesting than a page ever uses; bounds the innermost-first loops below on malformed markup. */
const MAX_NESTING = 20;
const HIDDEN_LINK = /^:?\s*(file|image|media|category)\s*:/i;

/**
 * A wiki page's plain text for the record (search, bundles): what a reader sees of the wikitext, without
 * asking the wiki to render it (`action=parse` would cost a request per revision). Templates, references,
 * comments, files and category tags are dropped; links become their text; headings, lists and table cells
 * their words, one per line. The raw capture and the revision's archived wikitext keep the markup itself.
 */
export function wikitextToText(wikitext: string): string {
  let text = wikitext.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  text = text.replace(/<ref\b[^>]*\/>/gi, '').replace(/<ref\b[^>]*>[\s\S]*?<\/ref\s*>/gi, '');
  text = text.replace(/<(nowiki|pre|code)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi, (_, _tag: string, inner: string) => inner);
  text = untilStable(text, (current) => current.replace(/\{\{(?:(?!\{\{|\}\})[\s\S])*\}\}/g, ''));
  text = untilStable(text, (current) => current.replace(/\[\[([^[\]]*)\]\]/g, (_, inner: string) => linkText(inner)));
  text = text.replace(/\[(?:https?:)?\/\/[^\s\]]+\s*([^\]]*)\]/g, '$1');
  text = text.replace(/'{2,5}/g, '').replace(/__[A-Z]+__/g, '');
  text = text.replace(/<br\s*\/?>/gi, '\n').replace(/<\/?[a-zA-Z][^>]*>/g, '');
  const lines = text.split('\n').flatMap(plainLine);
  return decodeEntities(lines.join('\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function untilStable(text: string, step: (text: string) => string): string {
  let current = text;
  for (let round = 0; round < MAX_NESTING; round += 1) {
    const next = step(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** `[[Target|label]]` reads as its label, `[[Target]]` as its target; files and category tags as nothing. */
function linkText(inner: string): string {
  if (HIDDEN_LINK.test(inner)) return '';
  const bar = inner.lastIndexOf('|');
  const shown = bar >= 0 ? inner.slice(bar + 1) : inner.replace(/^:/, '').replace(/#.*$/, '');
  return shown.trim() === '' ? inner.slice(0, bar).replace(/^:/, '') : shown;
}

/** One line of wikitext as the words a reader sees: no heading marks, list marks or table syntax. */
function plainLine(line: string): string[] {
  const trimmed = line.trim();
  const heading = /^(={1,6})\s*(.*?)\s*\1$/.exec(trimmed);
  if (heading) return ['', heading[2], ''];
  if (/^\{\||^\|\}|^\|-|^\|\+/.test(trimmed)) return [];
  if (/^[|!]/.test(trimmed)) {
    return trimmed
      .slice(1)
      .split(/\|\||!!/)
      .map((cell) => cell.replace(/^[^|[\]]*=[^|[\]]*\|(?!\|)/, '').trim())
      .filter((cell) => cell !== '');
  }
  if (/^-{4,}$/.test(trimmed)) return [''];
  return [trimmed.replace(/^[*#:;]+\s*/, '')];
}
