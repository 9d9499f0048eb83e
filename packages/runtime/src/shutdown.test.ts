import { Shutdown } from './shutdown';

describe('Shutdown', () => {
  it('closes in reverse order of registration, each once, and aborts its signal first', async () => {
    const shutdown = new Shutdown();
    const closed: string[] = [];
    shutdown.register('first', () => {
      closed.push(`first (aborted: ${shutdown.signal.aborted})`);
    });
    shutdown.register('second', async () => {
      closed.push('second');
    });
    await Promise.all([shutdown.run(), shutdown.run()]);
    expect(closed).toEqual(['second', 'first (aborted: true)']);
  });

  it('goes on past a closer that fails or never finishes, saying which', async () => {
    const shutdown = new Shutdown(100);
    const log: string[] = [];
    const closed: string[] = [];
    shutdown.register('last', () => {
      closed.push('last');
    });
    shutdown.register('hangs', () => new Promise<void>(() => undefined));
    shutdown.register('fails', () => {
      throw new Error('boom');
    });
    const started = Date.now();
    await shutdown.run((message) => log.push(message));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(closed).toEqual(['last']);
    expect(log).toEqual(['closing fails failed', 'closing hangs took over 100 ms; going on without it']);
  });
});
