import type { estypes } from '@elastic/elasticsearch';
import { escapeHtml } from '../text/html';

/**
 * Private-use characters mark matches in what Elasticsearch returns; the fragment is then escaped here piece by
 * piece, exactly as the SQLite index escapes (its html encoder writes other entities), and the marks become
 * <mark>…</mark>. Text that itself holds these characters can only yield extra <mark> tags, never other markup.
 */
const MARK_START = '\uE000';
const MARK_END = '\uE001';

/** Fields a snippet may come from, in order of preference when two match equally well. */
const HIGHLIGHT_FIELDS = ['text', 'priorText', 'authorName'] as const;

/** About the length of the SQLite index's 24-token window. */
const FRAGMENT_CHARACTERS = 160;

/**
 * One passage per field around its best matches (unified highlighter). A text longer than the index's
 * highlight limit (index.highlight.max_analyzed_offset, a million characters) is highlighted in its first
 * 999,999 rather than failing the whole search: the request value must stay below the index's to take effect.
 */
export function buildHighlightRequest(): estypes.SearchHighlight {
  const fields: Record<string, estypes.SearchHighlightField> = {};
  for (const field of HIGHLIGHT_FIELDS) fields[field] = {};
  return {
    type: 'unified',
    pre_tags: [MARK_START],
    post_tags: [MARK_END],
    number_of_fragments: 1,
    fragment_size: FRAGMENT_CHARACTERS,
    require_field_match: true,
    max_analyzed_offset: 999_999,
    fields,
  };
}

/**
 * The snippet of one hit as the port returns it: from the field whose passage marks the most distinct words,
 * matches in <mark>, everything else escaped. Undefined when no field was highlighted.
 */
export function readHighlight(highlight: Record<string, string[]> | undefined): string | undefined {
  let best: { fragment: string; distinct: number } | undefined;
  for (const field of HIGHLIGHT_FIELDS) {
    const fragment = highlight?.[field]?.[0];
    if (fragment === undefined) continue;
    const distinct = countDistinctMarks(fragment);
    if (!best || distinct > best.distinct) best = { fragment, distinct };
  }
  return best && renderFragment(best.fragment);
}

/** Escapes the fragment and turns the marks into tags, joining marks that touch (a phrase's words, CJK characters). */
export function renderFragment(fragment: string): string {
  let html = '';
  for (const piece of fragment.split(/([\uE000\uE001])/)) {
    if (piece === MARK_START) html += '<mark>';
    else if (piece === MARK_END) html += '</mark>';
    else html += escapeHtml(piece);
  }
  return html.split('</mark><mark>').join('');
}

function countDistinctMarks(fragment: string): number {
  const marked = fragment.match(/\uE000([^\uE001]*)\uE001/g) ?? [];
  return new Set(marked.map((mark) => mark.toLowerCase())).size;
}
