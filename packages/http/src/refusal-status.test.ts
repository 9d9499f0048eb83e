import { notFound, queueUnavailable, UseCaseError, validationError } from '@verbatim/core';
import { z } from 'zod';
import { refusalOf, statusOfRefusal } from './refusal-status';

describe('the status of a refusal', () => {
  it('gives each kind the HTTP status the API documents', () => {
    const statuses = (
      ['invalid', 'unauthenticated', 'forbidden', 'not-found', 'conflict', 'unavailable', 'damaged'] as const
    ).map((kind) => statusOfRefusal(new UseCaseError(kind, 'code', 'message')));
    expect(statuses).toEqual([400, 401, 403, 404, 409, 503, 500]);
  });

  it('hands the pages a refusal with its message and field details', () => {
    const parsed = z.object({ email: z.email() }).safeParse({ email: 'not an address' });
    const refusal = refusalOf(validationError('request body', parsed.error!));
    expect(refusal).toEqual({
      status: 400,
      message: expect.stringMatching(/^invalid request body: email: /) as unknown,
      details: [{ path: 'email', message: expect.any(String) as unknown }],
    });
    expect(refusalOf(notFound('account acc_1'))).toMatchObject({ status: 404, message: 'account acc_1 not found' });
    expect(refusalOf(queueUnavailable())).toMatchObject({ status: 503 });
  });

  it('lets faults through: a damaged archive and any other error are not refusals', () => {
    expect(refusalOf(new UseCaseError('damaged', 'archive_missing', 'capture is missing'))).toBeNull();
    expect(refusalOf(new Error('boom'))).toBeNull();
    expect(refusalOf({ status: 400, message: 'looks like a refusal' })).toBeNull();
  });
});
