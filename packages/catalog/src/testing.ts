/** Fixtures of the catalog conformance suite (pages and items), for tests of what consumes a catalog. */
export { makeItem, makePage } from './conformance/fixtures';
