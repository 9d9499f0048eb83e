import { RequestPrefetch, type UpcomingRequest } from './request-prefetch';

/** Requests that resolve (or fail) when the test says, recording when each was made. */
function controlled() {
  const made: string[] = [];
  const settle = new Map<string, { resolve: (value: string) => void; reject: (error: Error) => void }>();
  const request = (key: string): UpcomingRequest<string> => ({
    key,
    make: () => {
      made.push(key);
      return new Promise<string>((resolve, reject) => settle.set(key, { resolve, reject }));
    },
  });
  return { made, settle, request };
}

describe('RequestPrefetch', () => {
  it('makes up to `concurrency` requests ahead and hands answers out in order', async () => {
    const { made, settle, request } = controlled();
    const prefetch = new RequestPrefetch<string>(3);
    const first = prefetch.take(['a', 'b', 'c', 'd'].map(request));
    expect(made).toEqual(['a', 'b', 'c']);
    settle.get('c')!.resolve('C');
    settle.get('a')!.resolve('A');
    expect(await first).toBe('A');
    const second = prefetch.take(['x', 'b', 'c', 'd'].map(request));
    expect(made).toEqual(['a', 'b', 'c', 'x']); // the due request always goes; d waits for room
    settle.get('x')!.resolve('X');
    expect(await second).toBe('X');
    settle.get('b')!.resolve('B');
    expect(await prefetch.take(['b', 'c', 'd'].map(request))).toBe('B');
    expect(made).toEqual(['a', 'b', 'c', 'x', 'd']);
    expect(await prefetch.take(['c', 'd'].map(request))).toBe('C');
  });

  it("keeps an early request's error for its turn, then forgets everything made early", async () => {
    const { made, settle, request } = controlled();
    const prefetch = new RequestPrefetch<string>(3);
    const first = prefetch.take(['a', 'b', 'c'].map(request));
    settle.get('b')!.reject(new Error('rate limited'));
    settle.get('c')!.resolve('C');
    settle.get('a')!.resolve('A');
    expect(await first).toBe('A');
    await expect(prefetch.take(['b', 'c'].map(request))).rejects.toThrow('rate limited');
    const resumed = prefetch.take(['b', 'c'].map(request));
    expect(made).toEqual(['a', 'b', 'c', 'b', 'c']);
    settle.get('b')!.resolve('B again');
    expect(await resumed).toBe('B again');
  });

  it('with a concurrency of 1, makes each request only at its turn', async () => {
    const { made, settle, request } = controlled();
    const prefetch = new RequestPrefetch<string>(1);
    const first = prefetch.take(['a', 'b'].map(request));
    expect(made).toEqual(['a']);
    settle.get('a')!.resolve('A');
    await first;
    expect(made).toEqual(['a']);
  });
});
