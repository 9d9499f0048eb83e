import type { CsvRow } from '../csv-rows';

/**
 * Takeout's column names have changed over the years (and `(Original)` was added when YouTube began translating
 * titles): each field is the first of its names present in the row.
 */
const COLUMNS = {
  videoId: ['Video ID', 'Video Id'],
  title: ['Video Title (Original)', 'Video Title', 'Title'],
  description: ['Video Description (Original)', 'Video Description', 'Description'],
  publishedAt: ['Video Publish Timestamp', 'Approx Publish Time', 'Video Create Timestamp', 'Time Published'],
  privacy: ['Privacy', 'Video Privacy'],
  channelId: ['Channel ID', 'Channel Id'],
  channelTitle: ['Channel Title (Original)', 'Channel Title', 'Title'],
  commentId: ['Comment ID', 'Comment Id'],
  parentCommentId: ['Parent Comment ID', 'Parent Comment Id'],
  postId: ['Post ID', 'Post Id'],
  commentText: ['Comment Text', 'Comment text', 'Text'],
  commentedAt: ['Comment Create Timestamp', 'Comment Created Timestamp', 'Timestamp'],
} as const;

export type TakeoutField = keyof typeof COLUMNS;

/** The field's cell, trimmed, or undefined when the row has none or it is empty. */
export function cell(row: CsvRow, field: TakeoutField): string | undefined {
  for (const name of COLUMNS[field]) {
    const value = row.cells[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** An ISO time from Takeout's timestamps (`2024-05-01T14:03:22.123+00:00`, or `2024-05-01 14:03:22 UTC`). */
export function takeoutTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const parsed = Date.parse(value.replace(/ UTC$/, 'Z').replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T'));
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

/**
 * A comment's text: Takeout writes it as the comment's JSON text segments, comma-separated and without the
 * enclosing brackets (`{"text":"Thanks "},{"text":"@clerk"}`); older files hold the plain text.
 */
export function commentText(value: string): string {
  if (!value.startsWith('{')) return value;
  try {
    const segments = JSON.parse(`[${value}]`) as Array<{ text?: unknown }>;
    return segments.map((segment) => (typeof segment.text === 'string' ? segment.text : '')).join('');
  } catch {
    return value;
  }
}
