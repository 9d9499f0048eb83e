import { ThreadRequests, ThreadRequestError } from './thread-requests';

type Request = { op: 'double'; value: number } | { op: 'fail' } | { op: 'slow'; value: number };
const ENTRY = require.resolve('./thread-requests.test-thread');

describe('ThreadRequests', () => {
  it('answers requests in the order sent, and a failed request rejects only itself', async () => {
    const thread = await ThreadRequests.start<Request>(ENTRY, {}, 'doubler');
    try {
      const answers = Promise.all([1, 2, 3].map((value) => thread.request<number>({ op: 'double', value })));
      const failed = thread.request({ op: 'fail' });
      await expect(answers).resolves.toEqual([2, 4, 6]);
      const error = await failed.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ThreadRequestError);
      expect(error).toMatchObject({ name: 'NamedFailure', message: 'asked to fail' });
      await expect(thread.request<number>({ op: 'double', value: 5 })).resolves.toBe(10);
    } finally {
      await thread.stop();
    }
  });

  it('lets requests in flight finish when stopped, then refuses new ones', async () => {
    const thread = await ThreadRequests.start<Request>(ENTRY, {}, 'doubler');
    const slow = thread.request<number>({ op: 'slow', value: 21 });
    await thread.stop();
    await expect(slow).resolves.toBe(42);
    await expect(thread.request({ op: 'double', value: 1 })).rejects.toThrow('the doubler is closed');
  });

  it('says why a thread could not start', async () => {
    await expect(ThreadRequests.start<Request>(ENTRY, { refuse: true }, 'doubler')).rejects.toThrow(
      'the doubler thread could not start: no database at /nowhere',
    );
  });
});
