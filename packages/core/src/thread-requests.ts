import { parentPort, Worker } from 'node:worker_threads';

/**
 * Request/reply over a worker thread that owns a resource of its own (a database connection that writes), so
 * CPU-heavy work runs on the second core while the caller goes on. Requests are handled one at a time, in the
 * order sent. The thread's entry is a TypeScript file, loaded the way this process runs (tsx registers it).
 */

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; name: string; message: string };
type Ready = { ready: true } | { ready: false; message: string };

/** A failure the thread reported; `name` is the original error's class name, for callers that tell them apart. */
export class ThreadRequestError extends Error {
  constructor(
    readonly originalName: string,
    message: string,
  ) {
    super(message);
    this.name = originalName;
  }
}

export class ThreadRequests<Request extends { op: string }> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly label: string,
  ) {
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error: Error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the ${label} thread exited (code ${code})`)));
  }

  /** Starts the thread at `entry` (an absolute path) and waits until it says it is ready. */
  static async start<Request extends { op: string }>(
    entry: string,
    workerData: unknown,
    label: string,
  ): Promise<ThreadRequests<Request>> {
    const source = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();\nrequire(${JSON.stringify(entry)});`;
    const worker = new Worker(source, { eval: true, workerData });
    try {
      await new Promise<void>((resolve, reject) => {
        const onReady = (message: Ready) => {
          cleanup();
          if (message.ready) resolve();
          else reject(new Error(`the ${label} thread could not start: ${message.message}`));
        };
        const onError = (error: Error) => {
          cleanup();
          reject(error);
        };
        const cleanup = () => {
          worker.off('message', onReady);
          worker.off('error', onError);
        };
        worker.on('message', onReady);
        worker.on('error', onError);
      });
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return new ThreadRequests<Request>(worker, label);
  }

  request<Result>(request: Request): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.worker.postMessage({ id, request });
    });
  }

  /** Lets the requests already sent finish, then ends the thread. */
  async stop(): Promise<void> {
    this.failure ??= new Error(`the ${this.label} is closed`);
    const inFlight = [...this.pending.values()].map(
      (waiting) =>
        new Promise<void>((resolve) => {
          const { resolve: settle, reject } = waiting;
          waiting.resolve = (result) => {
            settle(result);
            resolve();
          };
          waiting.reject = (error) => {
            reject(error);
            resolve();
          };
        }),
    );
    await Promise.all(inFlight);
    await this.worker.terminate();
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(new ThreadRequestError(reply.name, reply.message));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/**
 * The thread's side: `open` sets up what the thread owns and returns the handler of each request. Call it once
 * from the thread's entry file. A handler that throws rejects that request only.
 */
export function serveThreadRequests<Request extends { op: string }>(
  open: () => { handle: (request: Request) => unknown; close: () => void },
): void {
  const port = parentPort;
  if (!port) throw new Error('serveThreadRequests runs inside a worker thread');
  let served: ReturnType<typeof open>;
  try {
    served = open();
  } catch (error) {
    port.postMessage({ ready: false, message: error instanceof Error ? error.message : String(error) } satisfies Ready);
    return;
  }
  port.on('message', ({ id, request }: { id: number; request: Request }) => {
    let reply: Reply;
    try {
      reply = { id, ok: true, result: served.handle(request) };
    } catch (error) {
      reply =
        error instanceof Error
          ? { id, ok: false, name: error.name, message: error.message }
          : { id, ok: false, name: 'Error', message: String(error) };
    }
    port.postMessage(reply);
  });
  port.on('close', () => served.close());
  port.postMessage({ ready: true } satisfies Ready);
}
