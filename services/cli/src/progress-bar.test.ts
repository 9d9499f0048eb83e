import { ProgressBar } from './progress-bar';

function recorder(isTTY: boolean): { isTTY: boolean; text: string; write(text: string): void } {
  return {
    isTTY,
    text: '',
    write(text: string) {
      this.text += text;
    },
  };
}

describe('the progress bar', () => {
  it('redraws one bar in place on a terminal, and ends its line', () => {
    const output = recorder(true);
    const bar = new ProgressBar('verifying objects', output);
    bar.update(1, 4);
    bar.update(4, 4);
    bar.finish();
    expect(output.text).toBe(
      `\rverifying objects [${'#'.repeat(8)}${'-'.repeat(22)}] 25% (1/4)` +
        `\rverifying objects [${'#'.repeat(30)}] 100% (4/4)\n`,
    );
  });

  it('writes a plain line every tenth elsewhere, and the last one', () => {
    const output = recorder(false);
    const bar = new ProgressBar('verifying objects', output);
    for (let done = 1; done <= 25; done += 1) bar.update(done, 25);
    bar.finish();
    const lines = output.text.trimEnd().split('\n');
    expect(lines).toHaveLength(11); // the first of each tenth, 0 to 9, and the end
    expect(lines[0]).toBe('verifying objects: 1 of 25 (4%)');
    expect(lines.at(-1)).toBe('verifying objects: 25 of 25 (100%)');
  });
});
