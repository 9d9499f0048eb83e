/** A thread for thread-requests.test.ts: doubles numbers, fails on request, or refuses to start. */
import { workerData } from 'node:worker_threads';
import { serveThreadRequests } from './thread-requests';

type Request = { op: 'double'; value: number } | { op: 'fail' } | { op: 'slow'; value: number };

class NamedFailure extends Error {
  override readonly name = 'NamedFailure';
}

serveThreadRequests<Request>(() => {
  if ((workerData as { refuse?: boolean }).refuse) throw new Error('no database at /nowhere');
  return {
    handle: (request) => {
      if (request.op === 'fail') throw new NamedFailure('asked to fail');
      if (request.op === 'slow') {
        const until = Date.now() + 200;
        while (Date.now() < until) {
          /* busy, as a long transaction would be */
        }
      }
      return request.value * 2;
    },
    close: () => undefined,
  };
});
