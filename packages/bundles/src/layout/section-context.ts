import type { PreparedBundle } from '../prepare-bundle';
import type { Shaper } from '../text/shaper';
import type { BatesPlan } from './bates-plan';

/** Pixel size of an image, or why it cannot be drawn. */
export type ImageInfo = { width: number; height: number; drawable: true } | { drawable: false; reason: string };

/** What every section builder needs: the bundle, the text engine, the page plan and the images' sizes. */
export interface SectionContext {
  bundle: PreparedBundle;
  shaper: Shaper;
  plan: BatesPlan;
  images: ReadonlyMap<string, ImageInfo>;
}

/** Counts the cover letter reports. */
export function bundleCounts(bundle: PreparedBundle): { produced: number; withheld: number; redactions: number } {
  let produced = 0;
  let withheld = 0;
  for (const item of bundle.items) {
    if (item.disposition === 'produced') produced++;
    else withheld++;
  }
  const redactions = bundle.redactions.reduce((sum, entry) => sum + entry.count, 0);
  return { produced, withheld, redactions };
}

/** `1 record`, `9,960 records` (grouping done here, not by Intl, so the text never depends on ICU). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${String(count).replace(/\B(?=(\d{3})+$)/g, ',')} ${count === 1 ? one : many}`;
}
