import type { estypes } from '@elastic/elasticsearch';
import type { QueryNode } from '../query/query-ast';
import { foldForIndex, hasIndexableCharacter, tokenizeFolded } from '../text/fold-text';

type Dsl = estypes.QueryDslQueryContainer;

/**
 * The full-text fields and their weights: current text counts most, then the author, then text that was
 * edited away (so a match in current text ranks above the same match in an earlier version).
 */
export const TEXT_FIELDS = ['text^3', 'authorName^2', 'priorText'];

/** Expansions allowed for the last word of a multi-word prefix (`town.exa*`); single words expand without limit. */
export const PHRASE_PREFIX_MAX_EXPANSIONS = 1000;

export const MATCH_NONE: Dsl = { match_none: {} };

/**
 * Translates the parsed query into a bool query. Every term and phrase becomes a phrase over the text fields:
 * the index analyzer (see index-template/) splits `clerk@town.gov`, `budget:draft` or a CJK word into
 * several tokens, and those must stay adjacent, as in the SQLite index. Nothing the user typed is read as
 * Elasticsearch syntax: the text only ever reaches the analyzer. Terms with nothing indexable (an emoji) are
 * dropped as the analyzer drops them from the text; a query of only such terms matches nothing. Null (no
 * query) means every document.
 */
export function translateQuery(node: QueryNode | null): Dsl | null {
  if (!node) return null;
  return translate(node) ?? MATCH_NONE;
}

function translate(node: QueryNode): Dsl | null {
  switch (node.type) {
    case 'term':
      return leafQuery(node.text, node.prefix);
    case 'phrase':
      return leafQuery(node.text, false);
    case 'not': {
      const child = translate(node.child);
      return child ? { bool: { must_not: [child] } } : null;
    }
    case 'and':
      return translateAnd(node.children);
    case 'or': {
      const children = node.children.map(translate).filter(isPresent);
      if (children.length <= 1) return children[0] ?? null;
      return { bool: { should: children, minimum_should_match: 1 } };
    }
  }
}

/** Positive children go to `must` (they score), excluded ones to `must_not`; only exclusions match all but them. */
function translateAnd(nodes: QueryNode[]): Dsl | null {
  const must: Dsl[] = [];
  const mustNot: Dsl[] = [];
  for (const node of nodes) {
    if (node.type === 'not') {
      const excluded = translate(node.child);
      if (excluded) mustNot.push(excluded);
    } else {
      const included = translate(node);
      if (included) must.push(included);
    }
  }
  if (must.length + mustNot.length === 0) return null;
  if (must.length === 1 && mustNot.length === 0) return must[0];
  return { bool: { ...(must.length > 0 ? { must } : {}), ...(mustNot.length > 0 ? { must_not: mustNot } : {}) } };
}

/**
 * One word or phrase. A one-token prefix (`park*`) is a prefix query on each field (`bool_prefix`), which
 * matches every word with that start, however many; a longer one (`town.exa*`) a phrase whose last word is a
 * prefix, limited to PHRASE_PREFIX_MAX_EXPANSIONS words. Both are analyzed by the field's analyzer, so case and
 * accents fold as in the index.
 */
export function leafQuery(text: string, prefix: boolean): Dsl | null {
  if (!hasIndexableCharacter(foldForIndex(text))) return null;
  if (!prefix) return { multi_match: { query: text, type: 'phrase', fields: TEXT_FIELDS } };
  if (countTokens(text) <= 1) return { multi_match: { query: text, type: 'bool_prefix', fields: TEXT_FIELDS } };
  return {
    multi_match: {
      query: text,
      type: 'phrase_prefix',
      fields: TEXT_FIELDS,
      max_expansions: PHRASE_PREFIX_MAX_EXPANSIONS,
    },
  };
}

/** Tokens the index analyzer makes of the text; the shared JS tokenizer splits alike (letters, digits, each CJK character). */
function countTokens(text: string): number {
  return tokenizeFolded(foldForIndex(text)).length;
}

function isPresent<T>(value: T | null): value is T {
  return value !== null;
}
