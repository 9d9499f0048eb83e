export * from './sync-worker';
