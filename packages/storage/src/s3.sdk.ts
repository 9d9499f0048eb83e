/** The lazily imported `@aws-sdk/client-s3` module. A type only: importing this file loads no SDK. */
export type S3Sdk = typeof import('@aws-sdk/client-s3');
