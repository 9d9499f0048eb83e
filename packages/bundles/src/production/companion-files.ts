import { csvRecord } from '@verbatim/core';
import { applyRedactions } from '../redaction';
import type { UnredactedTextFinder } from '../leak-check/unredacted-text';
import type { BundleInput, BundleInputDraft } from '../bundle-input';
import type { ItemRange } from '../render-bundle-pdf';

type DraftItem = BundleInputDraft['items'][number];

/**
 * One row per item, as in a production's index load file: Bates range, identity, status, basis, original's hash.
 * Cells are guarded against spreadsheet formulas, since authors' names and handles come from the public.
 */
export function indexCsv(input: BundleInputDraft, ranges: ItemRange[], originals: Map<string, string[]>): string {
  return indexRows(input, ranges, originals).map(csvRecord).join('');
}

/** The index's header and rows, as cells. */
function indexRows(input: BundleInputDraft, ranges: ItemRange[], originals: Map<string, string[]>): string[][] {
  const header = [
    'BEGBATES',
    'ENDBATES',
    'RECORD_ID',
    'DISPOSITION',
    'KIND',
    'PLATFORM',
    'AGENCY',
    'ACCOUNT',
    'AUTHOR',
    'POSTED_AT_UTC',
    'STATUS',
    'REDACTED',
    'EXEMPTIONS',
    'SHA256',
  ];
  const rows = input.items.map((item, position) => {
    const range = ranges[position];
    const hashes = (originals.get(idOf(item)) ?? []).join(';');
    if (item.disposition === 'withheld') {
      return [
        range.firstBates,
        range.lastBates,
        item.recordId,
        'withheld',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        item.exemption.citation,
        hashes,
      ];
    }
    const { record } = item;
    const codes = [
      ...new Set(
        record.versions.flatMap((version) => (version.redactions ?? []).map((span) => span.exemption.citation)),
      ),
    ];
    return [
      range.firstBates,
      range.lastBates,
      record.id,
      'produced',
      record.kind,
      record.platform,
      record.agencyName,
      record.accountHandle,
      record.author.name,
      record.postedAt,
      record.status,
      codes.length > 0 ? 'Y' : 'N',
      codes.join(';'),
      hashes,
    ];
  });
  return [header, ...rows];
}

/** The produced records as data, redactions applied (the removed text is not in this file either). */
export function recordsJson(input: BundleInputDraft, ranges: ItemRange[], originals: Map<string, string[]>): string {
  return `${JSON.stringify(recordsDocument(input, ranges, originals), null, 2)}\n`;
}

function recordsDocument(input: BundleInputDraft, ranges: ItemRange[], originals: Map<string, string[]>) {
  const records = input.items.map((item, position) => {
    const bates = { first: ranges[position].firstBates, last: ranges[position].lastBates };
    const originalSha256s = originals.get(idOf(item)) ?? [];
    if (item.disposition === 'withheld') {
      return {
        id: item.recordId,
        disposition: 'withheld',
        bates,
        exemption: item.exemption,
        justification: item.justification,
        originalSha256s,
      };
    }
    const { record } = item;
    return {
      ...record,
      disposition: 'produced',
      bates,
      originalSha256s,
      threadContext: (record.threadContext ?? []).map((entry) => ({
        ...entry,
        text: applyRedactions(entry.text, entry.redactions ?? []),
        redactions: undefined,
      })),
      versions: record.versions.map((version) => ({
        ...version,
        text: applyRedactions(version.text, version.redactions ?? []),
        redactions: (version.redactions ?? []).map((span) => ({
          exemption: span.exemption,
          justification: span.justification,
        })),
      })),
    };
  });
  return { request: input.request, townName: input.townName, producedAt: input.producedAt, records };
}

/**
 * Looks for redacted words in clear in the two companion files, as they will be written: each record's entry
 * and index row under that record's section, the request's details under the cover letter's (which prints them),
 * a withheld record's entry and row under the withholding log's.
 */
export function scanCompanionFiles(
  finder: UnredactedTextFinder,
  input: BundleInputDraft,
  ranges: ItemRange[],
  originals: Map<string, string[]>,
): void {
  const sectionOf = (item: DraftItem) => (item.disposition === 'produced' ? `item:${idOf(item)}` : 'withholding-log');
  const { records, ...header } = recordsDocument(input, ranges, originals);
  finder.scanJson(header, 'cover-letter', 'records.json');
  records.forEach((record, position) => finder.scanJson(record, sectionOf(input.items[position]), 'records.json'));
  const [, ...rows] = indexRows(input, ranges, originals);
  rows.forEach((row, position) => finder.scanJson(row, sectionOf(input.items[position]), 'index.csv'));
}

/** `sha256sum` format: `<hex>  <name>` per file, so `sha256sum -c MANIFEST.sha256` checks an unpacked bundle. */
export function sha256Manifest(files: Array<{ name: string; sha256: string }>): string {
  return files.map((file) => `${file.sha256}  ${file.name}\n`).join('');
}

function idOf(item: DraftItem | BundleInput['items'][number]): string {
  return item.disposition === 'produced' ? item.record.id : item.recordId;
}
