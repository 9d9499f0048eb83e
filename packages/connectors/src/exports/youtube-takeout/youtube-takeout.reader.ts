import path from 'node:path';
import type { Account, Author, ExportBatch, ExportFile, ExportReader, ExportTally, PlatformItem } from '@verbatim/core';
import { csvRows, CsvUnreadableError, type CsvRow } from '../csv-rows';
import { cell, commentText, takeoutTime } from './youtube-takeout.columns';

const VIDEOS_CSV = /(^|\/)video metadata\/videos\.csv$/i;
const COMMENTS_CSV = /(^|\/)comments\/comments(\(\d+\))?\.csv$/i;
const CHANNEL_CSV = /(^|\/)channels?\/channel\.csv$/i;
const VIDEO_FILE = /(^|\/)videos\/([^/]+)\.(mp4|mov|webm|mkv|3gp)$/i;

/**
 * Google Takeout of a YouTube channel (`Takeout/YouTube and YouTube Music/`): each video of
 * `video metadata/videos.csv` becomes a post (title and description, as the YouTube connector writes them), with
 * its video file from `videos/` when exactly one file bears its title (Takeout names them so); each comment of
 * `comments/comments.csv` (and `comments(1).csv` …), the channel's own comments, becomes a comment on its video or
 * a reply to its parent comment. Takeout holds no comments of other people, so it cannot stand in for the API.
 */
export const youtubeTakeoutReader: ExportReader = {
  format: 'youtube-takeout',
  recognizes: (names) =>
    names.some((name) => VIDEOS_CSV.test(name) || (COMMENTS_CSV.test(name) && /youtube/i.test(name))),
  read: readTakeout,
};

type Batch = ExportBatch & { items: PlatformItem[] };

async function* readTakeout(
  file: ExportFile,
  account: Account,
  tally: ExportTally,
  batchSize: number,
): AsyncGenerator<ExportBatch> {
  const author = await channelOf(file, account);
  const videoFiles = filesByTitle(file.names);
  tally.foundMedia([...videoFiles.values()].reduce((sum, files) => sum + files.length, 0));
  let batch: Batch = emptyBatch();
  let ordinal = 0;
  const full = () => batch.items.length + batch.rejected.length >= batchSize;

  const videoRows: Array<{ name: string; row: CsvRow; ordinal: number }> = [];
  for (const name of file.names.filter((entry) => VIDEOS_CSV.test(entry))) {
    for await (const row of rowsOf(file, name, ordinal, batch)) videoRows.push({ name, row, ordinal: ordinal++ });
  }
  const titles = countTitles(videoRows.map(({ row }) => cell(row, 'title')));
  for (const { name, row, ordinal: index } of videoRows) {
    const video = videoItem(row, author);
    if (typeof video === 'string')
      batch.rejected.push({ itemIndex: index, reason: `${name} line ${row.line}: ${video}` });
    else {
      const title = cell(row, 'title') ?? '';
      const files = videoFiles.get(title) ?? [];
      if (files.length === 1 && titles.get(title) === 1) {
        video.attachments.push({ kind: 'video', sourceUrl: files[0] });
        batch.mediaFiles.set(files[0], files[0]);
      } else if (files.length > 0) {
        tally.skip('video files whose title several videos share: kept in the archived export', files[0]);
      }
      batch.items.push(video);
    }
    if (full()) {
      yield batch;
      batch = emptyBatch();
    }
  }

  for (const name of file.names.filter((entry) => COMMENTS_CSV.test(entry))) {
    for await (const row of rowsOf(file, name, ordinal, batch)) {
      const comment = commentItem(row, author);
      if (typeof comment === 'string')
        batch.rejected.push({ itemIndex: ordinal, reason: `${name} line ${row.line}: ${comment}` });
      else batch.items.push(comment);
      ordinal += 1;
      if (full()) {
        yield batch;
        batch = emptyBatch();
      }
    }
  }
  if (batch.items.length + batch.rejected.length > 0) yield batch;
}

function emptyBatch(): Batch {
  return { items: [], rejected: [], mediaFiles: new Map() };
}

/** The file's rows; a file that stops being CSV is set aside from there (its bytes stay in the export). */
async function* rowsOf(file: ExportFile, name: string, ordinal: number, batch: Batch): AsyncGenerator<CsvRow> {
  try {
    yield* csvRows(await file.open(name));
  } catch (error) {
    if (!(error instanceof CsvUnreadableError)) throw error;
    batch.rejected.push({
      itemIndex: ordinal,
      reason: `${name}: the rest of the file is not readable as CSV: ${error.message}`,
    });
  }
}

function videoItem(row: CsvRow, author: Author): PlatformItem | string {
  const videoId = cell(row, 'videoId');
  if (!videoId) return 'no Video ID';
  const postedAt = takeoutTime(cell(row, 'publishedAt'));
  if (!postedAt) return `video ${videoId} has no readable publish time`;
  const text = [cell(row, 'title'), cell(row, 'description')].filter((part) => part).join('\n\n');
  return {
    platformId: videoId,
    kind: 'post',
    author: { ...author, id: cell(row, 'channelId') ?? author.id },
    text,
    url: `https://www.youtube.com/watch?v=${videoId}`,
    postedAt,
    hidden: false,
    attachments: [],
  };
}

function commentItem(row: CsvRow, author: Author): PlatformItem | string {
  const commentId = cell(row, 'commentId');
  if (!commentId) return 'no Comment ID';
  const videoId = cell(row, 'videoId');
  const parentId = cell(row, 'parentCommentId');
  const onWhat = videoId ?? cell(row, 'postId');
  if (!onWhat) return `comment ${commentId} names no video or post`;
  const postedAt = takeoutTime(cell(row, 'commentedAt'));
  if (!postedAt) return `comment ${commentId} has no readable time`;
  const item: PlatformItem = {
    platformId: commentId,
    kind: parentId ? 'reply' : 'comment',
    parentPlatformId: parentId ?? onWhat,
    threadRootPlatformId: onWhat,
    author: { ...author, id: cell(row, 'channelId') ?? author.id },
    text: commentText(cell(row, 'commentText') ?? ''),
    url: videoId
      ? `https://www.youtube.com/watch?v=${videoId}&lc=${commentId}`
      : `https://www.youtube.com/post/${onWhat}?lc=${commentId}`,
    postedAt,
    hidden: false,
    attachments: [],
  };
  return item;
}

/** The channel from `channels/channel.csv`, else the account as registered. */
async function channelOf(file: ExportFile, account: Account): Promise<Author> {
  const fallback: Author = { name: account.displayName ?? account.handle, handle: account.handle };
  const name = file.names.find((entry) => CHANNEL_CSV.test(entry));
  if (!name) return fallback;
  try {
    for await (const row of csvRows(await file.open(name))) {
      return { id: cell(row, 'channelId'), name: cell(row, 'channelTitle') ?? fallback.name, handle: account.handle };
    }
  } catch {
    // an unreadable channel.csv costs only the author's name
  }
  return fallback;
}

/** The export's video files by the title Takeout named them after. */
function filesByTitle(names: readonly string[]): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const name of names) {
    if (!VIDEO_FILE.test(name)) continue;
    const title = path.posix.basename(name).replace(/\.[^.]+$/, '');
    files.set(title, [...(files.get(title) ?? []), name]);
  }
  return files;
}

function countTitles(titles: Array<string | undefined>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const title of titles) if (title) counts.set(title, (counts.get(title) ?? 0) + 1);
  return counts;
}
