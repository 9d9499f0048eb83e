import type { Application, SignedInSession } from '@verbatim/app';

/** The signed-in person and the CSRF token their forms must carry. */
export type WebSession = Pick<SignedInSession, 'user' | 'csrfToken'>;

/**
 * What the pages run on: the same use cases as the JSON API (so a form and a request apply the same rules and
 * leave the same audit trail), the town's time zone for showing dates, and where failures are logged.
 */
export interface WebDependencies extends Application {
  timeZone: string;
  logError(error: unknown): void;
}
