import type { SearchDocument } from '@verbatim/core';

/** What the owning thread asks the writer thread to do. Replies carry the same `id`. */
export type WriterRequest =
  | { id: number; op: 'upsert'; documents: SearchDocument[] }
  | { id: number; op: 'clear' };

export type WriterReply = { id: number; ok: true } | { id: number; ok: false; message: string };

/** Sent once, when the writer thread has opened the file and created the tables. */
export interface WriterReady {
  ready: true;
}
