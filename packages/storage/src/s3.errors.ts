/** Reading the S3 SDK's errors, which carry the service's error code as `name` and the HTTP status in `$metadata`. */

export function errorName(error: unknown): string | undefined {
  return (error as { name?: string } | null)?.name;
}

export function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** A 404 means "no such key", except NoSuchBucket, which is a misconfiguration and must not look like absence. */
export function isMissingObject(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatus(error) === 404;
}

/**
 * The server does not implement this operation at all (s3rver answers NotImplemented for versioning and Object
 * Lock; some servers answer 405 or 400 with an "unsupported" code instead).
 */
export function isUnsupportedOperation(error: unknown): boolean {
  const name = errorName(error);
  const status = httpStatus(error);
  return (
    name === 'NotImplemented' ||
    name === 'MethodNotAllowed' ||
    name === 'UnsupportedOperation' ||
    status === 501 ||
    status === 405
  );
}

/** The credentials may not read this setting; the store carries on without knowing it. */
export function isAccessDenied(error: unknown): boolean {
  return errorName(error) === 'AccessDenied' || httpStatus(error) === 403;
}
