import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from '@verbatim/core';

/**
 * The live search index, replaceable while the process runs: searches go to the current generation, new
 * documents to it and, during a rebuild, to the generation being built too, so nothing indexed meanwhile is
 * missing once the new one goes live. Cursors issued by the old generation are refused by the new one.
 */
export class SwitchableSearchIndex implements SearchIndex {
  private building: SearchIndex | null = null;
  private readonly closeHooks: Array<() => Promise<void>> = [];

  constructor(private current: SearchIndex & { warmUp?: () => unknown }) {}

  /** From now on, documents are written to `next` as well as to the live index. */
  writeAlsoTo(next: SearchIndex | null): void {
    this.building = next;
  }

  /** Makes `next` the live index; the old one is closed and returned, for its files to be removed. */
  async switchTo(next: SearchIndex): Promise<SearchIndex> {
    const old = this.current;
    this.current = next;
    this.building = null;
    await old.close();
    return old;
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    const building = this.building;
    await Promise.all([this.current.upsert(documents), building?.upsert(documents)]);
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return this.current.search(query);
  }

  count(): Promise<number> {
    return this.current.count();
  }

  verify(documents: SearchDocument[]): Promise<Array<{ id: string; state: 'same' | 'different' | 'missing' }>> {
    if (!this.current.verify) throw new Error('this search index cannot read back its documents');
    return this.current.verify(documents);
  }

  /** Whether the live index needs a rebuild (see SearchIndex.outdated). */
  async outdated(): Promise<string | null> {
    return (await this.current.outdated?.()) ?? null;
  }

  clear(): Promise<void> {
    return this.current.clear();
  }

  ping(): Promise<void> {
    return this.current.ping();
  }

  /** Loads the live index's caches (SQLite), where it has them. */
  warmUp(): void {
    this.current.warmUp?.();
  }

  /** Runs before the indexes close (e.g. stops a generations' follow loop). */
  onClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  async close(): Promise<void> {
    for (const hook of this.closeHooks.splice(0)) await hook();
    await Promise.all([this.current.close(), this.building?.close()]);
    this.building = null;
  }
}
