import type { PreparedBundle } from '../prepare-bundle';
import type { Shaper } from '../text/shaper';
import type { Block } from './blocks';
import { BatesPlan, type SectionPages } from './bates-plan';
import { coverLetterBlocks } from './cover-letter';
import { indexBlocks } from './index-section';
import { countPages, paginate, type PageLayout } from './paginate';
import { recordBlocks } from './record-section';
import type { ImageInfo } from './section-context';
import { withholdingLogBlocks } from './withholding-log';

/** The section's page count, and the page offset of the first row carrying each anchor. */
function pagesWithAnchors(pages: Iterable<PageLayout>): { count: number; anchors: Map<string, number> } {
  const anchors = new Map<string, number>();
  let count = 0;
  for (const page of pages) {
    for (const placement of page) {
      const anchor = placement.kind === 'flow' ? placement.block.anchor : undefined;
      if (anchor !== undefined && !anchors.has(anchor)) anchors.set(anchor, count);
    }
    count++;
  }
  return { count, anchors };
}

function sameAnchors(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

/**
 * The planning pass. Records come first: their pages depend on nothing but themselves. The cover letter, index
 * and log quote page numbers, and their own lengths move those numbers, so they are laid out again until the
 * page counts stop changing (in practice the second round; Bates numbers are fixed-width, so the text length
 * does not depend on the values). `onItem` reports planning progress; `onRecordBlocks` sees each record's layout
 * (the leak check reads its text there, so records are laid out once for both).
 */
export function planBundle(
  bundle: PreparedBundle,
  shaper: Shaper,
  images: ReadonlyMap<string, ImageInfo>,
  onItem?: (done: number) => void,
  onRecordBlocks?: (recordId: string, blocks: readonly Block[]) => void,
): BatesPlan {
  const recordContext = { bundle, shaper, images };
  const items = bundle.items.map((item, position) => {
    let pages = 0;
    if (item.disposition === 'produced') {
      const blocks = recordBlocks(item.record, item.number, recordContext);
      onRecordBlocks?.(item.id, blocks);
      pages = countPages(blocks);
    }
    onItem?.(position + 1);
    return pages;
  });
  let pages: SectionPages = { cover: 1, index: 1, items, log: 1 };
  let logRows = new Map<string, number>();
  for (let round = 0; round < 6; round++) {
    const plan = new BatesPlan(bundle.bates, pages, logRows);
    const context = { ...recordContext, plan };
    const log = pagesWithAnchors(paginate(withholdingLogBlocks(context)));
    const next: SectionPages = {
      cover: countPages(coverLetterBlocks(context)),
      index: countPages(indexBlocks(context)),
      items,
      log: log.count,
    };
    const nextRows = log.anchors;
    if (plan.samePagesAs(next) && sameAnchors(logRows, nextRows)) return plan;
    pages = next;
    logRows = nextRows;
  }
  throw new Error('bundle pagination did not settle after 6 rounds');
}
