import { SearchQueryError } from '@verbatim/core';
import type { QueryNode } from './query-ast';
import { lexQuery, type QueryToken } from './query-lexer';

/**
 * Parses the query language: words (all must match), "exact phrases", prefix*, AND, OR, NOT (operators in
 * uppercase; lowercase and/or/not are plain words), a leading -word to exclude, and parentheses. NOT binds
 * tightest, then AND (written or implied), then OR. Returns null for a query with no terms (list everything).
 * Throws `SearchQueryError` naming the problem and its 1-based position.
 */
export function parseQuery(input: string): QueryNode | null {
  const tokens = lexQuery(input);
  if (tokens.length === 0) return null;
  const parser = new QueryParser(tokens, input.length);
  const node = parser.parseOr();
  parser.expectEnd();
  return node;
}

/** Recursive descent over the token list; one method per precedence level. */
class QueryParser {
  private index = 0;

  constructor(
    private readonly tokens: QueryToken[],
    private readonly inputLength: number,
  ) {}

  parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek()?.kind === 'or') {
      const operator = this.next()!;
      this.requireOperand(operator, 'OR');
      children.push(this.parseAnd());
    }
    return combine('or', children);
  }

  expectEnd(): void {
    const token = this.peek();
    if (token?.kind === 'close') throw new SearchQueryError(`")" at position ${token.position} has no matching "("`);
    if (token) throw new SearchQueryError(`unexpected ${describe(token)} at position ${token.position}`);
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const token = this.peek();
      if (!token || token.kind === 'or' || token.kind === 'close') break;
      if (token.kind === 'and') {
        this.next();
        this.requireOperand(token, 'AND');
      }
      children.push(this.parseUnary());
    }
    return combine('and', children);
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token?.kind === 'not' || token?.kind === 'minus') {
      this.next();
      this.requireOperand(token, token.kind === 'not' ? 'NOT' : '-');
      const child = token.kind === 'not' ? this.parseUnary() : this.parsePrimary();
      return child.type === 'not' ? child.child : { type: 'not', child };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.next();
    if (!token)
      throw new SearchQueryError(`the query ends where a word was expected (position ${this.inputLength + 1})`);
    switch (token.kind) {
      case 'word':
        return { type: 'term', text: token.text, prefix: token.prefix };
      case 'phrase':
        return { type: 'phrase', text: token.text };
      case 'open':
        return this.parseGroup(token);
      case 'close':
        throw new SearchQueryError(`")" at position ${token.position} has no matching "(" or closes an empty group`);
      default:
        throw new SearchQueryError(
          `${describe(token)} at position ${token.position} has nothing before it to combine with`,
        );
    }
  }

  private parseGroup(open: QueryToken): QueryNode {
    if (this.peek()?.kind === 'close') {
      throw new SearchQueryError(`the parentheses at position ${open.position} are empty`);
    }
    const node = this.parseOr();
    const close = this.next();
    if (close?.kind !== 'close') throw new SearchQueryError(`"(" at position ${open.position} is never closed`);
    return node;
  }

  /** An operator must be followed by something it can apply to. */
  private requireOperand(operator: QueryToken, name: string): void {
    const next = this.peek();
    if (!next || next.kind === 'close' || next.kind === 'and' || next.kind === 'or') {
      const where = next ? `${describe(next)} at position ${next.position}` : 'the end of the query';
      throw new SearchQueryError(`${name} at position ${operator.position} is followed by ${where} instead of a word`);
    }
  }

  private peek(): QueryToken | undefined {
    return this.tokens[this.index];
  }

  private next(): QueryToken | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }
}

/** Builds an and/or node, flattening nested nodes of the same kind and unwrapping a single child. */
function combine(type: 'and' | 'or', children: QueryNode[]): QueryNode {
  const flat = children.flatMap((child) => (child.type === type ? child.children : [child]));
  return flat.length === 1 ? flat[0] : { type, children: flat };
}

function describe(token: QueryToken): string {
  switch (token.kind) {
    case 'word':
      return `the word "${token.text}"`;
    case 'phrase':
      return 'a phrase';
    case 'open':
      return '"("';
    case 'close':
      return '")"';
    case 'minus':
      return '"-"';
    default:
      return token.kind.toUpperCase();
  }
}
