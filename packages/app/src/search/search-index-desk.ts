import {
  UseCaseError,
  type AccountRegistry,
  type AuditLog,
  type JobStatus,
  type RecordReader,
  type ReindexControl,
  type SearchDocumentSource,
  type SearchGenerations,
  type SearchIndex,
} from '@verbatim/core';
import { checkSearchDrift, type DriftReport } from '@verbatim/ingest';

export interface SearchIndexDeskOptions {
  catalog: AccountRegistry & RecordReader & SearchDocumentSource & AuditLog;
  searchIndex: SearchIndex;
  reindexControl: ReindexControl;
  searchGenerations?: SearchGenerations;
}

/** The search index as IT runs it: its state, a rebuild beside the live index, and the drift check. */
export class SearchIndexDesk {
  constructor(private readonly options: SearchIndexDeskOptions) {}

  /** Documents indexed against records catalogued, and the latest rebuild with its progress. */
  async status(): Promise<{
    documents: number;
    catalogRecords: number;
    rebuildable: boolean;
    reindex: JobStatus | null;
  }> {
    const { searchIndex, catalog, searchGenerations, reindexControl } = this.options;
    return {
      documents: await searchIndex.count(),
      catalogRecords: await catalog.countRecords(),
      rebuildable: searchGenerations !== undefined,
      reindex: await reindexControl.latest(),
    };
  }

  /** Queues a rebuild from the catalog; refused (`conflict`) where the backend cannot rebuild beside the live index. */
  async reindex(actorId: string): Promise<string> {
    if (!this.options.searchGenerations)
      throw new UseCaseError(
        'conflict',
        'not_supported',
        'this search backend cannot be rebuilt beside the live index yet',
      );
    const jobId = await this.options.reindexControl.start(actorId);
    await this.options.catalog.appendAudit({ actor: actorId, action: 'search-index.reindex', target: jobId });
    return jobId;
  }

  /** Compares the index with the catalog: counts per account and a random sample field by field. */
  async checkDrift(sampleSize: number | undefined, actorId: string): Promise<DriftReport> {
    const { catalog, searchIndex } = this.options;
    const report = await checkSearchDrift({ catalog, searchIndex }, { sampleSize });
    await catalog.appendAudit({
      actor: actorId,
      action: 'search-index.drift-check',
      target: 'search-index',
      details: { ok: report.ok },
    });
    return report;
  }
}
