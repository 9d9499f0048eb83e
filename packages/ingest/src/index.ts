export * from './sync-account';
export * from './index-backlog';
export * from './rebuild-search-index';
export * from './reindex';
export * from './search-drift';
export { archiveItems } from './archive-media';
