export * from './app';
export * from './start-api';
export * from './api-context';
