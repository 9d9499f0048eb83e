export * from './process-metrics';
export * from './metrics-access';
export * from './metrics-server';
export * from './timed-search-index';
