import path from 'node:path';
import type { Account, Author, ExportBatch, ExportFile, ExportReader, ExportTally, PlatformItem } from '@verbatim/core';
import { jsonArrayElements } from '../json-array-elements';
import { EditChains } from './x-archive-edits';
import { XAccountElementSchema, XTweetSchema, type XTweet } from './x-archive-payload.schema';
import { itemsOfChain, type TweetMediaFiles } from './x-archive-tweet.mapper';

/** `data/tweets.js`, and the `-part1.js` … files large archives split it into (older archives: `tweet.js`). */
const TWEET_FILES = /^data\/tweets?(-part\d+)?\.js$/;
/** Tweets the account deleted that X still held when it made the archive: `window.YTD.deleted_tweets.part0`. */
const DELETED_TWEET_FILES = /^data\/deleted-tweets?(-part\d+)?\.js$/;
const MEDIA_FILE = /^data\/(?:deleted_)?tweets?_media\/(\d+)-[^/]+$/;
const RETWEET = /^RT @[A-Za-z0-9_]+:/;

/**
 * The X (Twitter) archive: a ZIP whose `data/tweets.js` is `window.YTD.tweets.part0 = [ { "tweet": … } ]`, with
 * each tweet's images and videos in `data/tweets_media/<tweet id>-<name>` and the account in `data/account.js`.
 * Retweets are left out (the words are another account's); an edited tweet becomes one record with a version
 * per edit. Tweets in `data/deleted-tweets.js` become records too, tombstoned with their `deleted_at` time.
 */
export const xArchiveReader: ExportReader = {
  format: 'x-archive',
  recognizes: (names) => names.some((name) => TWEET_FILES.test(name)),
  read: readXArchive,
};

async function* readXArchive(
  file: ExportFile,
  account: Account,
  tally: ExportTally,
  batchSize: number,
): AsyncGenerator<ExportBatch> {
  const media = mediaFilesByTweet(file.names);
  tally.foundMedia([...media.values()].reduce((sum, files) => sum + files.length, 0));
  const author = await authorOf(file, account);
  const chains = new EditChains();
  let batch = emptyBatch();
  // Quarantine entries are keyed by capture and item index, and the whole export is one capture: an element's
  // index counts across every tweets file, so it is unique in the export and the same on a second import.
  let ordinal = 0;
  for (const deleted of [false, true]) {
    const files = file.names.filter((entry) => (deleted ? DELETED_TWEET_FILES : TWEET_FILES).test(entry));
    for (const name of files) {
      let index = 0;
      for await (const bytes of jsonArrayElements(await file.open(name))) {
        const tweet = parseTweet(bytes, `${name} element ${index}`, ordinal, batch);
        index += 1;
        ordinal += 1;
        if (!tweet) continue;
        if (RETWEET.test(tweet.full_text)) {
          tally.skip("retweets: another account's words, kept only in the archived export", tweet.id_str);
          continue;
        }
        const ready = chains.add(tweet);
        if (ready.length > 0) addChain(batch, ready, author, media);
        if (batch.items.length + batch.rejected.length >= batchSize) {
          yield batch;
          batch = emptyBatch();
        }
      }
    }
    // A chain is whole within its file: the edits of a deleted tweet are deleted with it.
    for (const chain of chains.rest()) addChain(batch, chain, author, media);
  }
  if (batch.items.length + batch.rejected.length > 0) yield batch;
}

/** The chain's items, and its deletion when its newest tweet is a deleted one. */
function addChain(
  batch: ExportBatch & { items: PlatformItem[] },
  chain: XTweet[],
  author: Author,
  media: TweetMediaFiles,
) {
  const items = itemsOfChain(chain, author, media, batch.mediaFiles);
  batch.items.push(...items);
  const deletedAt = chain.at(-1)!.deleted_at;
  if (deletedAt !== undefined) {
    batch.deletions ??= [];
    batch.deletions.push({ platformId: items[0].platformId, deletedAt: new Date(deletedAt).toISOString() });
  }
}

function emptyBatch(): ExportBatch & { items: PlatformItem[] } {
  return { items: [], rejected: [], mediaFiles: new Map() };
}

/** The tweet, or null with the element quarantined (its bytes stay in the archived export). */
function parseTweet(bytes: Buffer, where: string, ordinal: number, batch: ExportBatch): XTweet | null {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    batch.rejected.push({ itemIndex: ordinal, reason: `${where}: ${(error as Error).message}` });
    return null;
  }
  // `{ "tweet": … }` in current archives, the tweet itself in older ones.
  const wrapped = typeof json === 'object' && json !== null && 'tweet' in json;
  const parsed = XTweetSchema.safeParse(wrapped ? (json as { tweet: unknown }).tweet : json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    batch.rejected.push({ itemIndex: ordinal, reason: `${where}: ${problems}` });
    return null;
  }
  return parsed.data;
}

function mediaFilesByTweet(names: readonly string[]): TweetMediaFiles {
  const media: TweetMediaFiles = new Map();
  for (const name of names) {
    const match = MEDIA_FILE.exec(name);
    if (!match) continue;
    const files = media.get(match[1]) ?? [];
    files.push(name);
    media.set(match[1], files);
  }
  return media;
}

/** The archive's own account, else the account as registered. */
async function authorOf(file: ExportFile, account: Account): Promise<Author> {
  const fallback: Author = { name: account.displayName ?? account.handle, handle: account.handle };
  const accountFile = file.names.find((name) => path.posix.basename(name) === 'account.js');
  if (!accountFile) return fallback;
  const stream = await file.open(accountFile);
  try {
    for await (const bytes of jsonArrayElements(stream)) {
      const parsed = XAccountElementSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      if (!parsed.success) return fallback;
      const { accountId, username, accountDisplayName } = parsed.data.account;
      return { id: accountId, name: accountDisplayName ?? username, handle: username };
    }
    return fallback;
  } catch {
    return fallback; // an unreadable account.js costs only the author's name
  } finally {
    stream.destroy();
  }
}
