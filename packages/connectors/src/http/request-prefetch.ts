/** A request a pass will make, named by what it reads (a thread, a listing page) so it can be made early. */
export interface UpcomingRequest<T> {
  key: string;
  make: () => Promise<T>;
}

/**
 * Requests of a pass made up to `concurrency` at a time ahead of their turn, and handed out strictly in the
 * cursor's order, one a page, so pages, their bytes and their cursors are the same as one after another. The
 * answer of a request made early is kept until its turn; its error too: a rate limit or a refused token
 * surfaces only when the sync reaches that request, after every page before it was returned (and applied),
 * so the cursor saved is the refused request's and nothing is skipped. After an error nothing made early is
 * kept: the sync stops there and asks again when it resumes.
 */
export class RequestPrefetch<T> {
  private readonly started = new Map<string, Promise<T>>();

  constructor(private readonly concurrency: number) {}

  /**
   * The answer to `upcoming[0]`, the request due now. Starts it if it was not started, and starts the next
   * ones until `concurrency` are in flight or waiting; forgets those no longer upcoming.
   */
  async take(upcoming: Array<UpcomingRequest<T>>): Promise<T> {
    const keys = new Set(upcoming.map((request) => request.key));
    for (const key of this.started.keys()) if (!keys.has(key)) this.started.delete(key);
    for (const [index, request] of upcoming.entries()) {
      if (index > 0 && this.started.size >= this.concurrency) break;
      if (!this.started.has(request.key)) this.start(request);
    }
    const due = this.started.get(upcoming[0].key)!;
    this.started.delete(upcoming[0].key);
    try {
      return await due;
    } catch (error) {
      this.clear();
      throw error;
    }
  }

  /** Forgets every request made early (their answers, when they come, are dropped). */
  clear(): void {
    this.started.clear();
  }

  private start(request: UpcomingRequest<T>): void {
    const answer = request.make();
    answer.catch(() => undefined); // an early request's error surfaces at its turn, or never if dropped
    this.started.set(request.key, answer);
  }
}
