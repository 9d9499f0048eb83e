/** A real S3 server (s3rver) in a child process, for tests and benchmarks of the S3 adapter. */
export * from './s3rver.test-server';
