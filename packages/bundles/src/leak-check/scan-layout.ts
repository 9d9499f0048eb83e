import type { Block } from '../layout/blocks';
import type { DescribeSection, UnredactedTextFinder } from './unredacted-text';

/**
 * Reads laid-out blocks the way the PDF's text layer carries them: each cell's paragraphs as one text (so words
 * split over a line break are still found), and every image's alternative text.
 */
export function scanBlocks(finder: UnredactedTextFinder, blocks: Iterable<Block>, section: string): void {
  for (const block of blocks) {
    if (block.kind === 'image') finder.scan(block.alt, section, 'bundle.pdf');
    else
      for (const cell of block.cells)
        finder.scan(cell.paragraphs.map((paragraph) => paragraph.text).join('\n'), section, 'bundle.pdf');
  }
}

const NAMED: Record<string, string> = {
  'cover-letter': 'the cover letter',
  index: 'the index of records',
  'withholding-log': 'the withholding log',
  'document-properties': 'the PDF document properties and page footers',
};

/** `item:rec_…` as `item 3 (record rec_…)`, by the bundle's item numbers. */
export function sectionNames(bundle: { items: ReadonlyArray<{ id: string; number: number }> }): DescribeSection {
  const numbers = new Map(bundle.items.map((item) => [item.id, item.number]));
  return (section) => {
    if (!section.startsWith('item:')) return NAMED[section] ?? section;
    const id = section.slice('item:'.length);
    const number = numbers.get(id);
    return number === undefined ? `record ${id}` : `item ${number} (record ${id})`;
  };
}
