import { leakGuardOf, UnredactedTextFinder } from '../leak-check/unredacted-text';
import { SAMPLE, sampleBundle } from '../testing/sample-bundle';
import type { ItemRange } from '../render-bundle-pdf';
import { indexCsv, recordsJson, scanCompanionFiles } from './companion-files';

const input = sampleBundle();
const ranges: ItemRange[] = input.items.map((item, position) => ({
  itemId: item.disposition === 'produced' ? item.record.id : item.recordId,
  disposition: item.disposition === 'produced' ? 'produced' : 'withheld',
  firstBates: `WESTPORT${String(position + 1).padStart(6, '0')}`,
  lastBates: `WESTPORT${String(position + 1).padStart(6, '0')}`,
}));

describe('the companion files of a bundle', () => {
  it('guards the CSV index against spreadsheet formulas in what the public wrote', () => {
    const hostile = structuredClone(input);
    const first = hostile.items[0];
    if (first.disposition !== 'produced') throw new Error('the sample starts with a produced record');
    first.record.author = { name: '=HYPERLINK("http://evil.example","click")' };
    const row = indexCsv(hostile, ranges, new Map()).split('\r\n')[1];
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it('writes redacted text only as its marker, and the leak check finds nothing there', () => {
    const json = recordsJson(input, ranges, new Map());
    expect(json).not.toContain(SAMPLE.redactedSecret);
    expect(json).toContain('█████ [REDACTED § 1-217]');
    const finder = new UnredactedTextFinder(leakGuardOf(input));
    expect(finder.guarding).toBe(true);
    scanCompanionFiles(finder, input, ranges, new Map());
    expect(finder.occurrences()).toEqual([]);
  });

  it('finds redacted words another record repeats, in both files, under that record', () => {
    const leaky = structuredClone(input);
    const first = leaky.items[0];
    if (first.disposition !== 'produced') throw new Error('the sample starts with a produced record');
    first.record.versions[0].text += ` Ask at ${SAMPLE.redactedSecret.toLowerCase()}.`;
    first.record.author = { name: SAMPLE.redactedSecret };
    const finder = new UnredactedTextFinder(leakGuardOf(leaky));
    scanCompanionFiles(finder, leaky, ranges, new Map());
    expect(finder.occurrences()).toEqual([
      expect.objectContaining({
        recordId: 'rec-2',
        section: 'item:rec-1',
        files: ['records.json', 'index.csv'],
        count: 3, // the text and the author in the records file, the author in the index
      }),
    ]);
  });
});
