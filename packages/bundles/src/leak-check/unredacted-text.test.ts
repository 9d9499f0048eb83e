import { UnredactedTextError } from './unredacted-text';
import type { BundleInputDraft, ProducedRecordDraft } from '../bundle-input';
import { renderToBuffer } from '../testing/render-to';
import { renderBundlePdfInWorker } from '../render-bundle-pdf-in-worker';
import { loadSampleImage, MemoryWritable } from '../testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { popplerPageTexts } from '../testing/pdf-inspection';

async function popplerText(bytes: Buffer): Promise<string[]> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'verbatim-leak-'));
  try {
    writeFileSync(path.join(directory, 'bundle.pdf'), bytes);
    return await popplerPageTexts(path.join(directory, 'bundle.pdf'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const EXEMPTION = { code: '1-210(b)(2)', citation: 'C.G.S. § 1-210(b)(2)' };
const redact = (text: string, words: string) => {
  const start = text.indexOf(words);
  return { start, end: start + words.length, exemption: EXEMPTION, justification: 'A resident’s private address' };
};

function record(id: string, text: string, fields: Partial<ProducedRecordDraft> = {}): ProducedRecordDraft {
  return {
    id,
    platform: 'facebook',
    agencyName: 'Public Works',
    accountHandle: 'westportdpw',
    author: { name: 'A resident' },
    kind: 'comment',
    postedAt: '2026-03-02T10:00:00Z',
    firstCapturedAt: '2026-03-02T10:05:00Z',
    lastSeenAt: '2026-03-03T10:05:00Z',
    status: 'live',
    versions: [{ text, capturedAt: '2026-03-02T10:05:00Z' }],
    rawCaptureSha256: 'a'.repeat(64),
    ...fields,
  };
}

function bundle(
  items: ProducedRecordDraft[],
  intended: BundleInputDraft['intendedOccurrences'] = [],
): BundleInputDraft {
  return {
    townName: 'Town of Westport',
    request: {
      number: 'FOI-2026-0007',
      requester: { name: 'Morgan Lee' },
      receivedAt: '2026-03-04T09:00:00-05:00',
      description: 'Comments about the water main on Elm Street',
      responseDueAt: '2026-03-11T17:00:00-04:00',
    },
    producedAt: '2026-03-06T12:00:00Z',
    bates: { prefix: 'WESTPORT', startNumber: 1 },
    intendedOccurrences: intended,
    items: items.map((item) => ({ disposition: 'produced', record: item })),
  };
}

const ADDRESS = '14 Quiet Lane';
const redacted = record('rec-a', `Water is out at ${ADDRESS} since Monday.`, {
  versions: [
    {
      text: `Water is out at ${ADDRESS} since Monday.`,
      capturedAt: '2026-03-02T10:05:00Z',
      redactions: [redact(`Water is out at ${ADDRESS} since Monday.`, ADDRESS)],
    },
  ],
});

describe('the leak check before a bundle is drawn', () => {
  it('refuses to render redacted words that appear in clear in another record, saying where', async () => {
    const other = record('rec-b', `My neighbour at ${ADDRESS.toUpperCase()} has no water either.`);
    const failure = await renderToBuffer(bundle([redacted, other])).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnredactedTextError);
    expect((failure as UnredactedTextError).occurrences).toEqual([
      {
        recordId: 'rec-a',
        text: ADDRESS.toUpperCase(),
        section: 'item:rec-b',
        where: 'item 2 (record rec-b)',
        files: ['bundle.pdf'],
        count: 1,
      },
    ]);
    expect((failure as Error).message).toMatch(/“14 QUIET LANE” \(redacted in rec-a\) in item 2 \(record rec-b\)/);
  });

  it('finds them in the request quoted by the cover letter and in a justification printed in the withholding log', async () => {
    const justification = { ...redact(redacted.versions[0].text, ADDRESS), justification: `Address ${ADDRESS}` };
    const leaky = {
      ...redacted,
      versions: [{ ...redacted.versions[0], redactions: [justification] }],
    };
    const input = bundle([leaky]);
    input.request.description = `Everything about ${ADDRESS}`;
    const failure = (await renderToBuffer(input).catch((error: unknown) => error)) as UnredactedTextError;
    expect(failure.occurrences.map((occurrence) => occurrence.section).sort()).toEqual([
      'cover-letter',
      'withholding-log',
    ]);
  });

  it('renders once the officer has marked the occurrence as intended, with the words only where allowed', async () => {
    const other = record('rec-b', `My neighbour at ${ADDRESS} has no water either.`);
    const input = bundle([redacted, other], [{ recordId: 'rec-a', text: ADDRESS, section: 'item:rec-b' }]);
    const { bytes, result } = await renderToBuffer(input);
    const pages = await popplerText(bytes);
    const [first, last] = [result.itemRanges[0], result.itemRanges[1]].map((range) => range.firstBates);
    const pageOf = (bates: string) => Number(bates.slice('WESTPORT'.length)) - 1; // Bates numbers start at 1
    expect(pages[pageOf(first)]).not.toContain(ADDRESS);
    expect(pages[pageOf(first)]).toContain('REDACTED § 1-210(b)(2)');
    expect(pages[pageOf(last)]).toContain(ADDRESS);
  });

  it('carries the places across the worker thread', async () => {
    const other = record('rec-b', `Also ${ADDRESS}.`);
    const failure = await renderBundlePdfInWorker(bundle([redacted, other]), new MemoryWritable(), {
      loadImage: loadSampleImage,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnredactedTextError);
    expect((failure as UnredactedTextError).occurrences[0]).toMatchObject({ recordId: 'rec-a', section: 'item:rec-b' });
  });
});
