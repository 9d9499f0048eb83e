import type { Platform, RecordKind } from '@verbatim/core';
import { formatDateTime } from '../format/dates';
import type { PreparedRecord } from '../prepare-bundle';

const PLATFORM_NAMES: Record<Platform, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  nextdoor: 'Nextdoor',
  mastodon: 'Mastodon',
  mock: 'Mock platform',
  bluesky: 'Bluesky',
  snapchat: 'Snapchat',
  yelp: 'Yelp',
  myspace: 'Myspace',
  slack: 'Slack',
  discord: 'Discord',
  other: 'another platform',
};

export function platformName(platform: Platform): string {
  return PLATFORM_NAMES[platform];
}

export function kindName(kind: RecordKind): string {
  return kind;
}

export function authorLabel(author: { name: string; handle?: string }): string {
  return author.handle ? `${author.name} (${author.handle.startsWith('@') ? '' : '@'}${author.handle})` : author.name;
}

/** What the platform shows now, in words, with the moment the archive noticed. */
export function statusLabel(record: PreparedRecord, timeZone: string): string {
  switch (record.status) {
    case 'deleted':
      return `Deleted from the platform (deletion detected ${formatDateTime(record.tombstone!.detectedAt, timeZone)})`;
    case 'hidden':
      return `Hidden on the platform (hidden ${formatDateTime(record.hiddenAt!, timeZone)})`;
    case 'edited':
      return 'Edited after posting; every archived version follows';
    default:
      return 'Live on the platform when last seen';
  }
}

/** One-line description for the index: platform, kind, author, account, time, status. */
export function describeRecord(record: PreparedRecord, timeZone: string): string {
  const status = record.status === 'live' ? '' : ` · ${record.status}`;
  return (
    `${platformName(record.platform)} ${kindName(record.kind)} by ${authorLabel(record.author)} on ${record.accountHandle}, ` +
    `posted ${formatDateTime(record.postedAt, timeZone)}${status}`
  );
}
