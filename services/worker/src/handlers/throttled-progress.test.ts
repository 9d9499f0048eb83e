import { throttledProgress } from './throttled-progress';

describe('a job progress sent at most every so often', () => {
  it('sends the first report and each new phase at once, holds back reports within the interval, flushes the last', async () => {
    let now = 1_000;
    const sent: Array<{ phase: string; pages: number }> = [];
    const progress = throttledProgress<{ phase: string; pages: number }>(
      async (report) => void sent.push(report),
      250,
      () => now,
    );
    await progress.report({ phase: 'fetching', pages: 1 });
    now += 100;
    expect(progress.report({ phase: 'fetching', pages: 2 })).toBeUndefined();
    now += 100;
    expect(progress.report({ phase: 'fetching', pages: 3 })).toBeUndefined();
    now += 60;
    await progress.report({ phase: 'fetching', pages: 4 });
    now += 10;
    expect(progress.report({ phase: 'fetching', pages: 5 })).toBeUndefined();
    await progress.report({ phase: 'checking-deletions', pages: 5 });
    now += 10;
    expect(progress.report({ phase: 'checking-deletions', pages: 6 })).toBeUndefined();
    await progress.flush();
    await progress.flush();
    expect(sent).toEqual([
      { phase: 'fetching', pages: 1 },
      { phase: 'fetching', pages: 4 },
      { phase: 'checking-deletions', pages: 5 },
      { phase: 'checking-deletions', pages: 6 },
    ]);
  });
});
