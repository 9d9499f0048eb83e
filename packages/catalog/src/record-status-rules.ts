import type { PreparedItem, RecordStatus } from '@verbatim/core';

/**
 * How an applied item sets a record's status, the same in both catalog adapters. Precedence deleted > hidden >
 * edited > live; an item being applied was just seen, so it is never deleted.
 */
export function statusOf(hidden: boolean, versionCount: number): RecordStatus {
  if (hidden) return 'hidden';
  return versionCount > 1 ? 'edited' : 'live';
}

/** The status of a record created from `item`: its version 1. */
export function newRecordStatus(item: PreparedItem): 'hidden' | 'live' {
  return item.hidden ? 'hidden' : 'live';
}

/** Keeps the time an item was first seen hidden while it stays hidden; clears it once it is visible again. */
export function hiddenAtAfter(hiddenAt: string | null, item: PreparedItem, capturedAt: string): string | null {
  if (!item.hidden) return null;
  return hiddenAt ?? capturedAt;
}
