import type { Writable } from 'node:stream';
import type { BundleInput, BundleInputDraft } from './bundle-input';
import type { BatesPlan } from './layout/bates-plan';
import type { Block } from './layout/blocks';
import { coverLetterBlocks } from './layout/cover-letter';
import { catalogImages, type LoadImage } from './layout/image-catalog';
import { indexBlocks } from './layout/index-section';
import { paginate } from './layout/paginate';
import { planBundle } from './layout/plan-bundle';
import { recordBlocks } from './layout/record-section';
import type { SectionContext } from './layout/section-context';
import { withholdingLogBlocks } from './layout/withholding-log';
import { createBundleDocument, documentInfo } from './pdf/bundle-document';
import { scanBlocks, sectionNames } from './leak-check/scan-layout';
import { UnredactedTextError, UnredactedTextFinder, type LeakGuard } from './leak-check/unredacted-text';
import { GlyphWriter } from './pdf/glyph-writer';
import { batchPdfkitOutput } from './pdf/output-batching';
import { OutputSink } from './pdf/output-sink';
import { PageDrawer } from './pdf/page-drawer';
import { StructureWriter } from './pdf/structure-writer';
import { prepareGuardedBundle, type PreparedBundle } from './prepare-bundle';
import { sharedFontLibrary } from './text/font-library';
import { Shaper } from './text/shaper';

/** Progress while a bundle renders: first the planning pass over items, then pages as they are written. */
export interface RenderProgress {
  phase: 'planning' | 'rendering';
  /** Items planned (planning) or pages written (rendering) so far. */
  done: number;
  total: number;
  pagesRendered: number;
}

export interface RenderBundleOptions {
  /** Image bytes by SHA-256, fetched one at a time when needed (e.g. streamed from the object store). */
  loadImage: LoadImage;
  /** Called every 100 planned items and every 25 written pages, and at the end of each phase. */
  onProgress?: (progress: RenderProgress) => void;
}

/** Where one item ended up: its pages (produced) or the log page that lists it (withheld). */
export interface ItemRange {
  itemId: string;
  disposition: 'produced' | 'withheld';
  firstBates: string;
  lastBates: string;
}

/** What was produced: store it with the bundle, since Bates numbers are never reassigned once released. */
export interface RenderBundleResult {
  pages: number;
  firstBates: string;
  lastBates: string;
  /** One entry per input item, in input order. */
  itemRanges: ItemRange[];
}

/** Progress reports during rendering go out every this many pages (and on the last). */
const PROGRESS_EVERY_PAGES = 25;

function itemRanges(bundle: PreparedBundle, plan: BatesPlan): ItemRange[] {
  return bundle.items.map((item, position) => {
    const range = plan.itemRange(position);
    if (range !== undefined)
      return {
        itemId: item.id,
        disposition: 'produced',
        firstBates: plan.bates(range.first),
        lastBates: plan.bates(range.last),
      };
    const page = plan.logPageOf(item.id);
    if (page === undefined) throw new Error(`internal: withheld item ${item.id} is missing from the log`);
    return { itemId: item.id, disposition: 'withheld', firstBates: plan.bates(page), lastBates: plan.bates(page) };
  });
}

/** Draws the sections in order, checking each lands on exactly the pages the plan gave it. */
async function drawSections(
  context: SectionContext,
  drawer: PageDrawer,
  sink: OutputSink,
  onPage: (page: number) => void,
): Promise<void> {
  const { bundle, plan } = context;
  let page = 0;
  const section = async (name: string, blocks: Iterable<Block>, expected: number) => {
    let drawn = 0;
    for (const layout of paginate(blocks)) {
      // Checked before drawing: a page the plan did not count would shift every Bates number after it.
      if (++drawn > expected)
        throw new Error(`internal: ${name} needs more than the ${expected} pages the plan counted`);
      await drawer.draw(layout, plan.bates(page++));
      onPage(page);
      await (page % 8 === 0 ? sink.yieldTurn() : sink.drain());
    }
    if (drawn !== expected) throw new Error(`internal: ${name} drew ${drawn} pages where the plan counted ${expected}`);
  };
  await section('the cover letter', coverLetterBlocks(context), plan.pages.cover);
  await section('the index', indexBlocks(context), plan.pages.index);
  for (const [position, item] of bundle.items.entries()) {
    if (item.disposition === 'produced')
      await section(`item ${item.number}`, recordBlocks(item.record, item.number, context), plan.pages.items[position]);
  }
  await section('the withholding log', withholdingLogBlocks(context), plan.pages.log);
}

/**
 * Renders a FOIA response bundle as a tagged PDF streamed into `output` (which is ended when done, destroyed
 * on failure). Two passes: planning lays every record out to count its pages, so the index and the cover letter
 * can quote Bates numbers before those pages exist; drawing then lays each record out again and streams it,
 * holding one record's layout at a time. The same input gives the same bytes. Before drawing, the planned text is
 * checked for any record's redacted words in clear (UnredactedTextError), unless the input marks them intended.
 */
export function renderBundlePdf(
  input: BundleInputDraft | BundleInput,
  output: Writable,
  options: RenderBundleOptions,
): Promise<RenderBundleResult> {
  // Validate and redact synchronously, so the caller's draft is not kept alive by the async render below.
  let prepared: ReturnType<typeof prepareGuardedBundle>;
  try {
    prepared = prepareGuardedBundle(input);
  } catch (error) {
    output.destroy();
    return Promise.reject(error);
  }
  return renderPrepared(prepared.bundle, prepared.guard, output, options);
}

/**
 * Reads everything the planning pass laid out, and the sections planned last, for redacted words in clear; throws
 * UnredactedTextError listing them, before a single page is drawn.
 */
function checkForUnredactedText(finder: UnredactedTextFinder, context: SectionContext, footer: string): void {
  scanBlocks(finder, coverLetterBlocks(context), 'cover-letter');
  scanBlocks(finder, indexBlocks(context), 'index');
  scanBlocks(finder, withholdingLogBlocks(context), 'withholding-log');
  for (const text of [...Object.values(documentInfo(context.bundle, context.plan)), footer])
    finder.scan(text, 'document-properties', 'bundle.pdf');
  const found = finder.occurrences();
  if (found.length > 0) throw new UnredactedTextError(found);
}

async function renderPrepared(
  bundle: PreparedBundle,
  guard: LeakGuard,
  output: Writable,
  options: RenderBundleOptions,
): Promise<RenderBundleResult> {
  try {
    const shaper = new Shaper(sharedFontLibrary());
    const images = await catalogImages(bundle, options.loadImage);
    const total = bundle.items.length;
    const finder = new UnredactedTextFinder(guard, sectionNames(bundle));
    const plan = planBundle(
      bundle,
      shaper,
      images,
      (done) => {
        if (done % 100 === 0 || done === total)
          options.onProgress?.({ phase: 'planning', done, total, pagesRendered: 0 });
      },
      finder.guarding ? (id, blocks) => scanBlocks(finder, blocks, `item:${id}`) : undefined,
    );
    const footer = `${bundle.townName} · FOI request ${bundle.request.number}`;
    if (finder.guarding) checkForUnredactedText(finder, { bundle, shaper, plan, images }, footer);
    const doc = createBundleDocument(bundle, plan);
    batchPdfkitOutput(doc);
    const sink = new OutputSink(doc, output);
    const structure = new StructureWriter(doc);
    const drawer = new PageDrawer(
      doc,
      shaper,
      new GlyphWriter(doc, shaper.library, shaper),
      structure,
      options.loadImage,
      footer,
    );
    await drawSections({ bundle, shaper, plan, images }, drawer, sink, (page) => {
      if (page % PROGRESS_EVERY_PAGES === 0 || page === plan.totalPages) {
        options.onProgress?.({ phase: 'rendering', done: page, total: plan.totalPages, pagesRendered: page });
      }
    });
    drawer.finish();
    structure.finish();
    doc.end();
    await sink.finish();
    return {
      pages: plan.totalPages,
      firstBates: plan.bates(0),
      lastBates: plan.bates(plan.totalPages - 1),
      itemRanges: itemRanges(bundle, plan),
    };
  } catch (error) {
    // Without an error argument: destroy(error) would emit an "error" event the caller may not be listening for.
    output.destroy();
    throw error;
  }
}
