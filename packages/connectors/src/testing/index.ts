export { startFakeServer } from './fake-server';
export type { FakeAnswer, FakeHandler, RunningFake } from './fake-server';
export { FakeBluesky, imageBytes } from '../bluesky/testing/fake-bluesky.server';
export type { FakeBlueskyServerOptions } from '../bluesky/testing/fake-bluesky.server';
export { FakeBlueskyWorld, ROOT, REPOSTED, TOWN } from '../bluesky/testing/fake-bluesky-world';
export type { FakeBlueskyOptions, FakeKey, FakePost } from '../bluesky/testing/fake-bluesky-world';
export { everyPost, visiblePosts } from '../bluesky/testing/fake-bluesky-truth';
export { FakeMastodon } from '../mastodon/testing/fake-mastodon.server';
export type { FakeMastodonServerOptions } from '../mastodon/testing/fake-mastodon.server';
export { FakeGraph, graphError, missingObject } from '../graph/testing/fake-graph.server';
export type { FakeGraphOptions, GraphCall, GraphSurface, ThrottleOptions } from '../graph/testing/fake-graph.server';
export { CALLS_PER_ENGAGED_USER, pagesRateLimit } from '../graph/testing/fake-graph-rate-limit';
export type { GraphRateLimit } from '../graph/testing/fake-graph-rate-limit';
export { FakeFacebook, FAKE_PAGE_TOKEN } from '../facebook/testing/fake-facebook.server';
export type { FakeFacebookServerOptions } from '../facebook/testing/fake-facebook.server';
export { FAKE_PAGE_ID, FAKE_PAGE_NAME } from '../facebook/testing/fake-facebook-page';
export type { FakeFacebookOptions, PageRef } from '../facebook/testing/fake-facebook-page';
export { FakeInstagram, FAKE_IG_TOKEN } from '../instagram/testing/fake-instagram.server';
export type { FakeInstagramServerOptions } from '../instagram/testing/fake-instagram.server';
export { FakeInstagramAccount, FAKE_IG_USER_ID, FAKE_IG_USERNAME } from '../instagram/testing/fake-instagram-account';
export type { FakeInstagramOptions, MediaType } from '../instagram/testing/fake-instagram-account';
export { FakeFeed } from '../feed/testing/fake-feed.server';
export type { FakeFeedServerOptions } from '../feed/testing/fake-feed.server';
export { FakeBlog } from '../feed/testing/fake-blog';
export type { FakeBlogOptions } from '../feed/testing/fake-blog';
export {
  FakeYoutube,
  FAKE_CHANNEL_ID,
  FAKE_YOUTUBE_KEY,
  FAKE_YOUTUBE_OAUTH,
} from '../youtube/testing/fake-youtube.server';
export type { FakeYoutubeServerOptions } from '../youtube/testing/fake-youtube.server';
export { FakeX, FAKE_X_TOKEN, FAKE_X_USER } from '../x/testing/fake-x.server';
export type { FakeXOptions } from '../x/testing/fake-x.server';
export { FakeMediaWiki } from '../mediawiki/testing/fake-mediawiki.server';
export type { FakeMediaWikiOptions } from '../mediawiki/testing/fake-mediawiki.server';
export { FakeWiki, FAKE_EDITORS, MINUTES_CATEGORY } from '../mediawiki/testing/fake-mediawiki-wiki';
export type { FakePage, FakeRevision, FakeWikiOptions } from '../mediawiki/testing/fake-mediawiki-wiki';
export { FakeLinkedin, FAKE_LINKEDIN_TOKEN } from '../linkedin/testing/fake-linkedin.server';
export type { FakeLinkedinServerOptions } from '../linkedin/testing/fake-linkedin.server';
export {
  FakeLinkedinOrganization,
  FAKE_ORGANIZATION_ID,
  FAKE_ORGANIZATION_NAME,
  FAKE_ORGANIZATION_URN,
} from '../linkedin/testing/fake-linkedin-organization';
export type {
  CommentRef as LinkedinCommentRef,
  FakeLinkedinOptions,
} from '../linkedin/testing/fake-linkedin-organization';
export { FakeDiscourse, FAKE_DISCOURSE_KEY } from '../discourse/testing/fake-discourse.server';
export { FakeDiscourseForum, CATEGORIES as FAKE_DISCOURSE_CATEGORIES } from '../discourse/testing/fake-discourse-forum';
export type { FakeDiscourseOptions, PostRef as FakeDiscoursePostRef } from '../discourse/testing/fake-discourse-forum';
export { MASTODON_RATE_LIMIT } from '../mastodon/testing/fake-rate-limit';
export type { FakeRateLimit } from '../mastodon/testing/fake-rate-limit';
export { deletedTweetsJs, tweetElement, writeXArchive, xDate } from '../exports/x-archive/testing/x-archive.builder';
export type { ArchiveAccount, ArchiveTweet } from '../exports/x-archive/testing/x-archive.builder';
export {
  announceActivity,
  ARCHIVE_ACTOR,
  createActivity,
  outboxJson,
  writeMastodonArchive,
} from '../exports/mastodon-outbox/testing/mastodon-archive.builder';
export type { OutboxStatus } from '../exports/mastodon-outbox/testing/mastodon-archive.builder';
export { writeZip } from '../exports/testing/zip.builder';
