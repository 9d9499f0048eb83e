import type { Client, estypes } from '@elastic/elasticsearch';
import { policyFlagKindsOf, type PolicyFlagKind, type SearchDocument } from '@verbatim/core';

/** How upserts are cut into bulk requests and retried when the cluster pushes back. */
export interface BulkWriterOptions {
  /** Documents per bulk request. Default 500. */
  chunkSize: number;
  /** Bulk requests in flight at once, so a large rebuild does not flood the write thread pool. Default 2. */
  maxConcurrentRequests: number;
  /** Retries of a request, or of the documents in it, rejected with 429 (queue full). Default 6. */
  maxRetries: number;
  /** Wait before the first retry; doubles each time up to `maxBackoffMs`. Defaults 250 ms and 15 s. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Waits between retries; replaceable so tests need not sleep. */
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_BULK_OPTIONS: BulkWriterOptions = {
  chunkSize: 500,
  maxConcurrentRequests: 2,
  maxRetries: 6,
  initialBackoffMs: 250,
  maxBackoffMs: 15_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Thrown when documents could not be indexed; upserts are idempotent, so the caller may retry the whole batch. */
export class BulkIndexError extends Error {
  override readonly name = 'BulkIndexError';
}

/**
 * Writes documents with the bulk API: in chunks, at most `maxConcurrentRequests` at a time (back-pressure: the
 * next chunk waits for a free slot), retrying with exponential backoff what the cluster rejects for load, a
 * whole request answered 429 or single items answered 429 (es_rejected_execution_exception). Other item
 * failures (a mapping error) are not retried and fail the upsert.
 */
export class BulkWriter {
  constructor(
    private readonly client: Client,
    private readonly alias: string,
    private readonly options: BulkWriterOptions,
  ) {}

  /** Indexes every document; `refresh` is passed to each bulk request (`wait_for` makes them searchable before returning). */
  async write(documents: SearchDocument[], refresh: estypes.Refresh | undefined): Promise<void> {
    const chunks = chunk(newestPerId(documents), this.options.chunkSize);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chunks.length) {
        const current = chunks[next];
        next += 1;
        await this.writeChunk(current, refresh);
      }
    };
    const workers = Array.from({ length: Math.min(this.options.maxConcurrentRequests, chunks.length) }, worker);
    await Promise.all(workers);
  }

  private async writeChunk(documents: SearchDocument[], refresh: estypes.Refresh | undefined): Promise<void> {
    let pending = documents;
    for (let attempt = 0; ; attempt += 1) {
      const rejected = await this.sendOnce(pending, refresh);
      if (rejected.length === 0) return;
      if (attempt >= this.options.maxRetries) {
        throw new BulkIndexError(
          `Elasticsearch kept rejecting ${rejected.length} documents as overloaded (429) after ${attempt + 1} attempts`,
        );
      }
      pending = rejected;
      await this.options.sleep(Math.min(this.options.initialBackoffMs * 2 ** attempt, this.options.maxBackoffMs));
    }
  }

  /** Sends one bulk request; returns the documents to retry (all of them when the request itself got 429). */
  private async sendOnce(documents: SearchDocument[], refresh: estypes.Refresh | undefined): Promise<SearchDocument[]> {
    let response: estypes.BulkResponse;
    try {
      response = await this.client.bulk({
        index: this.alias,
        // The revision is the document's external version: Elasticsearch refuses (409) a revision lower than the one
        // it holds, so an older state read before a change never overwrites the newer one indexed first.
        operations: documents.flatMap((document) => [
          { index: { _id: document.id, version: versionOf(document), version_type: 'external_gte' as const } },
          toSource(document),
        ]),
        ...(refresh === undefined ? {} : { refresh }),
      });
    } catch (error) {
      if ((error as { meta?: { statusCode?: number } })?.meta?.statusCode === 429) return documents;
      throw error;
    }
    if (!response.errors) return [];
    const retry: SearchDocument[] = [];
    const failures: string[] = [];
    response.items.forEach((item, position) => {
      const result = item.index;
      if (!result?.error) return;
      if (result.status === 409 && result.error.type === 'version_conflict_engine_exception') return; // older: skipped
      if (result.status === 429) retry.push(documents[position]);
      else failures.push(`${documents[position].id}: ${result.error.type} ${result.error.reason ?? ''}`.trim());
    });
    if (failures.length > 0) {
      throw new BulkIndexError(
        `Elasticsearch refused ${failures.length} documents: ${failures.slice(0, 5).join('; ')}`,
      );
    }
    return retry;
  }
}

/**
 * External versions are offset by 10^12 (revision 3 is version 1000000000003): documents an index holds from before
 * revisions carry internal versions (1 and up, one per write), which every revision then outranks, so such an
 * index keeps taking updates without a rebuild.
 */
export const REVISION_VERSION_BASE = 1_000_000_000_000;

function versionOf(document: SearchDocument): number {
  return REVISION_VERSION_BASE + document.revision;
}

/** What the index holds for a document: its fields and the policy flags its text raises. */
export type IndexedSource = Omit<SearchDocument, 'revision'> & { policyFlags: PolicyFlagKind[] };

/**
 * The indexed source: the port's fields but the revision, which is the document's external version instead,
 * and the policy flags of its current text, computed here at indexing time.
 */
export function toSource(document: SearchDocument): IndexedSource {
  const { id, accountId, agencyId, platform, kind, status, authorName, text, priorText, postedAt, hasAttachments } =
    document;
  const policyFlags = policyFlagKindsOf(text);
  return {
    id,
    accountId,
    agencyId,
    platform,
    kind,
    status,
    authorName,
    text,
    priorText,
    postedAt,
    hasAttachments,
    policyFlags,
  };
}

/**
 * Keeps one document per id, the newest (highest revision, the later one on a tie): chunks run concurrently, so two
 * versions in one call could land in either order, and an equal revision would then replace the newer text.
 */
function newestPerId(documents: SearchDocument[]): SearchDocument[] {
  const newest = new Map<string, SearchDocument>();
  for (const document of documents) {
    const held = newest.get(document.id);
    if (!held || document.revision >= held.revision) newest.set(document.id, document);
  }
  return [...newest.values()];
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
