import type { Readable } from 'node:stream';
import {
  loadThread,
  mediaKey,
  notFound,
  ObjectIntegrityError,
  ObjectNotFoundError,
  sha256Hex,
  UseCaseError,
  type ArchiveRecord,
  type AuditLog,
  type SearchQuery,
  type SearchResult,
  type CaptureReader,
  type RecordReader,
  type ObjectStore,
  type RawCapture,
  type RecordVersion,
  type SearchIndex,
  type StoredObjectInfo,
  type RetentionStore,
  type Tombstone,
} from '@verbatim/core';
import { toSearchQuery, type RecordsQuery } from './records-query.schema';
import { searchWithFacets } from './search-with-facets';
import { checkObject, type IntegrityProblem, type PromisedObject } from '../integrity/object-check';
import type { CorruptObjectNotices } from '../integrity/corrupt-object-notices';
import { checkRecordIntegrity, objectsOfRecord, type RecordIntegrity } from '../integrity/record-integrity';

export interface RecordSearchResult {
  total: number;
  records: Array<ArchiveRecord & { highlight?: string; score?: number }>;
  facets: Record<string, Array<{ value: string; count: number }>>;
  nextCursor: string | null;
}

export interface RecordDetail extends ArchiveRecord {
  versions: RecordVersion[];
  tombstone: Tombstone | null;
  thread: { ancestors: ArchiveRecord[]; replies: ArchiveRecord[] };
  captures: RawCapture[];
  /** Whether the record's captures and media still hash to what was archived. */
  integrity: RecordIntegrity;
}

/** Reading the archive: searches, records, raw captures and media. Every read is audited with who made it. */
export class RecordDesk {
  constructor(
    private readonly options: {
      catalog: RecordReader & CaptureReader & AuditLog;
      searchIndex: SearchIndex;
      objectStore: ObjectStore;
      /** Says whether a missing object was disposed of rather than lost. */
      retention: Pick<RetentionStore, 'getDisposedObject'>;
      /** Tells IT of an object found altered or missing, once per change; absent, nobody is told. */
      corruptObjects?: CorruptObjectNotices;
    },
  ) {}

  /** Full-text search; hits whose record the catalog no longer has (an index a moment behind) are left out. */
  async search(query: RecordsQuery, actorId: string): Promise<RecordSearchResult> {
    const result = await this.options.searchIndex.search(toSearchQuery(query));
    const records = await this.recordsOfAuditedSearch(result, actorId, { query });
    return {
      total: result.total,
      records: result.hits
        .filter((hit) => records.has(hit.id))
        .map((hit) => ({ ...records.get(hit.id)!, highlight: hit.highlight, score: hit.score })),
      facets: result.facets,
      nextCursor: result.nextCursor,
    };
  }

  /**
   * A search as the search page shows it: each filter in use counted as if it were not (see searchWithFacets),
   * with the hits' records. Audited with `asked`, the search as the person gave it.
   */
  async browse(
    query: SearchQuery,
    asked: unknown,
    actorId: string,
  ): Promise<{ result: SearchResult; records: Map<string, ArchiveRecord> }> {
    const result = await searchWithFacets(this.options.searchIndex, query);
    return { result, records: await this.recordsOfAuditedSearch(result, actorId, { form: asked }) };
  }

  /** The hits' records by id, and the search's audit entry (`asked` names the search as the person gave it). */
  private async recordsOfAuditedSearch(
    result: SearchResult,
    actorId: string,
    asked: Record<string, unknown>,
  ): Promise<Map<string, ArchiveRecord>> {
    const { catalog } = this.options;
    const records = new Map(
      (await catalog.getRecords(result.hits.map((hit) => hit.id))).map((record) => [record.id, record]),
    );
    await catalog.appendAudit({
      actor: actorId,
      action: 'records.search',
      target: 'records',
      details: { ...asked, returned: result.hits.length },
    });
    return records;
  }

  /** One record with every version, its tombstone, thread context and the raw captures it came from. */
  async read(id: string, actorId: string): Promise<RecordDetail> {
    const { catalog } = this.options;
    const record = await catalog.getRecord(id);
    if (!record) throw notFound(`record ${id}`);
    const [versions, tombstone, thread] = await Promise.all([
      catalog.listVersions(record.id),
      catalog.getTombstone(record.id),
      loadThread(catalog, record),
    ]);
    const shas = [...new Set(versions.map((version) => version.rawCaptureSha256))];
    const captures = (await Promise.all(shas.map((sha) => catalog.getCapture(sha)))).filter(
      (capture) => capture !== null,
    );
    const objects = objectsOfRecord(record.accountId, captures, versions);
    const integrity = await checkRecordIntegrity(this.options, objects);
    await this.options.corruptObjects?.afterCheck(objects, integrity.problems, 'record-read', record.id);
    for (const sha of shas.filter((sha) => !captures.some((capture) => capture.sha256 === sha))) {
      integrity.ok = false;
      integrity.problems.push({
        kind: 'capture_missing',
        key: null,
        sha256: sha,
        accountId: record.accountId,
        message: `capture ${sha} of this record is missing from the catalog`,
      });
    }
    if (versions.length < record.versionCount) {
      integrity.ok = false;
      integrity.problems.push({
        kind: 'capture_missing',
        key: null,
        sha256: null,
        accountId: record.accountId,
        message: `${record.versionCount - versions.length} of this record's ${record.versionCount} version(s) cannot be read: their capture is missing from the catalog`,
      });
    }
    await catalog.appendAudit({ actor: actorId, action: 'record.read', target: record.id });
    return { ...record, versions, tombstone, thread, captures, integrity };
  }

  /** A raw platform response exactly as received, checked against its SHA-256 as it is read. */
  async capture(sha256: string, actorId: string): Promise<{ capture: RawCapture; bytes: Uint8Array }> {
    const { catalog, objectStore } = this.options;
    const capture = await catalog.getCapture(sha256);
    if (!capture) throw notFound(`capture ${sha256}`);
    const object = captureObject(capture);
    const bytes = await objectStore.get(capture.key).catch(async (error: unknown) => {
      if (error instanceof ObjectNotFoundError) {
        await this.refuseDisposed(capture.key, `capture ${capture.sha256}`);
        const message = `capture ${capture.sha256} is catalogued but missing from the object store`;
        await this.announce(object, { ...object, kind: 'object_missing', message });
        throw new UseCaseError('damaged', 'archive_missing', message);
      }
      if (error instanceof ObjectIntegrityError) await this.refuseCorrupt(capture, error.actualSha256);
      throw error;
    });
    const actual = sha256Hex(bytes);
    if (actual !== capture.sha256) await this.refuseCorrupt(capture, actual);
    await this.announce(object, null);
    await catalog.appendAudit({ actor: actorId, action: 'capture.download', target: capture.sha256 });
    return { capture, bytes };
  }

  /** An archived attachment as a stream (a video may be large), with the content type it was downloaded with. */
  async media(sha256: string, actorId: string): Promise<{ info: StoredObjectInfo; stream: Readable }> {
    const { catalog, objectStore } = this.options;
    const key = mediaKey(sha256);
    const info = await objectStore.head(key);
    if (!info) {
      await this.refuseDisposed(key, `media ${sha256}`);
      throw notFound(`media ${sha256}`);
    }
    // Hashed whole before the first byte goes out: a corrupt file is refused, not cut short mid-download.
    const object: PromisedObject = { kind: 'media', key, sha256, accountId: '' };
    const problem = await checkObject(this.options, object);
    await this.announce(object, problem);
    if (problem) this.refuseCorruptObject(problem);
    const stream = await objectStore.getStream(key);
    await catalog.appendAudit({ actor: actorId, action: 'media.download', target: sha256 });
    return { info, stream };
  }

  /** A download's finding (null: intact), for IT's notices; a corrupt object is told of once per change. */
  private async announce(object: PromisedObject, problem: IntegrityProblem | null): Promise<void> {
    await this.options.corruptObjects?.afterCheck([object], problem ? [problem] : [], 'download');
  }

  private async refuseCorrupt(capture: RawCapture, actualSha256: string): Promise<never> {
    const problem: IntegrityProblem = {
      kind: 'object_altered',
      key: capture.key,
      sha256: capture.sha256,
      accountId: capture.accountId,
      message: `capture ${capture.sha256} (object ${capture.key}, account ${capture.accountId}) is altered: its bytes hash to ${actualSha256}, the catalog recorded ${capture.sha256}`,
    };
    await this.announce(captureObject(capture), problem);
    return this.refuseCorruptObject(problem);
  }

  /** 409 `archive_corrupt` naming the object. */
  private refuseCorruptObject(problem: IntegrityProblem): never {
    throw new UseCaseError('conflict', 'archive_corrupt', `the archive's copy is corrupt: ${problem.message}`, {
      key: problem.key,
      sha256: problem.sha256,
    });
  }

  /** A file deleted by a disposition is gone on purpose: 404 saying so, rather than a missing-archive fault. */
  private async refuseDisposed(key: string, what: string): Promise<void> {
    const disposed = await this.options.retention.getDisposedObject(key);
    if (disposed?.deletedAt) {
      throw new UseCaseError(
        'not-found',
        'disposed',
        `${what} was disposed of on ${disposed.deletedAt} (disposition ${disposed.dispositionId}); only its SHA-256 is kept`,
      );
    }
  }
}

/** A capture as the integrity check names it. */
function captureObject(capture: RawCapture): PromisedObject {
  return { kind: 'capture', key: capture.key, sha256: capture.sha256, accountId: capture.accountId };
}
