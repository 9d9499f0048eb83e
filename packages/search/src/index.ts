export type { QueryNode, TermNode, PhraseNode, AndNode, OrNode, NotNode } from './query/query-ast';
export { listPositiveLeaves } from './query/query-ast';
export { parseQuery } from './query/parse-query';
export { escapeHtml } from './text/html';
export {
  SqliteSearchIndex,
  openSqliteSearchIndex,
  type SqliteSearchIndexOptions,
  type SearchIndexWriter,
} from './sqlite/sqlite.search-index';
export { openThreadedSqliteSearchIndex } from './sqlite/threaded/threaded.search-index';
export type { WarmUpOptions, WarmUpReport } from './sqlite/warm-up';
export {
  ElasticsearchSearchIndex,
  openElasticsearchSearchIndex,
  DEFAULT_INDEX_ALIAS,
  type ElasticsearchSearchIndexOptions,
  type UpsertRefresh,
} from './elasticsearch/elasticsearch.search-index';
export { SwitchableSearchIndex } from './switchable-search-index';
export { SqliteSearchGenerations } from './sqlite/sqlite-generations';
export {
  ElasticsearchSearchGenerations,
  openElasticsearchWithGenerations,
} from './elasticsearch/elasticsearch-generations';
export { openSearchDatabase } from './sqlite/open-search-database';
