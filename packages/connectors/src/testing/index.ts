export { startFakeServer } from './fake-server';
export type { FakeAnswer, FakeHandler, RunningFake } from './fake-server';
export { FakeBluesky, imageBytes } from '../bluesky/testing/fake-bluesky.server';
export type { FakeBlueskyServerOptions } from '../bluesky/testing/fake-bluesky.server';
export { FakeBlueskyWorld, ROOT, REPOSTED, TOWN } from '../bluesky/testing/fake-bluesky-world';
export type { FakeBlueskyOptions, FakeKey, FakePost } from '../bluesky/testing/fake-bluesky-world';
export { everyPost, visiblePosts } from '../bluesky/testing/fake-bluesky-truth';
export { FakeMastodon } from '../mastodon/testing/fake-mastodon.server';
export type { FakeMastodonServerOptions } from '../mastodon/testing/fake-mastodon.server';
