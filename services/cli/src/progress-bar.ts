/** Where progress goes: a terminal gets one bar redrawn in place; a pipe or a log gets a line every tenth. */
export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

const BAR_WIDTH = 30;

/** A progress bar for a long command: `update(done, total)` as work goes, `finish()` at the end. */
export class ProgressBar {
  private lastTenth = -1;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly output: ProgressOutput = process.stderr,
  ) {}

  update(done: number, total: number): void {
    const share = total === 0 ? 1 : done / total;
    const percent = Math.floor(share * 100);
    if (this.output.isTTY) {
      const filled = Math.round(share * BAR_WIDTH);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
      this.output.write(`\r${this.label} [${bar}] ${percent}% (${done}/${total})`);
      this.drawn = true;
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth === this.lastTenth && done !== total) return;
    this.lastTenth = tenth;
    this.output.write(`${this.label}: ${done} of ${total} (${percent}%)\n`);
  }

  finish(): void {
    if (this.drawn) this.output.write('\n');
    this.drawn = false;
  }
}
