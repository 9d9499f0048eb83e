import type { QueryNode } from '../query/query-ast';
import { foldForIndex, hasIndexableCharacter, tokenizeFolded } from '../text/fold-text';

/**
 * A term or phrase translated for FTS5. `expression` is a complete, safe MATCH string: the folded text is
 * always inside double quotes (inner quotes doubled), so nothing the user typed is read as FTS5 syntax; FTS5
 * then tokenizes the quoted text, turning `clerk@town.gov` or a CJK word into a phrase of its tokens.
 */
export interface MatchLeaf {
  kind: 'leaf';
  expression: string;
  /** The leaf's tokens as the JS tokenizer sees them, for relevance scoring. */
  tokens: string[];
  prefix: boolean;
}

export type MatchNode =
  | MatchLeaf
  | { kind: 'nothing' }
  | { kind: 'and'; children: MatchNode[] }
  | { kind: 'or'; children: MatchNode[] }
  | { kind: 'not'; child: MatchNode };

/**
 * Translates the parsed query for FTS5. Terms with nothing indexable (an emoji, "@@") are dropped, as the
 * tokenizer drops them from the text, so `parade 🎉` finds the parade; a query of nothing but such terms
 * matches nothing. Null (no query) lists everything.
 */
export function planMatch(node: QueryNode | null): MatchNode | null {
  if (!node) return null;
  return translate(node) ?? { kind: 'nothing' };
}

function translate(node: QueryNode): MatchNode | null {
  switch (node.type) {
    case 'term':
      return toLeaf(node.text, node.prefix);
    case 'phrase':
      return toLeaf(node.text, false);
    case 'not': {
      const child = translate(node.child);
      return child ? { kind: 'not', child } : null;
    }
    case 'and':
    case 'or': {
      const children = node.children.map(translate).filter((child): child is MatchNode => child !== null);
      if (children.length <= 1) return children[0] ?? null;
      return { kind: node.type, children };
    }
  }
}

/** The leaves that can match text (not under a NOT), deduplicated: these are scored and highlighted. */
export function positiveLeaves(node: MatchNode | null): MatchLeaf[] {
  const leaves = new Map<string, MatchLeaf>();
  const visit = (current: MatchNode): void => {
    if (current.kind === 'leaf') leaves.set(current.expression, current);
    else if (current.kind === 'and' || current.kind === 'or') current.children.forEach(visit);
  };
  if (node) visit(node);
  return [...leaves.values()];
}

/**
 * The leaf for a word or phrase. Lower-cased first (FTS5 ignores case anyway) so `Budget` and `budget` share
 * one entry in the leaf cache.
 */
export function toLeaf(text: string, prefix: boolean): MatchLeaf | null {
  const folded = foldForIndex(text.toLowerCase());
  if (!hasIndexableCharacter(folded)) return null;
  const quoted = `"${folded.replace(/"/g, '""')}"`;
  return { kind: 'leaf', expression: prefix ? `${quoted} *` : quoted, tokens: tokenizeFolded(folded), prefix };
}
