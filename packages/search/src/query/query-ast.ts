/**
 * The parsed form of a user's query, shared by every search adapter: SQLite FTS5 translates it to MATCH
 * expressions, an Elasticsearch adapter to a bool query. Leaves keep the text as the user typed it; case and
 * accent folding are the adapter's analysis, not the parser's.
 */
export type QueryNode = TermNode | PhraseNode | AndNode | OrNode | NotNode;

/** One word as typed. It may hold punctuation (`clerk@town.gov`), which the adapter's analysis splits. */
export interface TermNode {
  type: 'term';
  text: string;
  /** `budg*`: matches any word that starts with the text. */
  prefix: boolean;
}

/** A "quoted phrase": its words in this order, next to each other. */
export interface PhraseNode {
  type: 'phrase';
  text: string;
}

/** Every child must match. Children may be `not` nodes, which exclude. */
export interface AndNode {
  type: 'and';
  children: QueryNode[];
}

/** At least one child must match. */
export interface OrNode {
  type: 'or';
  children: QueryNode[];
}

/** Matches what the child does not. */
export interface NotNode {
  type: 'not';
  child: QueryNode;
}

/** Every term and phrase under a node, in reading order, excluding those under a `not`. */
export function listPositiveLeaves(node: QueryNode): Array<TermNode | PhraseNode> {
  switch (node.type) {
    case 'term':
    case 'phrase':
      return [node];
    case 'and':
    case 'or':
      return node.children.flatMap(listPositiveLeaves);
    case 'not':
      return [];
  }
}
