import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openThreadedSqliteSearchIndex } from './threaded.search-index';

/** The nice value in a /proc stat file: field 19, counting from the state that follows the name. */
function niceIn(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

/** Each thread of this process by its id, with its nice value. */
function threadNiceness(): Map<string, number> {
  return new Map(readdirSync('/proc/self/task').map((task) => [task, niceIn(`/proc/self/task/${task}/stat`)]));
}

const onLinux = process.platform === 'linux' ? it : it.skip;

describe('the search index writer thread', () => {
  onLinux('runs at a lower priority than the rest of the process, and only that thread does', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'verbatim-writer-nice-'));
    // Relative to this process's own priority, in case the tests themselves run under `nice`.
    const base = niceIn('/proc/self/stat');
    const before = threadNiceness();
    const index = await openThreadedSqliteSearchIndex(join(directory, 'search.sqlite'));
    try {
      // Threads that were there keep their priority (an earlier test file in this worker may have left some of
      // its own at any value); of the new ones, the writer alone runs lower.
      const after = threadNiceness();
      for (const [task, nice] of before) if (after.has(task)) expect(after.get(task)).toBe(nice);
      const added = [...after].filter(([task]) => !before.has(task)).map(([, nice]) => nice);
      expect(added.filter((nice) => nice !== base)).toEqual([Math.min(base + 5, 19)]);
    } finally {
      await index.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
