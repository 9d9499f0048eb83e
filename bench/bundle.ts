/**
 * Bundle benchmark: a FOIA response bundle of ITEMS records (default 10,000) built from the deterministic mock
 * platform (multilingual text, threads, edits, hidden items, ~10% with PNG images), rendered to a file by the
 * production path (worker thread, images served one at a time), then the same records as HTML printed to PDF by
 * headless Debian chromium, in chunks of CHROMIUM_CHUNK records (CHROMIUM_ITEMS caps how many; 0 skips it).
 * Prints one JSON object. Targets: >= 300 pages/s, peak RSS <= 300 MB, >= 5x chromium's pages/s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { MockItem, MockPlatform } from '@verbatim/connectors';
import type { BundleInputDraft, BundleItemDraft, ProducedRecordDraft } from '@verbatim/bundles';
// Straight from the modules, so this thread does not load pdfkit and the fonts: only the worker renders.
import { renderBundlePdfInWorker } from '@verbatim/bundles';
import { applyRedactions } from '@verbatim/bundles';

const ITEMS = Number(process.env.ITEMS ?? 10_000);
const CHROMIUM_ITEMS = Number(process.env.CHROMIUM_ITEMS ?? ITEMS);
const CHROMIUM_CHUNK = Number(process.env.CHROMIUM_CHUNK ?? 1000);
const STEP = 3; // a few simulated passes in, so some items are edited and hidden
const EXEMPTION = { code: '1-210(b)(2)', citation: 'C.G.S. § 1-210(b)(2)' };
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const iso = (graphTime: string) => graphTime.replace(/\+0000$/, 'Z');
const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

function emailRedactions(text: string) {
  return [...text.matchAll(/[\w.]+@[\w.]+\w/g)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    exemption: EXEMPTION,
    justification: 'Benchmark redaction of an email address.',
  }));
}

/** ITEMS bundle items from the mock platform; images go to `images/<sha256>.png`, a stand-in object store. */
function buildBundle(platform: MockPlatform, images: string): BundleInputDraft {
  const items: BundleItemDraft[] = [];
  const thread = new Map<string, MockItem>();
  for (const item of platform.listItems(STEP)) {
    if (items.length === ITEMS) break;
    if (item.kind === 'post') thread.clear();
    thread.set(item.platformId, item);
    if (items.length % 250 === 249) {
      items.push({
        disposition: 'withheld',
        recordId: item.platformId,
        exemption: EXEMPTION,
        justification: 'Benchmark withholding.',
      });
      continue;
    }
    items.push({ disposition: 'produced', record: toRecord(platform, item, thread, images) });
  }
  return {
    townName: platform.pageName,
    producedAt: '2026-03-02T15:00:00Z',
    bates: { prefix: 'BENCH', startNumber: 1 },
    request: {
      number: '2026-0042',
      requester: { name: 'Bench Requester' },
      receivedAt: '2026-02-20T14:00:00Z',
      description: 'Everything.',
      responseDueAt: '2026-02-26T22:00:00Z',
    },
    items,
  };
}

function toRecord(
  platform: MockPlatform,
  item: MockItem,
  thread: Map<string, MockItem>,
  images: string,
): ProducedRecordDraft {
  const ancestors: MockItem[] = [];
  for (let parent = item.parentPlatformId; parent !== undefined; parent = thread.get(parent)?.parentPlatformId) {
    const found = thread.get(parent);
    if (found === undefined) break;
    ancestors.unshift(found);
  }
  const versions = [
    {
      text: item.text,
      capturedAt: platform.passTime(item.lastEditStep ?? item.createdStep),
      editedAt: item.editedAt && iso(item.editedAt),
      redactions: emailRedactions(item.text),
    },
  ];
  if (item.editCount > 0) {
    const original = platform.itemAt(item.createdStep, item.platformId)!.text;
    versions.unshift({
      text: original,
      capturedAt: platform.passTime(item.createdStep),
      editedAt: undefined,
      redactions: emailRedactions(original),
    });
  }
  const attachments = [];
  if (item.image) {
    const bytes = platform.renderMedia(item.image.sourceUrl)!.bytes;
    const hash = sha256(bytes);
    writeFileSync(path.join(images, `${hash}.png`), bytes);
    attachments.push({
      kind: 'image' as const,
      sha256: hash,
      mediaType: 'image/png',
      width: item.image.width,
      height: item.image.height,
      sourceUrl: item.image.sourceUrl,
    });
  }
  return {
    id: item.platformId,
    platform: 'facebook',
    agencyName: 'Parks & Recreation',
    accountHandle: platform.pageName,
    author: { name: item.author.name },
    kind: item.kind,
    postedAt: iso(item.postedAt),
    editedAt: item.editedAt && iso(item.editedAt),
    firstCapturedAt: platform.passTime(item.createdStep),
    lastSeenAt: platform.passTime(STEP),
    url: item.permalinkUrl,
    status: item.hidden ? 'hidden' : item.editCount > 0 ? 'edited' : 'live',
    hiddenAt: item.hiddenStep ? platform.passTime(item.hiddenStep) : undefined,
    threadContext: ancestors.map((ancestor) => ({
      author: { name: ancestor.author.name },
      postedAt: iso(ancestor.postedAt),
      text: ancestor.text,
      redactions: emailRedactions(ancestor.text),
    })),
    versions,
    attachments,
    rawCaptureSha256: sha256(item.wire.text),
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

function fontFaces(): string {
  const faces: Array<[string, string]> = [
    ['Noto Sans', 'noto-sans/400Regular/NotoSans_400Regular.ttf'],
    ['Noto Sans Arabic', 'noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf'],
    ['Noto Sans Hebrew', 'noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf'],
    ['Noto Sans SC', 'noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'],
    ['Noto Sans KR', 'noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf'],
    ['Noto Emoji', 'noto-emoji/400Regular/NotoEmoji_400Regular.ttf'],
  ];
  return faces
    .map(
      ([family, file]) =>
        `@font-face{font-family:'${family}';src:url('file://${require.resolve(`@expo-google-fonts/${file}`)}')}`,
    )
    .join('\n');
}

/** The same records as an HTML document the way HTML-to-PDF tools make bundles: one record per page. */
function recordsHtml(records: ProducedRecordDraft[], imageDirectory: string): string {
  const sections = records.map((record, index) => {
    const rows: Array<[string, string | undefined]> = [
      ['Record ID', record.id],
      ['Platform', record.platform],
      ['Agency', record.agencyName],
      ['Account', record.accountHandle],
      ['Author', record.author.name],
      ['Kind', record.kind],
      ['Posted', record.postedAt],
      ['Edited', record.editedAt],
      ['First captured', record.firstCapturedAt],
      ['Last seen', record.lastSeenAt],
      ['URL', record.url],
      ['Status', record.status],
      ['Archived original (SHA-256)', record.rawCaptureSha256],
    ];
    const table = rows
      .filter(([, value]) => value)
      .map(([label, value]) => `<tr><th>${label}</th><td>${escapeHtml(value!)}</td></tr>`)
      .join('');
    const thread = record
      .threadContext!.map(
        (entry) =>
          `<p class="by">${escapeHtml(entry.author.name)}, ${entry.postedAt}</p><p>${escapeHtml(applyRedactions(entry.text, entry.redactions ?? []))}</p>`,
      )
      .join('');
    const versions = record.versions
      .map(
        (version, number) =>
          `<p class="by">Version ${number + 1}, captured ${version.capturedAt}</p><p>${escapeHtml(applyRedactions(version.text, version.redactions ?? []))}</p>`,
      )
      .join('');
    const images = record
      .attachments!.map(
        (image) =>
          `<img src="${path.join(imageDirectory, `${image.sha256}.png`)}" width="${image.width! * 0.75}pt" alt="">`,
      )
      .join('');
    return `<section><h2>Item ${index + 1}</h2><table>${table}</table>${thread ? `<h3>Thread context</h3>${thread}` : ''}<h3>Content</h3>${versions}${images}</section>`;
  });
  return `<!doctype html><html lang="en"><meta charset="utf-8"><style>${fontFaces()}
    body{font:10pt 'Noto Sans','Noto Sans Arabic','Noto Sans Hebrew','Noto Sans SC','Noto Sans KR','Noto Emoji'} section{break-before:page}
    th{text-align:left;width:130pt;font-size:9pt} td{font-size:9pt} .by{font-weight:bold;font-size:9pt} @page{size:letter;margin:54pt}</style>
    <body>${sections.join('\n')}</body></html>`;
}

function chromiumRun(records: ProducedRecordDraft[], images: string, directory: string) {
  let pages = 0;
  let seconds = 0;
  for (let start = 0; start < records.length; start += CHROMIUM_CHUNK) {
    const chunk = records.slice(start, start + CHROMIUM_CHUNK);
    const html = path.join(directory, `chunk-${start}.html`);
    const pdf = path.join(directory, `chunk-${start}.pdf`);
    writeFileSync(html, recordsHtml(chunk, images));
    const started = process.hrtime.bigint();
    // The fonts are the same npm files the renderer uses, read as file:// web fonts; the virtual time budget makes
    // chromium wait until they are loaded before printing (without it, text prints invisible).
    const result = spawnSync(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${path.join(directory, 'profile')}`,
        '--allow-file-access-from-files',
        '--virtual-time-budget=60000',
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        `file://${html}`,
      ],
      { encoding: 'utf8', timeout: 900_000 },
    );
    seconds += Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) throw new Error(`chromium failed: ${result.stderr}`);
    pages += Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  }
  return {
    records: records.length,
    chunks: Math.ceil(records.length / CHROMIUM_CHUNK),
    pages,
    seconds: round(seconds, 2),
    pagesPerSecond: round(pages / seconds),
  };
}

/** Input built by a child process, gone before rendering starts: the mock platform is scaffolding. */
function generateInput(images: string, jsonFile: string): void {
  const child = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), __filename], {
    env: { ...process.env, BENCH_GENERATE: JSON.stringify({ images, jsonFile }) },
    stdio: 'inherit',
  });
  if (child.status !== 0) throw new Error('input generation failed');
}

/** Renders through the production path (a worker thread writing the file); this thread only serves images. */
function render(jsonFile: string, file: string, images: string) {
  const collectGarbage = (v8.setFlagsFromString('--expose-gc'), vm.runInNewContext('gc')) as () => void;
  let sampledPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  const pending = renderBundlePdfInWorker(JSON.parse(readFileSync(jsonFile, 'utf8')) as BundleInputDraft, file, {
    loadImage: (hash) => readFile(path.join(images, `${hash}.png`)),
    resourceLimits: { maxOldGenerationSizeMb: 128 },
    onProgress: (progress) =>
      progress.done % 5000 === 0 && process.stderr.write(`${progress.phase}: ${progress.done}/${progress.total}\n`),
  });
  collectGarbage(); // the input is in the worker now; this thread's copy is garbage
  return pending.then((result) => {
    clearInterval(sampler);
    return {
      result,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      peakRssMb: Math.round(sampledPeak / 1048576),
    };
  });
}

async function main(): Promise<void> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-bundle-'));
  const images = path.join(directory, 'img');
  const jsonFile = path.join(directory, 'input.json');
  mkdirSync(images);
  generateInput(images, jsonFile);
  const baselineRssMb = Math.round(process.memoryUsage().rss / 1048576);
  const file = path.join(directory, 'bundle.pdf');
  const { result, seconds, peakRssMb } = await render(jsonFile, file, images);
  const input = JSON.parse(readFileSync(jsonFile, 'utf8')) as BundleInputDraft;
  const produced = input.items.flatMap((item) => (item.disposition === 'produced' ? [item.record] : []));
  const bundle = {
    records: input.items.length,
    produced: produced.length,
    withheld: input.items.length - produced.length,
    images: produced.reduce((sum, record) => sum + (record.attachments?.length ?? 0), 0),
    pages: result.pages,
    seconds: round(seconds, 2),
    pagesPerSecond: round(result.pages / seconds),
    peakRssMb,
    baselineRssMb,
    processMaxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    fileMb: round(statSync(file).size / 1048576),
    lastBates: result.lastBates,
  };
  process.stderr.write(
    `bundle: ${JSON.stringify(bundle)}\nchromium: printing ${Math.min(CHROMIUM_ITEMS, produced.length)} records\n`,
  );
  const chromium = CHROMIUM_ITEMS > 0 ? chromiumRun(produced.slice(0, CHROMIUM_ITEMS), images, directory) : undefined;
  rmSync(directory, { recursive: true, force: true });
  console.log(
    JSON.stringify(
      {
        benchmark: 'bundle',
        ...bundle,
        chromium,
        speedupVsChromium: chromium ? round(bundle.pagesPerSecond / chromium.pagesPerSecond, 2) : undefined,
        targets: { pagesPerSecond: 300, peakRssMb: 300, speedupVsChromium: 5 },
      },
      null,
      2,
    ),
  );
}

if (process.env.BENCH_GENERATE) {
  // Loaded here only, so the measuring process never holds the mock platform's code or state; a require keeps
  // this load on one branch and synchronous, like the rest of the script.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a conditional load, as above
  const { MockPlatform } = require('@verbatim/connectors') as typeof import('@verbatim/connectors');
  const { images, jsonFile } = JSON.parse(process.env.BENCH_GENERATE) as { images: string; jsonFile: string };
  const platform = new MockPlatform({
    type: 'mock',
    seed: 2026,
    posts: Math.ceil(ITEMS / 5),
    maxCommentsPerPost: 10,
    imageRate: 0.1,
  });
  writeFileSync(jsonFile, JSON.stringify(buildBundle(platform, images)));
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
