export * from './sync-account';
export * from './index-backlog';
