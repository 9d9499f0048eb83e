import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BundleInputDraft } from '../bundle-input';
import { popplerPageTexts } from '../testing/pdf-inspection';
import { renderToBuffer } from '../testing/render-to';
import { sampleBundle } from '../testing/sample-bundle';

/** Ids as long as real ones get: a ULID, our own hex form, one with hyphens (a break opportunity elsewhere). */
const LONG_IDS = [
  'rec_01J9ZQ3X7K5M2N8P4R6T0V1W3Y',
  'rec_5f3a9c0d1e2b4a6c8e0f1a2b',
  'rec-2026-01-08-parks-comment-417',
  'rec_01J9ZQ3X7K5M2N8P4R6T0V1W3Z',
];
/** Wider than the widest the record column grows to (200 points): the one id that may break. */
const TOO_WIDE_ID = `rec_${'0123456789abcdef'.repeat(4)}`;

function bundleWithLongIds(): BundleInputDraft {
  const bundle = sampleBundle();
  const withheld = [...LONG_IDS, TOO_WIDE_ID].map((recordId, index) => ({
    disposition: 'withheld' as const,
    recordId,
    exemption: { code: '1-210(b)(2)', citation: 'C.G.S. § 1-210(b)(2)' },
    justification: 'Medical information about a named resident, which the requester is not entitled to.',
    description: `Facebook comment ${index + 1}, January 8, 2026`,
  }));
  return { ...bundle, items: [...bundle.items, ...withheld] };
}

describe('the withholding log, read back with pdftotext', () => {
  let directory: string;
  let logLines: string[];

  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'withholding-log-'));
    const file = path.join(directory, 'bundle.pdf');
    writeFileSync(file, (await renderToBuffer(bundleWithLongIds())).bytes);
    const texts = await popplerPageTexts(file);
    const first = texts.findIndex((text) => text.includes('Withholding and redaction log'));
    logLines = texts.slice(first).flatMap((text) => text.split('\n'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each(LONG_IDS)('shows %s whole, on one line', (id) => {
    expect(logLines.filter((line) => line.includes(id))).toHaveLength(1);
  });

  it('breaks an id wider than the column between characters, its pieces on consecutive lines', () => {
    expect(logLines.some((line) => line.includes(TOO_WIDE_ID))).toBe(false);
    const start = logLines.findIndex((line) => line.trim().length > 0 && TOO_WIDE_ID.startsWith(line.trim()));
    expect(start).toBeGreaterThan(-1);
    expect(`${logLines[start].trim()}${logLines[start + 1].trim()}`).toBe(TOO_WIDE_ID);
  });
});
