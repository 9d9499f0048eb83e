import type { TextStyle } from '../text/paragraph-layout';

/** US Letter in points, with ¾-inch margins; the footer (Bates number) sits in the bottom margin. */
export const PAGE = {
  width: 612,
  height: 792,
  left: 54,
  right: 558,
  top: 54,
  /** Content never goes below this line. */
  bottom: 738,
  /** Baseline of the footer line. */
  footerBaseline: 760,
} as const;

export const CONTENT_WIDTH = PAGE.right - PAGE.left;

/** Leading (line height) is part of the style, so a block's height is lines × leading, nothing else. */
export const STYLES = {
  title: { font: 'sans-bold', size: 16, leading: 22 },
  heading: { font: 'sans-bold', size: 13, leading: 18 },
  subheading: { font: 'sans-bold', size: 10.5, leading: 15 },
  body: { font: 'sans', size: 10, leading: 14 },
  label: { font: 'sans-bold', size: 9, leading: 13 },
  cell: { font: 'sans', size: 9, leading: 13 },
  footer: { font: 'sans', size: 8, leading: 10 },
} as const satisfies Record<string, TextStyle>;

/** Images are shown at 96 dpi, shrunk to fit this box; larger originals keep their aspect ratio. */
export const IMAGE_BOX = { width: CONTENT_WIDTH, height: 320 } as const;
