import { CJK_SEPARATOR } from './fold-text';
import { escapeHtml } from './html';

/** A term or phrase to mark: its folded tokens in order; with `prefix` the last one only has to start a word. */
export interface SnippetTerm {
  tokens: string[];
  prefix: boolean;
}

interface Token {
  start: number;
  end: number;
  text: string;
}

interface Span {
  first: number;
  last: number;
  term: number;
}

interface ColumnMatches {
  text: string;
  tokens: Token[];
  spans: Span[];
  distinct: number;
}

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
/** Tokens shown before the first match of the chosen window, for context. */
const LEAD = 3;

/**
 * An HTML snippet of the column that matches the most distinct terms: a window of `windowTokens` tokens around
 * the best cluster of matches, matches wrapped in <mark>, everything else escaped (each piece is escaped as it
 * is appended; no markup from the text survives). Undefined when no term occurs in any column.
 */
export function buildSnippet(columns: string[], terms: SnippetTerm[], windowTokens = 24): string | undefined {
  let best: ColumnMatches | undefined;
  for (const text of columns) {
    const found = findMatches(text, terms);
    if (found.spans.length > 0 && (!best || found.distinct > best.distinct)) best = found;
  }
  if (!best) return undefined;
  const [from, to] = chooseWindow(best, windowTokens);
  return render(best, from, to).split(CJK_SEPARATOR).join('');
}

function findMatches(text: string, terms: SnippetTerm[]): ColumnMatches {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    tokens.push({ start: match.index, end: match.index + match[0].length, text: normalizeToken(match[0]) });
  }
  const spans: Span[] = [];
  terms.forEach((term, index) => {
    const last = term.tokens.length - 1;
    if (last < 0) return;
    for (let first = 0; first + last < tokens.length; first += 1) {
      if (termAt(tokens, first, term)) spans.push({ first, last: first + last, term: index });
    }
  });
  spans.sort((a, b) => a.first - b.first || b.last - a.last);
  return { text, tokens, spans, distinct: new Set(spans.map((span) => span.term)).size };
}

function termAt(tokens: Token[], first: number, term: SnippetTerm): boolean {
  const last = term.tokens.length - 1;
  for (let offset = 0; offset <= last; offset += 1) {
    const token = tokens[first + offset].text;
    const wanted = term.tokens[offset];
    if (offset === last && term.prefix ? !token.startsWith(wanted) : token !== wanted) return false;
  }
  return true;
}

/** Token range [from, to) holding the most distinct terms; earliest wins ties. */
function chooseWindow({ tokens, spans }: ColumnMatches, size: number): [number, number] {
  if (tokens.length <= size) return [0, tokens.length];
  let best: [number, number] = [0, size];
  let bestDistinct = -1;
  for (const anchor of spans) {
    const from = Math.max(0, Math.min(anchor.first - LEAD, tokens.length - size));
    const inside = spans.filter((span) => span.first >= from && span.last < from + size);
    const distinct = new Set(inside.map((span) => span.term)).size;
    if (distinct > bestDistinct) {
      bestDistinct = distinct;
      best = [from, from + size];
    }
  }
  return best;
}

function render({ text, tokens, spans }: ColumnMatches, from: number, to: number): string {
  const start = from === 0 ? 0 : tokens[from].start;
  const end = to >= tokens.length ? text.length : tokens[to - 1].end;
  let html = start > 0 ? '…' : '';
  let cursor = start;
  for (const span of spans) {
    if (span.first < from || span.last >= to || tokens[span.first].start < cursor) continue;
    html += escapeHtml(text.slice(cursor, tokens[span.first].start));
    html += `<mark>${escapeHtml(text.slice(tokens[span.first].start, tokens[span.last].end))}</mark>`;
    cursor = tokens[span.last].end;
  }
  html += escapeHtml(text.slice(cursor, end));
  return end < text.length ? `${html}…` : html;
}

/** Folds one token as tokenizeFolded does: diacritics removed, lower case. */
function normalizeToken(token: string): string {
  const plain = /[\u0080-\uffff]/.test(token) ? token.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC') : token;
  return plain.toLowerCase();
}
