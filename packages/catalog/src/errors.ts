/**
 * Thrown when a write names something the catalog does not have (an agency for a new account, an account for
 * a sync). The API maps it to a 4xx with this message; nothing was written.
 */
export class UnknownReferenceError extends Error {
  override readonly name = 'UnknownReferenceError';
  constructor(
    readonly kind: 'agency' | 'account',
    readonly id: string,
  ) {
    super(`${kind} ${id} does not exist`);
  }
}

/**
 * Thrown by completePass when the account's current pass is not the one being completed: another pass began
 * meanwhile, so marking this one complete would hand the connector the wrong token next time.
 */
export class StalePassError extends Error {
  override readonly name = 'StalePassError';
}
