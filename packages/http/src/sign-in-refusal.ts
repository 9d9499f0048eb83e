import { UseCaseError, type UseCaseErrorKind } from '@verbatim/core';
import { statusOfRefusal } from './refusal-status';

/**
 * A sign-in refused by throttling (429), because the person is disabled or the identity provider's answer was
 * refused (401), because password sign-in is off (403), or because the provider cannot be reached (503), with its
 * wait if any.
 */
export interface SignInRefusal {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

const SIGN_IN_REFUSALS: readonly UseCaseErrorKind[] = ['throttled', 'unauthenticated', 'forbidden', 'unavailable'];

/** The refusal a sign-in threw, for the API's JSON and the sign-in page alike; null for anything else. */
export function signInRefusal(error: unknown): SignInRefusal | null {
  if (!(error instanceof UseCaseError) || !SIGN_IN_REFUSALS.includes(error.kind)) return null;
  const wait = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return {
    status: statusOfRefusal(error),
    code: error.code,
    message: error.message,
    ...(wait ? { retryAfterSeconds: wait } : {}),
  };
}
