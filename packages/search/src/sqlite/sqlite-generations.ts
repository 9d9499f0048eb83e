import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchGenerations, SearchIndex } from '@verbatim/core';
import { SwitchableSearchIndex } from '../switchable-search-index';
import { openThreadedSqliteSearchIndex } from './threaded/threaded.search-index';

/**
 * Generations of the SQLite search index beside `file` (DATA_DIR/search.sqlite, the first generation):
 * `search.current.json` names the live one (absent: `file` itself) and `search.rebuild.json` the one being
 * built with how far it has copied. Promoting rewrites the pointer atomically, switches this process's index,
 * and removes the old generation's files. Other processes on the same data directory pick the new
 * generation up when they restart (Elasticsearch's alias switch reaches every process at once).
 */
export class SqliteSearchGenerations implements SearchGenerations {
  private next: { file: string; index: SearchIndex } | null = null;

  private constructor(private readonly file: string, readonly live: SwitchableSearchIndex) {}

  static async open(file: string): Promise<SqliteSearchGenerations> {
    const generations = new SqliteSearchGenerations(file, new SwitchableSearchIndex(await openThreadedSqliteSearchIndex(liveFile(file))));
    generations.removeStrayGenerations();
    return generations;
  }

  async openNext(): Promise<{ index: SearchIndex; copiedThrough: string | null }> {
    const rebuild = readJson<{ file: string; copiedThrough: string | null }>(rebuildFile(this.file));
    if (!this.next) {
      const file = rebuild?.file ?? path.join(path.dirname(this.file), `${stem(this.file)}.g${Date.now()}.sqlite`);
      if (!rebuild) writeJsonAtomically(rebuildFile(this.file), { file: path.basename(file), copiedThrough: null });
      this.next = { file: path.resolve(path.dirname(this.file), file), index: await openThreadedSqliteSearchIndex(path.resolve(path.dirname(this.file), file)) };
      this.live.writeAlsoTo(this.next.index);
    }
    return { index: this.next.index, copiedThrough: rebuild?.copiedThrough ?? null };
  }

  async saveProgress(copiedThrough: string): Promise<void> {
    if (!this.next) throw new Error('no search index generation is being built');
    writeJsonAtomically(rebuildFile(this.file), { file: path.basename(this.next.file), copiedThrough });
  }

  async promote(): Promise<void> {
    if (!this.next) throw new Error('no search index generation is being built');
    const old = liveFile(this.file);
    writeJsonAtomically(currentFile(this.file), { file: path.basename(this.next.file) });
    rmSync(rebuildFile(this.file), { force: true });
    await this.live.switchTo(this.next.index);
    this.next = null;
    removeDatabaseFiles(old);
  }

  /** Generations left by a crash between promoting and cleaning up, or by an abandoned rebuild's predecessor. */
  private removeStrayGenerations(): void {
    const directory = path.dirname(this.file);
    const keep = new Set([path.basename(liveFile(this.file)), readJson<{ file: string }>(rebuildFile(this.file))?.file]);
    const pattern = new RegExp(`^${stem(this.file)}\\.g\\d+\\.sqlite$`);
    for (const name of readdirSync(directory)) {
      if (pattern.test(name) && !keep.has(name)) removeDatabaseFiles(path.join(directory, name));
    }
    if (!keep.has(path.basename(this.file)) && existsSync(this.file)) removeDatabaseFiles(this.file);
  }
}

const stem = (file: string) => path.basename(file, path.extname(file));
const currentFile = (file: string) => path.join(path.dirname(file), `${stem(file)}.current.json`);
const rebuildFile = (file: string) => path.join(path.dirname(file), `${stem(file)}.rebuild.json`);

/** The live generation's file: the pointer's, else the first generation. */
function liveFile(file: string): string {
  const pointer = readJson<{ file: string }>(currentFile(file));
  return pointer ? path.join(path.dirname(file), pointer.file) : file;
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

function writeJsonAtomically(file: string, value: unknown): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(value));
  renameSync(`${file}.tmp`, file);
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
