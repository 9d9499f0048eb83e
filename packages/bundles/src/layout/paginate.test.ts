import type { Block, FlowBlock } from './blocks';
import { PAGE } from './page-geometry';
import { countPages, paginate } from './paginate';

const LEADING = 14;
const LINES_PER_PAGE = Math.floor((PAGE.bottom - PAGE.top) / LEADING);

/** A flow block of `lines` lines (the text itself does not matter to pagination). */
function text(lines: number, extra: Partial<FlowBlock> = {}): FlowBlock {
  const paragraph = {
    text: '',
    runs: [],
    rtl: false,
    lines: Array.from({ length: lines }, () => ({ start: 0, end: 0 })),
    style: { font: 'sans' as const, size: 10, leading: LEADING },
    width: 100,
  };
  return {
    kind: 'flow',
    path: [],
    row: false,
    cells: [{ tag: 'P', x: PAGE.left, width: 100, paragraphs: [paragraph] }],
    leading: LEADING,
    spaceBefore: 0,
    ...extra,
  };
}

describe('paginate', () => {
  test('an empty section is one page; a long paragraph continues line by line on the next pages', () => {
    expect(countPages([])).toBe(1);
    const pages = [...paginate([text(LINES_PER_PAGE * 2 + 3)])];
    expect(pages).toHaveLength(3);
    expect(
      pages.map((page) => page.map((placement) => placement.kind === 'flow' && [placement.from, placement.to])),
    ).toEqual([
      [[0, LINES_PER_PAGE]],
      [[LINES_PER_PAGE, LINES_PER_PAGE * 2]],
      [[LINES_PER_PAGE * 2, LINES_PER_PAGE * 2 + 3]],
    ]);
  });

  test('a heading never ends a page: it moves to the next one with its paragraph', () => {
    const pages = [...paginate([text(LINES_PER_PAGE - 1), text(1, { keepWithNext: true }), text(5)])];
    expect(pages).toHaveLength(2);
    expect(pages[1]).toHaveLength(2);
    expect(pages[1][0].y).toBe(PAGE.top);
  });

  test('a row that fits on a page is never split; an image goes whole to the next page', () => {
    const rows = [...paginate([text(LINES_PER_PAGE - 2), text(3, { row: true, keepTogether: true })])];
    expect(rows[1].map((placement) => placement.kind === 'flow' && [placement.from, placement.to])).toEqual([[0, 3]]);
    const image: Block = {
      kind: 'image',
      path: [],
      sha256: 'x',
      x: PAGE.left,
      width: 100,
      height: 300,
      alt: 'a',
      spaceBefore: 0,
    };
    const pages = [...paginate([text(LINES_PER_PAGE - 10), image])];
    expect(pages).toHaveLength(2);
    expect(pages[1]).toEqual([{ kind: 'image', block: image, y: PAGE.top }]);
  });

  test('nothing is placed below the bottom margin', () => {
    const blocks = Array.from({ length: 40 }, (_, index) =>
      text(1 + (index % 7), { spaceBefore: 6, keepWithNext: index % 5 === 0 }),
    );
    for (const page of paginate(blocks)) {
      for (const placement of page) {
        const bottom =
          placement.kind === 'flow'
            ? placement.y + (placement.to - placement.from) * LEADING
            : placement.y + placement.block.height;
        expect(bottom).toBeLessThanOrEqual(PAGE.bottom);
      }
    }
  });
});
