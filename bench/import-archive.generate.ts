/**
 * Writes the import benchmark's X archive: `tsx bench/import-archive.generate.ts FILE TWEETS MEDIA`. Run as a
 * child process by bench/import.ts, so the memory spent generating it is not counted in the import's peak RSS.
 * Tweets are streamed into the ZIP; one tweet in TWEETS/MEDIA carries a small image of its own, and one in 200
 * is the first of an edit chain of two.
 */
import { randomBytes } from 'node:crypto';
import { writeXArchive, type ArchiveTweet } from '@verbatim/connectors/testing';

const WORDS = ['road', 'closure', 'park', 'meeting', 'council', 'budget', 'snow', 'library', 'permit', 'water'];

function* tweets(count: number, media: number): Generator<ArchiveTweet> {
  const mediaEvery = Math.max(1, Math.floor(count / Math.max(media, 1)));
  const start = Date.parse('2015-01-01T00:00:00.000Z');
  for (let index = 0; index < count; index += 1) {
    const id = String(1_000_000_000_000 + index * 2);
    const words = Array.from({ length: 18 }, (_, at) => WORDS[(index * 7 + at * 3) % WORDS.length]).join(' ');
    const createdAt = new Date(start + index * 60_000).toISOString();
    const tweet: ArchiveTweet = { id, text: `#${index} ${words}`, createdAt };
    if (media > 0 && index % mediaEvery === 0 && index / mediaEvery < media)
      tweet.media = [{ name: `m${index}.jpg`, bytes: Buffer.concat([Buffer.from(id), randomBytes(2048)]) }];
    if (index % 200 === 1) {
      const edit = String(1_000_000_000_001 + index * 2);
      tweet.editChain = [id, edit];
      yield tweet;
      yield {
        id: edit,
        text: `${tweet.text} (corrected)`,
        createdAt: new Date(start + index * 60_000 + 30_000).toISOString(),
        editChain: [id, edit],
      };
      index += 1; // the edit counts as one of the tweets
      continue;
    }
    yield tweet;
  }
}

const [file, count, media] = process.argv.slice(2);
writeXArchive(
  file,
  { accountId: '42', username: 'BenchTown', accountDisplayName: 'Bench Town' },
  tweets(Number(count), Number(media)),
).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
