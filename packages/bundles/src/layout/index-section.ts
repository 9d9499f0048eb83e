import type { PreparedItem } from '../prepare-bundle';
import type { Block, StructNode } from './blocks';
import { STYLES } from './page-geometry';
import { describeRecord } from './record-labels';
import type { SectionContext } from './section-context';
import { SectionWriter } from './section-writer';

const SECTION: StructNode = { id: 'index', type: 'Sect', title: 'Index of records' };
const TABLE: readonly StructNode[] = [SECTION, { id: 'index-table', type: 'Table' }];

/** Wide enough for `PREFIX000000–` in the cell style, whatever the numbers turn out to be. */
function batesColumnWidth(context: SectionContext): number {
  const { prefix, digits } = context.bundle.bates;
  const widest = Math.max(...[...'0123456789'].map((digit) => context.shaper.measure('sans', digit, false)));
  const text = context.shaper.measure('sans', `${prefix}–`, false) + widest * digits;
  return Math.ceil(text * STYLES.cell.size) + 4;
}

function rangeCell(item: PreparedItem, position: number, context: SectionContext): string {
  const { plan } = context;
  const range = plan.itemRange(position);
  if (range !== undefined)
    return range.first === range.last
      ? plan.bates(range.first)
      : `${plan.bates(range.first)}–\n${plan.bates(range.last)}`;
  const logPage = plan.logPageOf(item.id);
  return `Withheld; see log\n${logPage === undefined ? '—' : plan.bates(logPage)}`;
}

function descriptionCell(item: PreparedItem, context: SectionContext): string {
  if (item.disposition === 'produced') return describeRecord(item.record, context.bundle.timeZone);
  const description = item.description ? `${item.description} · ` : '';
  return `${description}Record ${item.id}, withheld in full under ${item.exemption.citation}`;
}

/** The index: one row per item, in order, with its Bates range (or where the log lists it). Generated lazily. */
export function* indexBlocks(context: SectionContext): Generator<Block> {
  const writer = new SectionWriter(context.shaper, [SECTION]);
  writer.heading('H1', 'Index of records', 0);
  writer.paragraph(
    'Each produced record begins on a new page. Records withheld in full are listed in the withholding log at the end.',
  );
  const widths = SectionWriter.columns(28, batesColumnWidth(context));
  const header = ['No.', 'Bates range', 'Record'];
  writer.row(
    header.map((text, column) => ({ tag: 'TH', scope: 'Column', text, width: widths[column], style: STYLES.label })),
    TABLE,
    { spaceBefore: 8 },
  );
  for (const [position, item] of context.bundle.items.entries()) {
    yield* writer.take();
    writer.row(
      [
        { tag: 'TD', text: String(item.number), width: widths[0] },
        { tag: 'TD', text: rangeCell(item, position, context), width: widths[1] },
        { tag: 'TD', text: descriptionCell(item, context), width: widths[2] },
      ],
      TABLE,
      { spaceBefore: 2 },
    );
  }
  yield* writer.take();
}
