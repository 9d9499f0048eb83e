export * from './sync-worker';
export * from './notify-worker';
export * from './outbox-relay';
export * from './handlers/deliver-notification.handler';
export * from './bundle-worker';
export * from './search-index-worker';
export * from './handlers/import-export.handler';
export * from './handlers/carry-out-disposition.handler';
