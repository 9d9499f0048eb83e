import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** One tweet of a generated archive, as the test or benchmark describes it. */
export interface ArchiveTweet {
  id: string;
  text: string;
  createdAt: string;
  replyTo?: string;
  /** Every id of the tweet's edit chain (first tweet first), when it was edited. */
  editChain?: string[];
  /** Images (`.jpg`/`.png`) or videos (`.mp4`) attached; each file is stored as `<tweet id>-<name>`. */
  media?: Array<{ name: string; bytes: Buffer }>;
  /** Stored as this element instead (a malformed tweet, say). */
  rawElement?: unknown;
}

export interface ArchiveAccount {
  accountId: string;
  username: string;
  accountDisplayName: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** X's date form: `Wed Oct 10 20:19:24 +0000 2018`. */
export function xDate(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${time} +0000 ${date.getUTCFullYear()}`;
}

/** The `{ "tweet": … }` element X writes for a tweet (the fields Verbatim reads and a few it does not). */
export function tweetElement(tweet: ArchiveTweet): unknown {
  if (tweet.rawElement !== undefined) return tweet.rawElement;
  const chain = tweet.editChain;
  const editInfo =
    chain && chain[0] !== tweet.id
      ? { edit: { initialTweetId: chain[0], editControlInitial: { editTweetIds: chain, editsRemaining: '3' } } }
      : { initial: { editTweetIds: chain ?? [tweet.id], editableUntil: tweet.createdAt, editsRemaining: '5' } };
  const media = (tweet.media ?? []).map((file, index) => {
    const isVideo = file.name.endsWith('.mp4');
    const url = `https://pbs.twimg.com/media/${file.name.replace(/\.mp4$/, '.jpg')}`;
    return {
      id_str: `${tweet.id}${index}`,
      media_url_https: url,
      type: isVideo ? 'video' : 'photo',
      ...(isVideo
        ? {
            video_info: {
              variants: [
                { content_type: 'application/x-mpegURL', url: `https://video.twimg.com/v/${tweet.id}.m3u8` },
                { bitrate: '256000', content_type: 'video/mp4', url: `https://video.twimg.com/v/small/x.mp4` },
                { bitrate: '2176000', content_type: 'video/mp4', url: `https://video.twimg.com/v/${file.name}?tag=12` },
              ],
            },
          }
        : {}),
    };
  });
  return {
    tweet: {
      edit_info: editInfo,
      retweeted: false,
      source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
      entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
      favorite_count: '3',
      id_str: tweet.id,
      id: tweet.id,
      created_at: xDate(tweet.createdAt),
      full_text: tweet.text,
      lang: 'en',
      ...(tweet.replyTo ? { in_reply_to_status_id_str: tweet.replyTo, in_reply_to_status_id: tweet.replyTo } : {}),
      ...(media.length > 0 ? { extended_entities: { media } } : {}),
    },
  };
}

/** `data/deleted-tweets.js`: the tweets with the `deleted_at` X adds to each (an ISO time given per tweet). */
export function deletedTweetsJs(tweets: Array<ArchiveTweet & { deletedAt: string }>): string {
  const elements = tweets.map((tweet) => {
    const element = tweetElement(tweet) as { tweet: Record<string, unknown> };
    return { tweet: { ...element.tweet, deleted_at: xDate(tweet.deletedAt) } };
  });
  return `window.YTD.deleted_tweets.part0 = ${JSON.stringify(elements, null, 2)}`;
}

/** `window.YTD.<name>.part0 = [ … ]`, streamed element by element. */
function ytdFile(name: string, elements: Iterable<unknown>): Readable {
  return Readable.from(
    (function* () {
      yield `window.YTD.${name}.part0 = [ `;
      let first = true;
      for (const element of elements) {
        yield `${first ? '' : ', '}${JSON.stringify(element, null, 2)}`;
        first = false;
      }
      yield ' ]';
    })(),
  );
}

/**
 * Writes an X archive ZIP to `filePath` as X lays it out (`data/account.js`, `data/tweets.js`,
 * `data/tweets_media/`), reading `tweets` once and streaming tweets.js, so a benchmark can make a large one.
 * Media files are added as their tweets are written.
 */
export async function writeXArchive(
  filePath: string,
  account: ArchiveAccount,
  tweets: Iterable<ArchiveTweet>,
  extraFiles: Record<string, string | Buffer> = {},
): Promise<void> {
  const zip = new ZipFile();
  const out = zip.outputStream.pipe(createWriteStream(filePath));
  zip.addBuffer(Buffer.from(`window.YTD.account.part0 = ${JSON.stringify([{ account }])}`), 'data/account.js');
  const media: Array<{ name: string; bytes: Buffer }> = [];
  const withMedia = (function* () {
    for (const tweet of tweets) {
      for (const file of tweet.media ?? []) media.push({ name: `${tweet.id}-${file.name}`, bytes: file.bytes });
      yield tweetElement(tweet);
    }
  })();
  const tweetsJs = ytdFile('tweets', withMedia);
  zip.addReadStream(tweetsJs, 'data/tweets.js');
  await finished(tweetsJs);
  for (const file of media) zip.addBuffer(file.bytes, `data/tweets_media/${file.name}`, { compress: false });
  for (const [name, bytes] of Object.entries(extraFiles)) zip.addBuffer(Buffer.from(bytes), name);
  zip.end();
  await finished(out);
}
