import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RenderBundleResult, RenderProgress } from './render-bundle-pdf';
import { renderBundlePdf } from './render-bundle-pdf';
import {
  containsInAnyEncoding,
  pageContentStreams,
  pdfjsInspect,
  popplerFonts,
  popplerPageCount,
  popplerPageTexts,
  qpdfCatalog,
  qpdfCheck,
  uncompressed,
  type PdfjsReport,
} from './testing/pdf-inspection';
import { MemoryWritable, renderToBuffer, sha256 } from './testing/render-to';
import { loadSampleImage, SAMPLE, sampleBundle } from './testing/sample-bundle';

const bates = (page: number) => `WESTPORT${String(page).padStart(6, '0')}`;
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('renderBundlePdf on a small bundle, read back with real parsers', () => {
  let directory: string;
  let file: string;
  let bytes: Buffer;
  let result: RenderBundleResult;
  let texts: string[];
  let pdfjs: PdfjsReport;
  const progress: RenderProgress[] = [];

  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'bundle-pdf-'));
    file = path.join(directory, 'bundle.pdf');
    const sink = new MemoryWritable();
    result = await renderBundlePdf(sampleBundle(), sink, {
      loadImage: loadSampleImage,
      onProgress: (report) => progress.push(report),
    });
    bytes = sink.bytes();
    writeFileSync(file, bytes);
    [texts, pdfjs] = await Promise.all([popplerPageTexts(file), pdfjsInspect(file)]);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('page count agrees across the result, poppler and pdf.js; ranges are reported', async () => {
    expect(result.pages).toBe(11);
    expect(await popplerPageCount(file)).toBe(result.pages);
    expect(pdfjs.numPages).toBe(result.pages);
    expect(texts).toHaveLength(result.pages);
    expect(result.firstBates).toBe(bates(1));
    expect(result.lastBates).toBe(bates(11));
    expect(result.itemRanges.map((range) => range.itemId)).toEqual([
      'rec-1',
      'rec-2',
      'rec-3',
      SAMPLE.withheldId,
      'rec-5',
      'rec-6',
    ]);
    expect(progress.at(-1)).toEqual({ phase: 'rendering', done: 11, total: 11, pagesRendered: 11 });
  });

  test('every page carries its own Bates number; record pages carry no other', () => {
    texts.forEach((text, index) => expect(text).toContain(bates(index + 1)));
    pdfjs.pages.forEach((page, index) => expect(page.text).toContain(bates(index + 1)));
    for (let page = 3; page <= 10; page++)
      expect(new Set(texts[page - 1].match(/WESTPORT\d{6}/g))).toEqual(new Set([bates(page)]));
  });

  test('each produced record starts its range and fills it; the index and cover quote the same ranges', () => {
    const items = sampleBundle().items;
    result.itemRanges.forEach((range, position) => {
      if (range.disposition === 'withheld') return;
      const first = squash(texts[Number(range.firstBates.slice(-6)) - 1]);
      expect(first).toContain(`Item ${position + 1}:`);
      expect(first).toContain(`Record ID ${range.itemId}`);
      expect(squash(texts[1])).toContain(`${position + 1} ${range.firstBates}`);
      expect(items[position].disposition).toBe('produced');
    });
    expect(result.itemRanges[5]).toMatchObject({ itemId: 'rec-6', firstBates: bates(7), lastBates: bates(10) });
    for (let page = 7; page <= 10; page++) expect(texts[page - 1]).toContain(SAMPLE.longMarker);
    expect(texts[9]).toContain(`${SAMPLE.longMarker} 140 of a long post.`);
    const index = squash(texts[1]);
    expect(index).toContain('Index of records');
    expect(index).toContain(`6 ${bates(7)}– ${bates(10)}`);
    expect(index).toContain(`Withheld; see log ${bates(11)}`);
    expect(squash(texts[0])).toContain(`on pages ${bates(3)} through ${bates(10)}`);
  });

  test('record text in every script comes back out, with fields, versions, statuses and hashes', () => {
    const all = squash(texts.join('\n'));
    for (const needle of [
      SAMPLE.latin,
      SAMPLE.cjk,
      SAMPLE.korean,
      SAMPLE.hebrew,
      SAMPLE.arabic,
      SAMPLE.emoji,
      SAMPLE.firstVersionText,
    ]) {
      expect(all).toContain(needle);
    }
    expect(all).toContain('Version 1 of 2');
    expect(all).toContain('edited 2026-01-07 03:00:00 EST by Noa Levi (@noa.levi)');
    expect(all).toContain('Deleted from the platform (deletion detected 2026-01-09 19:00:00 EST)');
    expect(all).toContain('Hidden on the platform (hidden 2026-01-09 08:00:00 EST)');
    expect(all).toContain('Original post by Town of Westport');
    for (const item of sampleBundle().items)
      if (item.disposition === 'produced') expect(all).toContain(item.record.rawCaptureSha256);
    const pdfjsText = pdfjs.pages.map((page) => page.text).join('\n');
    for (const needle of [SAMPLE.cjk, SAMPLE.korean, SAMPLE.emoji, 'Café Müller']) expect(pdfjsText).toContain(needle);
  });

  test('the redacted text is nowhere: not in the text layer, the raw bytes or any decompressed stream', async () => {
    const all = texts.join('\n') + pdfjs.pages.map((page) => page.text).join('\n');
    expect(all).toContain('█████ [REDACTED § 1-217]');
    expect(all).not.toContain(SAMPLE.redactedSecret);
    expect(all).not.toContain('Hidden Hollow');
    expect(containsInAnyEncoding(bytes, SAMPLE.redactedSecret)).toBe(false);
    const qdf = await uncompressed(file, directory);
    expect(containsInAnyEncoding(qdf, 'Parks & Recreation')).toBe(false); // sanity: page text is glyph ids, not ASCII…
    expect(containsInAnyEncoding(qdf, 'westport.example.gov')).toBe(false);
    expect(containsInAnyEncoding(qdf, 'Town of Westport')).toBe(true); // …but Info and XMP are searchable in clear
    expect(containsInAnyEncoding(qdf, 'Hidden Hollow')).toBe(false);
  });

  test('the withheld record is only in the index and the log, with its basis', () => {
    const logPage = squash(texts[10]);
    expect(logPage).toContain('Withholding and redaction log');
    expect(logPage).toContain(SAMPLE.withheldId);
    expect(logPage).toContain('C.G.S. § 1-210(b)(2)');
    expect(logPage).toContain('Medical information about a named resident.');
    expect(logPage).toContain('C.G.S. § 1-217(a)');
    expect(logPage).toContain('Residential address of a police officer.');
    const pagesNaming = texts.map((text, index) => (text.includes(SAMPLE.withheldId) ? index + 1 : 0)).filter(Boolean);
    expect(pagesNaming).toEqual([2, 11]);
    expect(result.itemRanges[3]).toEqual({
      itemId: SAMPLE.withheldId,
      disposition: 'withheld',
      firstBates: bates(11),
      lastBates: bates(11),
    });
  });

  test('structure is valid, fonts are embedded and no glyph is the missing-glyph box', async () => {
    const check = await qpdfCheck(file);
    expect(check.report).toContain('No syntax or stream encoding errors');
    expect(check.ok).toBe(true);
    const fonts = await popplerFonts(file);
    expect(fonts.length).toBeGreaterThanOrEqual(6);
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
    const streams = pageContentStreams(await uncompressed(file, directory));
    expect(streams).toHaveLength(result.pages);
    const glyphs = streams.flatMap((stream) =>
      [...stream.matchAll(/<([0-9a-f]+)>/g)].flatMap((match) => match[1].match(/.{4}/g) ?? []),
    );
    expect(glyphs.length).toBeGreaterThan(1000);
    expect(glyphs).not.toContain('0000');
  });

  test('it is a tagged PDF with language, displayed title, and a meaningful structure tree', async () => {
    const catalog = await qpdfCatalog(file);
    expect(catalog['/MarkInfo']).toEqual({ '/Marked': true });
    expect(catalog['/StructTreeRoot']).toMatch(/^\d+ 0 R$/);
    expect(catalog['/Lang']).toBe('u:en-US');
    expect(catalog['/ViewerPreferences']).toEqual({ '/DisplayDocTitle': true });
    expect(pdfjs.markInfo?.Marked).toBe(true);
    expect(pdfjs.info.Title).toBe('Town of Westport: response to FOI request 2026-0001');
    expect(pdfjs.info.Language).toBe('en-US');
    const roles = (page: number) => pdfjs.pages[page - 1].roles;
    expect(roles(1)).toMatchObject({ Document: 1, Sect: 1, H1: 1, H2: 3 });
    expect(roles(2)).toMatchObject({ Table: 1, TH: 3, TD: 18 });
    expect(roles(3).Figure).toBe(1);
    expect(pdfjs.pages[2].alts[0]).toContain('Attachment 1 of item 1');
  });

  test('the same input renders to the same bytes; another request gets another document id', async () => {
    const again = await renderToBuffer(sampleBundle());
    expect(sha256(again.bytes)).toBe(sha256(bytes));
    const other = sampleBundle();
    other.request.number = '2026-0002';
    const id = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))![1];
    expect(id((await renderToBuffer(other)).bytes)).not.toBe(id(bytes));
  });
});
