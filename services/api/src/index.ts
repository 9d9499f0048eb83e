export * from './app';
export * from './start-api';
export * from './api-context';
export { generateTokenSecret, bootstrapAdminToken } from './auth';
