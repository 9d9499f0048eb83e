import type { ColumnCache } from './column-cache';
import type { MatchNode } from './fts-match';
import type { LeafCache } from './leaf-cache';
import { difference, EMPTY_ROW_SET, intersect, union, type RowSet } from './row-set';

/**
 * Evaluates a query in JS over the leaves' match lists. FTS5 answers each leaf; AND, OR and NOT are set
 * operations here, which lets large leaves come from the cache and makes a pure negation (`-draft`, which
 * FTS5 cannot express) simply "every document except".
 */
export class MatchEvaluator {
  private allRows: { version: number; bound: number; rows: RowSet } | null = null;

  constructor(
    private readonly leaves: LeafCache,
    private readonly columns: ColumnCache,
  ) {}

  /**
   * Documents numbered up to `bound` that match (every document when the query has no terms), and how many
   * documents each leaf matched, which relevance scoring needs.
   */
  evaluate(node: MatchNode | null, bound: number): { rows: RowSet; leafCounts: Map<string, number> } {
    const fetched = new Map<string, RowSet>();
    const rows = node ? this.visit(node, bound, fetched) : this.everything(bound);
    return { rows, leafCounts: new Map([...fetched].map(([expression, leafRows]) => [expression, leafRows.length])) };
  }

  /** Every document numbered up to `bound`. */
  everything(bound: number): RowSet {
    const cached = this.allRows;
    if (cached && cached.version === this.columns.version && cached.bound === bound) return cached.rows;
    const present = this.columns.present;
    const out = new Int32Array(Math.min(bound + 1, present.length));
    let count = 0;
    for (let doc = 1; doc <= bound && doc < present.length; doc += 1) if (present[doc]) out[count++] = doc;
    const rows = out.subarray(0, count);
    this.allRows = { version: this.columns.version, bound, rows };
    return rows;
  }

  private visit(node: MatchNode, bound: number, fetched: Map<string, RowSet>): RowSet {
    switch (node.kind) {
      case 'leaf': {
        let rows = fetched.get(node.expression);
        if (!rows) {
          rows = this.leaves.rowsFor(node.expression, bound);
          fetched.set(node.expression, rows);
        }
        return rows;
      }
      case 'nothing':
        return EMPTY_ROW_SET;
      case 'not':
        return difference(this.everything(bound), this.visit(node.child, bound, fetched));
      case 'or':
        return node.children.map((child) => this.visit(child, bound, fetched)).reduce(union);
      case 'and':
        return this.visitAnd(node.children, bound, fetched);
    }
  }

  /** Intersects the positive children smallest first, then removes what any negated child matches. */
  private visitAnd(children: MatchNode[], bound: number, fetched: Map<string, RowSet>): RowSet {
    const positives = children
      .filter((child) => child.kind !== 'not')
      .map((child) => this.visit(child, bound, fetched));
    positives.sort((a, b) => a.length - b.length);
    let rows = positives.length > 0 ? positives.reduce(intersect) : this.everything(bound);
    for (const child of children) {
      if (child.kind !== 'not' || rows.length === 0) continue;
      rows = difference(rows, this.visit(child.child, bound, fetched));
    }
    return rows;
  }
}
