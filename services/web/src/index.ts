export * from './web-routes';
export * from './web-dependencies';
