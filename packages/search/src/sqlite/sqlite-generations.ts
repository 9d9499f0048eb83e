import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchGenerations, SearchIndex } from '@verbatim/core';
import { SwitchableSearchIndex } from '../switchable-search-index';
import { openThreadedSqliteSearchIndex } from './threaded/threaded.search-index';

export interface GenerationOptions {
  /** How often this process looks for another process's rebuild or promotion. Default 1 s. */
  followIntervalMs?: number;
}

/**
 * Generations of the SQLite search index beside `file` (DATA_DIR/search.sqlite, the first generation):
 * `search.current.json` names the live one (absent: `file` itself) and `search.rebuild.json` the one being
 * built with how far it has copied. Every process sharing the data directory follows them: while a rebuild
 * runs it writes new documents to that generation too, and when the pointer moves it switches to the new
 * generation. A rebuild waits two follow intervals before copying, so every process writes to both by then.
 */
export class SqliteSearchGenerations implements SearchGenerations {
  private next: { file: string; index: SearchIndex } | null = null;
  private followed: { file: string; index: SearchIndex } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private following: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private liveName: string,
    readonly live: SwitchableSearchIndex,
    private readonly followIntervalMs: number,
  ) {}

  static async open(file: string, options: GenerationOptions = {}): Promise<SqliteSearchGenerations> {
    const liveName = liveFileName(file);
    const live = new SwitchableSearchIndex(
      await openThreadedSqliteSearchIndex(path.join(path.dirname(file), liveName)),
    );
    const generations = new SqliteSearchGenerations(file, liveName, live, options.followIntervalMs ?? 1000);
    generations.removeStrayGenerations();
    await generations.followOnce();
    generations.timer = setInterval(() => {
      generations.following = generations.following.then(() => generations.followOnce()).catch(() => undefined);
    }, generations.followIntervalMs);
    generations.timer.unref();
    live.onClose(async () => {
      if (generations.timer) clearInterval(generations.timer);
      await generations.following;
      if (generations.followed) {
        live.writeAlsoTo(null);
        await generations.followed.index.close();
      }
    });
    return generations;
  }

  async openNext(): Promise<{ index: SearchIndex; copiedThrough: string | null }> {
    const rebuild = readJson<{ file: string; copiedThrough: string | null }>(rebuildFile(this.file));
    if (!this.next) {
      await this.following;
      const name = rebuild?.file ?? `${stem(this.file)}.g${Date.now()}.sqlite`;
      if (!rebuild) writeJsonAtomically(rebuildFile(this.file), { file: name, copiedThrough: null });
      const adopted = this.followed?.file === name ? this.followed.index : null;
      this.followed = null;
      this.next = { file: name, index: adopted ?? (await openThreadedSqliteSearchIndex(this.pathOf(name))) };
      this.live.writeAlsoTo(this.next.index);
      // Other processes notice the rebuild within one follow interval and write to it from then on.
      if (!rebuild) await new Promise((resolve) => setTimeout(resolve, 2 * this.followIntervalMs));
    }
    return { index: this.next.index, copiedThrough: rebuild?.copiedThrough ?? null };
  }

  async saveProgress(copiedThrough: string): Promise<void> {
    writeJsonAtomically(rebuildFile(this.file), { file: this.building().file, copiedThrough });
  }

  async promote(): Promise<void> {
    const next = this.building();
    const old = this.liveName;
    writeJsonAtomically(currentFile(this.file), { file: next.file });
    rmSync(rebuildFile(this.file), { force: true });
    this.liveName = next.file;
    this.next = null;
    await this.live.switchTo(next.index);
    removeDatabaseFiles(this.pathOf(old));
  }

  /** Catches up with other processes: writes to a rebuild they started, switches to a generation they promoted. */
  private async followOnce(): Promise<void> {
    if (this.next) return;
    const pointed = liveFileName(this.file);
    if (pointed !== this.liveName) {
      const index =
        this.followed?.file === pointed
          ? this.followed.index
          : await openThreadedSqliteSearchIndex(this.pathOf(pointed));
      this.followed = null;
      this.liveName = pointed;
      await this.live.switchTo(index);
    }
    const rebuild = readJson<{ file: string }>(rebuildFile(this.file));
    if (rebuild && this.followed?.file !== rebuild.file) {
      this.followed = { file: rebuild.file, index: await openThreadedSqliteSearchIndex(this.pathOf(rebuild.file)) };
      this.live.writeAlsoTo(this.followed.index);
    } else if (!rebuild && this.followed) {
      this.live.writeAlsoTo(null);
      await this.followed.index.close();
      this.followed = null;
    }
  }

  private building(): { file: string; index: SearchIndex } {
    if (!this.next) throw new Error('no search index generation is being built');
    return this.next;
  }

  private pathOf(name: string): string {
    return path.join(path.dirname(this.file), name);
  }

  /** Generations left by a crash between promoting and cleaning up. */
  private removeStrayGenerations(): void {
    const directory = path.dirname(this.file);
    const keep = new Set([this.liveName, readJson<{ file: string }>(rebuildFile(this.file))?.file]);
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

/** The live generation's file name: the pointer's, else the first generation's. */
function liveFileName(file: string): string {
  return readJson<{ file: string }>(currentFile(file))?.file ?? path.basename(file);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function writeJsonAtomically(file: string, value: unknown): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(value));
  renameSync(`${file}.tmp`, file);
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
