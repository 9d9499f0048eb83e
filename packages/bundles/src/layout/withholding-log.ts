import type { Block, StructNode } from './blocks';
import { STYLES } from './page-geometry';
import type { SectionContext } from './section-context';
import { SectionWriter, type ColumnSpec } from './section-writer';

const SECTION: StructNode = { id: 'log', type: 'Sect', title: 'Withholding and redaction log' };

function headerRow(labels: readonly string[], widths: readonly number[]): ColumnSpec[] {
  return labels.map((text, column) => ({
    tag: 'TH',
    scope: 'Column',
    text,
    width: widths[column],
    style: STYLES.label,
  }));
}

function* writeWithheld(writer: SectionWriter, context: SectionContext, widths: readonly number[]): Generator<Block> {
  const table: readonly StructNode[] = [SECTION, { id: 'log-withheld', type: 'Table' }];
  const withheld = context.bundle.items.filter((item) => item.disposition === 'withheld');
  writer.heading('H2', 'Records withheld in full');
  if (withheld.length === 0) {
    writer.paragraph('No record was withheld in full.');
    return;
  }
  writer.row(headerRow(['No.', 'Record', 'Basis', 'Justification'], widths), table, { spaceBefore: 6 });
  for (const item of withheld) {
    if (item.disposition !== 'withheld') continue;
    const record = item.description ? `${item.id}\n${item.description}` : item.id;
    yield* writer.take();
    writer.row(
      [
        { tag: 'TD', text: String(item.number), width: widths[0] },
        { tag: 'TD', text: record, width: widths[1], keepWhole: [item.id] },
        { tag: 'TD', text: item.exemption.citation, width: widths[2] },
        { tag: 'TD', text: item.justification, width: widths[3] },
      ],
      table,
      { spaceBefore: 2, anchor: item.id },
    );
  }
}

function* writeRedactions(writer: SectionWriter, context: SectionContext, widths: readonly number[]): Generator<Block> {
  const table: readonly StructNode[] = [SECTION, { id: 'log-redactions', type: 'Table' }];
  const { redactions } = context.bundle;
  writer.heading('H2', 'Redactions');
  if (redactions.length === 0) {
    writer.paragraph('No redaction was made.');
    return;
  }
  writer.row(headerRow(['No.', 'Where', 'Basis', 'Justification'], widths), table, { spaceBefore: 6 });
  const positions = new Map(context.bundle.items.map((item, position) => [item.number, position]));
  for (const entry of redactions) {
    const range = context.plan.itemRange(positions.get(entry.itemNumber)!);
    const pages = range === undefined ? '' : `\n${context.plan.batesRange(range).replace('–', '–\n')}`;
    const spans = entry.count === 1 ? '' : ` (${entry.count} passages)`;
    yield* writer.take();
    writer.row(
      [
        { tag: 'TD', text: String(entry.itemNumber), width: widths[0] },
        { tag: 'TD', text: `${entry.location}${spans}${pages}`, width: widths[1] },
        { tag: 'TD', text: entry.exemption.citation, width: widths[2] },
        { tag: 'TD', text: entry.justification, width: widths[3] },
      ],
      table,
      { spaceBefore: 2 },
    );
  }
}

/**
 * The record column is as wide as the longest withheld record's id (at least 112 points, at most 200), so an id
 * sits whole on one line; only an id wider than 200 points (over about 36 characters) is broken, between
 * characters, since there is no other room for it.
 */
function recordColumnWidth(context: SectionContext): number {
  const ids = context.bundle.items.filter((item) => item.disposition === 'withheld').map((item) => item.id);
  const widest = Math.max(0, ...ids.map((id) => context.shaper.measure(STYLES.cell.font, id, false)));
  return Math.min(200, Math.max(112, Math.ceil(widest * STYLES.cell.size) + 2));
}

/** The log at the end (Vaughn-index style): each withholding and redaction, its statute and its reason. Lazy. */
export function* withholdingLogBlocks(context: SectionContext): Generator<Block> {
  const writer = new SectionWriter(context.shaper, [SECTION]);
  writer.heading('H1', 'Withholding and redaction log', 0);
  writer.paragraph(
    'Each entry names the statutory exemption relied on and why it applies. Redacted passages are replaced in ' +
      'the records by a marker naming the exemption; the redacted text is not in this file.',
  );
  const widths = SectionWriter.columns(28, recordColumnWidth(context), 110);
  yield* writeWithheld(writer, context, widths);
  yield* writeRedactions(writer, context, widths);
  yield* writer.take();
}
