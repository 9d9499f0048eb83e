export * from './redis-connection';
export * from './sync-account.job';
export * from './sync-queue';
export * from './notify.job';
export * from './bundle.job';
export * from './platform-rate-limiter';
export * from './reindex.job';
export * from './bullmq-job-control';
