export * from './config.schema';
export * from './load-config';
export * from './platform-rate-limits';
export * from './notification-gaps';
export * from './oidc-settings';
