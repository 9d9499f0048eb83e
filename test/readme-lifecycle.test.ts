import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeMovesFrom, FoiaRequestStatusSchema } from '@verbatim/foia';

/** The README's lifecycle table, `| from | it can |`, row by row. */
function lifecycleTable(): Map<string, string> {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('**Lifecycle.**'));
  const table = section.slice(section.indexOf('| from'), section.indexOf('\n\n', section.indexOf('| from')));
  return new Map(
    table
      .split('\n')
      .slice(2)
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map(([, from, moves]) => [from, moves]),
  );
}

describe("the README's lifecycle table", () => {
  it('names, for every status, the moves the 409 names, in the same words', () => {
    const table = lifecycleTable();
    expect([...table.keys()]).toEqual(FoiaRequestStatusSchema.options);
    for (const status of FoiaRequestStatusSchema.options) expect(table.get(status)).toBe(describeMovesFrom(status));
  });
});
