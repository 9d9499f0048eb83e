import { loadThread, type AccountRegistry, type ArchiveRecord, type RecordReader } from '@verbatim/core';
import { findExemption, type Exemption, type FoiaItem, type FoiaRequest, type ItemRedaction } from '@verbatim/foia';
import type { BundleInputDraft } from '../bundle-input';
import { BATES_DIGITS } from '../format/bates';

type DraftItem = BundleInputDraft['items'][number];
type DraftExemption = { code: string; citation: string };

export interface AssembleOptions {
  townName: string;
  timeZone: string;
  producedAt: string;
  bates: { prefix: string; startNumber: number };
  responseDueAt: string;
  exemptions: readonly Exemption[];
}

export interface AssembledBundle {
  input: BundleInputDraft;
  /** SHA-256 of the raw captures each record's versions came from, by record id: what verify rechecks. */
  originals: Map<string, string[]>;
}

/**
 * Turns a request's gathered items and decisions into the renderer's input, reading everything from the
 * catalog. Withheld records contribute no content at all, not even as another record's thread context.
 */
export async function assembleBundleInput(
  catalog: RecordReader & AccountRegistry,
  request: FoiaRequest,
  items: FoiaItem[],
  options: AssembleOptions,
): Promise<AssembledBundle> {
  const names = new NameCache(catalog);
  const decisions = new Map(items.map((item) => [item.recordId, item]));
  const originals = new Map<string, string[]>();
  const draftItems: DraftItem[] = [];
  const exemption = (code: string): DraftExemption => ({
    code,
    citation: findExemption(options.exemptions, code)?.citation ?? code,
  });
  for (const item of items) {
    const record = await catalog.getRecord(item.recordId);
    if (!record) throw new Error(`record ${item.recordId} of request ${request.number} is missing from the catalog`);
    const versions = await catalog.listVersions(record.id);
    originals.set(record.id, [...new Set(versions.map((version) => version.rawCaptureSha256))]);
    if (item.disposition === 'withhold') {
      draftItems.push({
        disposition: 'withheld',
        recordId: record.id,
        exemption: exemption(item.exemptionCode!),
        justification: item.justification!,
        description: `${record.kind} on ${record.platform}, posted ${record.postedAt.slice(0, 10)}`,
      });
      continue;
    }
    const redactionsOf = (version: number) => spansFor(item, version, exemption);
    const tombstone = record.status === 'deleted' ? await catalog.getTombstone(record.id) : null;
    const { ancestors } = await loadThread(catalog, record);
    draftItems.push({
      disposition: 'produced',
      record: {
        id: record.id,
        platform: record.platform,
        agencyName: await names.agency(record.agencyId),
        accountHandle: await names.account(record.accountId),
        author: { name: record.author.name, ...(record.author.handle ? { handle: record.author.handle } : {}) },
        kind: record.kind,
        postedAt: record.postedAt,
        ...(record.editedAt ? { editedAt: record.editedAt } : {}),
        firstCapturedAt: record.firstCapturedAt,
        lastSeenAt: record.lastSeenAt,
        ...(record.url ? { url: record.url } : {}),
        status: record.status,
        ...(tombstone ? { tombstone: { detectedAt: tombstone.detectedAt } } : {}),
        ...(record.hiddenAt ? { hiddenAt: record.hiddenAt } : {}),
        threadContext: ancestors.map((ancestor) => threadEntry(ancestor, decisions.get(ancestor.id), exemption)),
        versions: versions.map((version) => ({
          text: version.text,
          capturedAt: version.capturedAt,
          ...(version.editedAt ? { editedAt: version.editedAt } : {}),
          redactions: redactionsOf(version.version),
        })),
        attachments: record.attachments.map((attachment) => ({
          kind: attachment.kind,
          ...(attachment.sha256 ? { sha256: attachment.sha256 } : {}),
          sourceUrl: attachment.sourceUrl,
          ...(attachment.mediaType ? { mediaType: attachment.mediaType } : {}),
          ...(attachment.width ? { width: attachment.width } : {}),
          ...(attachment.height ? { height: attachment.height } : {}),
        })),
        rawCaptureSha256: versions[versions.length - 1].rawCaptureSha256,
      },
    });
  }
  const input: BundleInputDraft = {
    townName: options.townName,
    request: {
      number: request.number,
      requester: {
        name: request.requester.name,
        ...(request.requester.organization ? { organization: request.requester.organization } : {}),
      },
      receivedAt: request.receivedAt,
      description: request.description,
      responseDueAt: options.responseDueAt,
    },
    producedAt: options.producedAt,
    timeZone: options.timeZone,
    bates: { ...options.bates, digits: BATES_DIGITS },
    language: 'en-US',
    items: draftItems,
  };
  return { input, originals };
}

function spansFor(item: FoiaItem | undefined, version: number, exemption: (code: string) => DraftExemption) {
  if (!item || item.disposition !== 'redact') return [];
  return item.redactions
    .filter((span: ItemRedaction) => span.version === version)
    .map((span) => ({
      start: span.start,
      end: span.end,
      exemption: exemption(span.code),
      justification: item.justification!,
    }));
}

/** What a reply shows of the post it answers: its text with the same redactions, or nothing if it is withheld. */
function threadEntry(
  ancestor: ArchiveRecord,
  decision: FoiaItem | undefined,
  exemption: (code: string) => DraftExemption,
) {
  const author = { name: ancestor.author.name };
  if (decision?.disposition === 'withhold') {
    return {
      author,
      postedAt: ancestor.postedAt,
      text: `[withheld under ${exemption(decision.exemptionCode!).citation}]`,
    };
  }
  return {
    author,
    postedAt: ancestor.postedAt,
    text: ancestor.text,
    redactions: spansFor(decision, ancestor.versionCount, exemption),
  };
}

class NameCache {
  private readonly agencies = new Map<string, string>();
  private readonly accounts = new Map<string, string>();

  constructor(private readonly catalog: AccountRegistry) {}

  async agency(id: string): Promise<string> {
    if (!this.agencies.has(id)) this.agencies.set(id, (await this.catalog.getAgency(id))?.name ?? id);
    return this.agencies.get(id)!;
  }

  async account(id: string): Promise<string> {
    if (!this.accounts.has(id)) this.accounts.set(id, (await this.catalog.getAccount(id))?.handle ?? id);
    return this.accounts.get(id)!;
  }
}
