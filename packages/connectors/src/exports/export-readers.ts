import type { ExportReader } from '@verbatim/core';
import { facebookDownloadReader, instagramDownloadReader } from './meta-download/meta-download.reader';
import { discordExportReader } from './discord-export/discord-export.reader';
import { slackExportReader } from './slack-export/slack-export.reader';
import { mastodonOutboxReader } from './mastodon-outbox/mastodon-outbox.reader';
import { xArchiveReader } from './x-archive/x-archive.reader';
import { youtubeTakeoutReader } from './youtube-takeout/youtube-takeout.reader';

/** Every export format Verbatim imports, tried in this order. A new format adds its reader here. */
export const EXPORT_READERS: readonly ExportReader[] = [
  xArchiveReader,
  mastodonOutboxReader,
  facebookDownloadReader,
  instagramDownloadReader,
  slackExportReader,
  discordExportReader,
  youtubeTakeoutReader,
];

/** The reader of the export whose files are `names`, or null when no format recognizes it. */
export function findExportReader(names: readonly string[]): ExportReader | null {
  return EXPORT_READERS.find((reader) => reader.recognizes(names)) ?? null;
}
