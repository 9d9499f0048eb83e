import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  notFound,
  queueUnavailable,
  UseCaseError,
  validationError,
  type ArchiveRecord,
  type AuditLog,
  type RecordReader,
  type ObjectStore,
  type SearchIndex,
} from '@verbatim/core';
import {
  verifyBundle,
  type VerifyReport,
  type RenderPdfToFile,
  type TownSigningKey,
} from '@verbatim/bundles/production';
import {
  defaultBatesPrefix,
  findPii,
  type Bundle,
  type BundleStore,
  type FoiaItem,
  type FoiaRequest,
  type FoiaStore,
  type SavedSearch,
  type VersionPiiSuggestion,
} from '@verbatim/foia';
import { RecordsQuerySchema, toSearchQuery } from '../records/records-query.schema';
import { checkDecision, type ItemDecisionInput } from './item-decision';
import { snapshotSearch, withThreadContext } from './gather-records';

/** A search frozen onto a request: the records query without paging. */
export const SavedQuerySchema = RecordsQuerySchema.omit({ limit: true, cursor: true });
export const AddItemsSchema = z.union([
  z.strictObject({ query: SavedQuerySchema }),
  z.strictObject({ recordIds: z.array(z.string().min(1)).min(1).max(1000) }),
]);
export type AddItemsInput = z.infer<typeof AddItemsSchema>;

export interface FoiaDeskOptions {
  catalog: RecordReader & AuditLog;
  searchIndex: SearchIndex;
  objectStore: ObjectStore;
  foiaStore: FoiaStore;
  bundleStore: BundleStore;
  townName: string;
  /** Queues a bundle's build; throws while Redis is down. */
  enqueueBundle(bundleId: string): Promise<void>;
  renderPdf: RenderPdfToFile;
  /** The public half of the town's bundle-signing key: verify checks each bundle's signature against it. */
  townSigningKey: Pick<TownSigningKey, 'publicKeyPem' | 'fingerprint'>;
}

export interface GatheredItem extends FoiaItem {
  record: ArchiveRecord | null;
}

/**
 * The work an officer does on a request once it is logged: gathering records, deciding what is produced,
 * withheld or redacted, and building and verifying bundles. The JSON API and the web pages both call it, so
 * both apply the same rules and leave the same audit trail. Failures are UseCaseErrors with a kind and a
 * message written for the person who made the mistake.
 */
export class FoiaDesk {
  constructor(private readonly options: FoiaDeskOptions) {}

  async addItems(
    requestId: string,
    input: AddItemsInput,
    actorId: string,
  ): Promise<{ added: number; items: number; savedSearch: SavedSearch | null }> {
    const { catalog, foiaStore } = this.options;
    const request = await this.loadRequest(requestId);
    let ids: string[];
    let savedSearch: { query: unknown; matched: number } | undefined;
    if ('query' in input) {
      const query = toSearchQuery({ ...input.query, limit: 1 });
      delete query.limit;
      ids = await snapshotSearch(this.options.searchIndex, query);
      savedSearch = {
        query: { q: query.q ?? null, sort: query.sort ?? 'relevance', filters: query.filters },
        matched: ids.length,
      };
    } else {
      ids = [...new Set(input.recordIds)];
    }
    const records = await catalog.getRecords(ids);
    const missing = ids.filter((id) => !records.some((record) => record.id === id));
    if (missing.length > 0)
      throw new UseCaseError(
        'invalid',
        'validation_failed',
        `no such record(s): ${missing.slice(0, 10).join(', ')}`,
        missing.map((id) => ({ path: 'recordIds', message: `no record ${id}` })),
      );
    const items = await withThreadContext(catalog, records, 'query' in input ? 'search' : 'pick');
    const result = await foiaStore.addItems(request.id, items, {
      addedBy: actorId,
      at: new Date().toISOString(),
      savedSearch,
    });
    await catalog.appendAudit({
      actor: actorId,
      action: 'foia-items.add',
      target: request.id,
      details: { added: result.added, savedSearch: result.savedSearch?.id ?? null },
    });
    return {
      added: result.added,
      items: (await foiaStore.listItems(request.id)).length,
      savedSearch: result.savedSearch,
    };
  }

  /** `addItems` for input not yet validated (a web form): refused with the failing fields when malformed. */
  async addItemsUnchecked(
    requestId: string,
    input: unknown,
    actorId: string,
  ): Promise<{ added: number; items: number }> {
    const parsed = AddItemsSchema.safeParse(input);
    if (!parsed.success) throw validationError('records to add', parsed.error);
    return this.addItems(requestId, parsed.data, actorId);
  }

  async listItems(
    requestId: string,
    actorId: string,
  ): Promise<{ items: GatheredItem[]; savedSearches: SavedSearch[] }> {
    const { catalog, foiaStore } = this.options;
    const request = await this.loadRequest(requestId);
    const items = await foiaStore.listItems(request.id);
    const records = new Map(
      (await catalog.getRecords(items.map((item) => item.recordId))).map((record) => [record.id, record]),
    );
    await catalog.appendAudit({
      actor: actorId,
      action: 'foia-items.read',
      target: request.id,
      details: { items: items.length },
    });
    return {
      items: items.map((item) => ({ ...item, record: records.get(item.recordId) ?? null })),
      savedSearches: await foiaStore.listSavedSearches(request.id),
    };
  }

  async getItem(requestId: string, recordId: string): Promise<FoiaItem> {
    const item = await this.options.foiaStore.getItem(requestId, recordId);
    if (!item) throw notFound(`record ${recordId} in request ${requestId}`);
    return item;
  }

  async decide(requestId: string, recordId: string, input: ItemDecisionInput, actorId: string): Promise<FoiaItem> {
    const { catalog, foiaStore } = this.options;
    const current = await this.getItem(requestId, recordId);
    const decision = await checkDecision(input, recordId, catalog, foiaStore, current);
    const item = await foiaStore.updateItem(requestId, recordId, decision, new Date().toISOString());
    await catalog.appendAudit({
      actor: actorId,
      action: 'foia-item.decide',
      target: recordId,
      details: { request: requestId, disposition: decision.disposition, exemption: decision.exemptionCode },
    });
    return item!;
  }

  /**
   * Lets redacted words of a record stand in clear in one part of the bundle, as a failed build listed them (for
   * example a name the requester wrote in the request, or another record whose author made it public).
   */
  async letStand(
    requestId: string,
    recordId: string,
    occurrence: { text: string; section: string },
    actorId: string,
  ): Promise<FoiaItem> {
    const item = await this.getItem(requestId, recordId);
    if (item.disposition !== 'redact')
      throw new UseCaseError('conflict', 'not_redacted', `record ${recordId} is not redacted in this request`);
    const decided = await this.decide(
      requestId,
      recordId,
      {
        disposition: 'redact',
        exemptionCode: item.exemptionCode!,
        justification: item.justification!,
        redactions: item.redactions,
        intendedOccurrences: [...item.intendedOccurrences, occurrence],
      },
      actorId,
    );
    await this.options.catalog.appendAudit({
      actor: actorId,
      action: 'foia-item.let-stand',
      target: recordId,
      details: { request: requestId, section: occurrence.section },
    });
    return decided;
  }

  async removeItem(requestId: string, recordId: string, actorId: string): Promise<void> {
    if (!(await this.options.foiaStore.removeItem(requestId, recordId)))
      throw notFound(`record ${recordId} in request ${requestId}`);
    await this.options.catalog.appendAudit({
      actor: actorId,
      action: 'foia-item.remove',
      target: recordId,
      details: { request: requestId },
    });
  }

  /** Emails, phone numbers and street addresses in every version: suggestions only, never applied here. */
  async piiSuggestions(requestId: string, recordId: string): Promise<VersionPiiSuggestion[]> {
    await this.getItem(requestId, recordId);
    const versions = await this.options.catalog.listVersions(recordId);
    return versions.flatMap((version) =>
      findPii(version.text).map((found) => ({ version: version.version, ...found })),
    );
  }

  async createBundle(requestId: string, actorId: string): Promise<Bundle> {
    const { bundleStore, foiaStore, catalog } = this.options;
    const request = await this.loadRequest(requestId);
    if ((await foiaStore.listItems(request.id)).length === 0) {
      throw new UseCaseError(
        'conflict',
        'nothing_gathered',
        `request ${request.number} has no records: attach a search or record ids first`,
      );
    }
    const prefix = (await foiaStore.getSettings()).batesPrefix ?? defaultBatesPrefix(this.options.townName);
    const bundle = await bundleStore.createBundle({
      requestId: request.id,
      batesPrefix: prefix,
      createdBy: actorId,
      at: new Date().toISOString(),
    });
    try {
      await this.options.enqueueBundle(bundle.id);
    } catch {
      await bundleStore.failBundle(
        bundle.id,
        'the job queue (Redis) did not answer; build the bundle again',
        new Date().toISOString(),
      );
      throw queueUnavailable();
    }
    await catalog.appendAudit({
      actor: actorId,
      action: 'bundle.create',
      target: bundle.id,
      details: { request: request.id },
    });
    return bundle;
  }

  async listBundles(requestId: string): Promise<Bundle[]> {
    return this.options.bundleStore.listBundles(requestId);
  }

  async getBundle(bundleId: string): Promise<Bundle> {
    const bundle = await this.options.bundleStore.getBundle(bundleId);
    if (!bundle) throw notFound(`bundle ${bundleId}`);
    return bundle;
  }

  /** A completed bundle's PDF or ZIP as a stream, audited; refused (`conflict`) until the bundle is completed. */
  async download(
    bundleId: string,
    kind: 'pdf' | 'zip',
    actorId: string,
  ): Promise<{ bundle: Bundle; fileName: string; sha256: string; stream: Readable }> {
    const bundle = await this.getBundle(bundleId);
    if (bundle.status !== 'completed')
      throw new UseCaseError(
        'conflict',
        'not_ready',
        `bundle ${bundle.id} is ${bundle.status}; download it once completed`,
      );
    const key = kind === 'pdf' ? bundle.pdfKey! : bundle.zipKey!;
    await this.options.catalog.appendAudit({ actor: actorId, action: `bundle.download-${kind}`, target: bundle.id });
    const stream = await this.options.objectStore.getStream(key);
    return {
      bundle,
      fileName: key.split('/').pop()!,
      sha256: (kind === 'pdf' ? bundle.sha256 : bundle.zipSha256)!,
      stream,
    };
  }

  /** Rechecks a completed bundle's hashes and its originals in storage; with `rebuild`, re-renders it byte for byte. */
  async verify(bundleId: string, rebuild: boolean, actorId: string): Promise<VerifyReport> {
    const bundle = await this.getBundle(bundleId);
    if (bundle.status !== 'completed')
      throw new UseCaseError(
        'conflict',
        'not_ready',
        `bundle ${bundle.id} is ${bundle.status}; only completed bundles are verified`,
      );
    const { objectStore, bundleStore, renderPdf, catalog, townSigningKey } = this.options;
    const report = await verifyBundle(
      { objectStore, bundles: bundleStore, renderPdf, townPublicKeyPem: townSigningKey.publicKeyPem },
      bundle.id,
      { rebuild },
    );
    await catalog.appendAudit({
      actor: actorId,
      action: 'bundle.verify',
      target: bundle.id,
      details: { ok: report.ok },
    });
    return report;
  }

  private async loadRequest(id: string): Promise<FoiaRequest> {
    const request = await this.options.foiaStore.getRequest(id);
    if (!request) throw notFound(`FOIA request ${id}`);
    return request;
  }
}
