export * from './app';
export * from './start-api';
export * from './api-context';
export { generateTokenSecret, bootstrapAdminToken } from './auth';
export { createPerson } from './people/create-person';
export { hashPassword } from './people/password';
