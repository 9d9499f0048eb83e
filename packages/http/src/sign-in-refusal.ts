import { UseCaseError } from '@verbatim/core';
import { statusOfRefusal } from './refusal-status';

/** A sign-in refused by throttling (429) or because the person is disabled (401), with its wait if any. */
export interface SignInRefusal {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/** The refusal a sign-in threw, for the API's JSON and the sign-in page alike; null for anything else. */
export function signInRefusal(error: unknown): SignInRefusal | null {
  if (!(error instanceof UseCaseError) || (error.kind !== 'throttled' && error.kind !== 'unauthenticated')) return null;
  const wait = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return {
    status: statusOfRefusal(error),
    code: error.code,
    message: error.message,
    ...(wait ? { retryAfterSeconds: wait } : {}),
  };
}
