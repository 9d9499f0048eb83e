import { barChart, barGeometry } from './bar-chart';

describe('bar chart geometry', () => {
  it('fills the box left to right, the largest value reaching the top, bars on the baseline', () => {
    const bars = barGeometry([5, 10, 0, 2.5], 400, 100, 0.2);
    expect(bars.map((bar) => bar.x)).toEqual([10, 110, 210, 310]);
    expect(bars.every((bar) => bar.width === 80)).toBe(true);
    expect(bars.map((bar) => bar.height)).toEqual([50, 100, 0, 25]);
    expect(bars.map((bar) => bar.y + bar.height)).toEqual([100, 100, 100, 100]);
  });

  it('keeps a small non-zero value visible, and draws nothing for all zeros or no values', () => {
    expect(barGeometry([1, 10_000], 100, 100)[0].height).toBe(1);
    expect(barGeometry([0, 0, 0], 90, 100).map((bar) => bar.height)).toEqual([0, 0, 0]);
    expect(barGeometry([], 100, 100)).toEqual([]);
  });

  it('renders an SVG named by its summary, a titled bar per value, with labels escaped', () => {
    const markup = barChart({
      id: 'chart',
      summary: 'Captures: 3 in all',
      bars: [
        { label: 'Mon <1>', value: 1 },
        { label: 'Tue', value: 2 },
      ],
    }).value;
    expect(markup).toContain('role="img" aria-labelledby="chart-title"');
    expect(markup).toContain('<title id="chart-title">Captures: 3 in all</title>');
    expect(markup.match(/<rect /g)).toHaveLength(2);
    expect(markup).toContain('<title>Mon &lt;1&gt;: 1</title>');
  });
});
