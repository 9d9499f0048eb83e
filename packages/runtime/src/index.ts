export * from './open-backends';
export * from './shutdown';
export * from './logger';
export * from './debian-packages';
export * from './metrics';
