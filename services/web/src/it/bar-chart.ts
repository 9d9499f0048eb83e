import { html, type SafeHtml } from '../html';

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Bars for `values` in a `width` × `height` box, left to right, bottom-aligned, the largest value reaching the
 * top. A non-zero value is at least 1 unit tall, so a day with a little activity is told apart from none.
 */
export function barGeometry(values: number[], width: number, height: number, gapRatio = 0.2): Bar[] {
  if (values.length === 0) return [];
  const slot = width / values.length;
  const gap = slot * gapRatio;
  const largest = Math.max(...values);
  return values.map((value, index) => {
    const barHeight = largest > 0 && value > 0 ? Math.max(1, (value / largest) * height) : 0;
    return { x: index * slot + gap / 2, y: height - barHeight, width: slot - gap, height: barHeight };
  });
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * An inline SVG bar chart, drawn on the server. Its accessible name (`summary`) says what the bars show in one
 * sentence; each bar's title names its figure for pointer users. The exact figures belong in a table beside it.
 */
export function barChart(options: {
  id: string;
  summary: string;
  bars: Array<{ label: string; value: number }>;
}): SafeHtml {
  const width = 300;
  const height = 100;
  const geometry = barGeometry(
    options.bars.map((bar) => bar.value),
    width,
    height,
  );
  return html`<svg class="bar-chart" id="${options.id}" role="img" aria-labelledby="${options.id}-title" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" focusable="false">
  <title id="${options.id}-title">${options.summary}</title>
  <line x1="0" y1="${height}" x2="${width}" y2="${height}" class="axis"></line>
  ${geometry.map((bar, index) => html`<rect x="${round(bar.x)}" y="${round(bar.y)}" width="${round(bar.width)}" height="${round(bar.height)}"><title>${options.bars[index].label}: ${options.bars[index].value}</title></rect>`)}
</svg>`;
}
