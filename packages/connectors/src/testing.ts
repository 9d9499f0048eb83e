/** Test support: fake platform servers over real HTTP, for connector tests and benchmarks. */
export { startFakeServer } from './testing/fake-server';
export type { FakeAnswer, FakeHandler, RunningFake } from './testing/fake-server';
export { FakeMastodon } from './mastodon/testing/fake-mastodon.server';
export type { FakeMastodonServerOptions } from './mastodon/testing/fake-mastodon.server';
