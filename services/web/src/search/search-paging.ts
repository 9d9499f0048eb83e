import { formEntries, type SearchForm } from './search-form';

/**
 * Where a person is in a search's pages, held in the URL: `cursor` starts the page shown (none on page 1) and
 * `back` repeats the cursors of the pages before it from page 2 on, so "Previous page" is a plain link too.
 * The trail keeps the last MAX_TRAIL pages, which keeps a deep page's URL under ~10 kB.
 */
export interface PagePosition {
  cursor: string;
  back: string[];
}

export const MAX_TRAIL = 40;
const MAX_CURSOR_LENGTH = 4096;

export const FIRST_PAGE: PagePosition = { cursor: '', back: [] };

export function readPosition(query: Record<string, unknown>): PagePosition {
  const text = (value: unknown) => (typeof value === 'string' && value.length <= MAX_CURSOR_LENGTH ? value : '');
  const back = (Array.isArray(query.back) ? query.back : [query.back]).map(text).filter(Boolean).slice(-MAX_TRAIL);
  const cursor = text(query.cursor);
  return cursor ? { cursor, back } : FIRST_PAGE;
}

/** The page number when the trail reaches back to page 1; null on a page deeper than the trail remembers. */
export function pageNumber(position: PagePosition): number | null {
  if (!position.cursor) return 1;
  return position.back.length < MAX_TRAIL ? position.back.length + 2 : null;
}

export function nextPosition(position: PagePosition, nextCursor: string): PagePosition {
  return { cursor: nextCursor, back: position.cursor ? [...position.back, position.cursor].slice(-MAX_TRAIL) : [] };
}

/** The page before, or null on page 1. */
export function previousPosition(position: PagePosition): PagePosition | null {
  if (!position.cursor) return null;
  return { cursor: position.back.at(-1) ?? '', back: position.back.slice(0, -1) };
}

/** The search page's URL for a search at a position: the whole search lives in it, so it can be bookmarked. */
export function searchHref(form: SearchForm, position: PagePosition = FIRST_PAGE): string {
  const params = new URLSearchParams(formEntries(form));
  for (const cursor of position.back) params.append('back', cursor);
  if (position.cursor) params.append('cursor', position.cursor);
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}
