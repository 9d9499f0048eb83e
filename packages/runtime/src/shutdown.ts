/**
 * The one graceful-shutdown registry of a process. Closers run in reverse order of registration (the last
 * thing opened closes first), each at most once, and SIGTERM/SIGINT trigger them.
 */
export class Shutdown {
  private readonly closers: Array<{ name: string; close: () => Promise<void> | void }> = [];
  private readonly controller = new AbortController();
  private running: Promise<void> | null = null;

  /** `closeTimeoutMs`: how long one closer may take before shutdown goes on without it. */
  constructor(private readonly closeTimeoutMs = 10_000) {}

  /** Aborted when shutdown begins: long work (a sync pass) checks it and stops at a safe point. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  register(name: string, close: () => Promise<void> | void): void {
    this.closers.push({ name, close });
  }

  run(log: (message: string, error?: unknown) => void = () => undefined): Promise<void> {
    this.running ??= (async () => {
      this.controller.abort();
      for (const { name, close } of [...this.closers].reverse()) {
        let timer: NodeJS.Timeout | undefined;
        const tooLong = new Promise<'too long'>((resolve) => {
          timer = setTimeout(() => resolve('too long'), this.closeTimeoutMs);
          timer.unref();
        });
        try {
          // A closer waiting on a server that is gone (Redis down) must not keep the process from exiting.
          if ((await Promise.race([Promise.resolve().then(close), tooLong])) === 'too long')
            log(`closing ${name} took over ${this.closeTimeoutMs} ms; going on without it`);
        } catch (error) {
          log(`closing ${name} failed`, error);
        } finally {
          clearTimeout(timer);
        }
      }
    })();
    return this.running;
  }

  /** Runs shutdown on SIGTERM or SIGINT, then exits. */
  installSignalHandlers(log: (message: string, error?: unknown) => void): void {
    const onSignal = (signal: NodeJS.Signals) => {
      log(`${signal} received: finishing current work and shutting down`);
      void this.run(log).then(() => process.exit(0));
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
}
