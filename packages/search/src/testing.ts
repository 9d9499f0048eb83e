/** Test support: a scripted Elasticsearch cluster that records requests, for adapter tests without a cluster. */
export * from './elasticsearch/mock-cluster.test-support';
