import { loadThread, type AccountRegistry, type ArchiveRecord, type Author, type RecordReader } from '@verbatim/core';
import {
  findExemption,
  redactedPhrases,
  spansForText,
  type Exemption,
  type FoiaItem,
  type FoiaRequest,
  type RedactedPhrase,
} from '@verbatim/foia';
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
 * catalog. Withheld records contribute no content at all, not even as another record's thread context. A
 * redacted record's redactions are burned into every version of it and into its text wherever it is shown as
 * thread context (see `spansForText`); the words let through on purpose go along for the leak check.
 */
export async function assembleBundleInput(
  catalog: RecordReader & AccountRegistry,
  request: FoiaRequest,
  items: FoiaItem[],
  options: AssembleOptions,
): Promise<AssembledBundle> {
  const names = new NameCache(catalog);
  const decisions = new Map(items.map((item) => [item.recordId, item]));
  const scopes = new RedactionScopes(catalog, decisions);
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
    const scope = await scopes.of(record.id);
    const redactionsOf = (version: number, text: string) => scope.spans(version, text, exemption);
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
        threadContext: await Promise.all(
          ancestors.map(async (ancestor) =>
            threadEntry(ancestor, decisions.get(ancestor.id), await scopes.of(ancestor.id), exemption),
          ),
        ),
        versions: versions.map((version) => ({
          text: version.text,
          capturedAt: version.capturedAt,
          ...(version.editedAt ? { editedAt: version.editedAt } : {}),
          ...(version.author?.name.trim() && !sameAuthor(version.author, record.author)
            ? {
                editor: {
                  name: version.author.name,
                  ...(version.author.handle ? { handle: version.author.handle } : {}),
                },
              }
            : {}),
          redactions: redactionsOf(version.version, version.text),
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
    intendedOccurrences: items.flatMap((item) =>
      item.disposition === 'redact'
        ? item.intendedOccurrences.map((occurrence) => ({ recordId: item.recordId, ...occurrence }))
        : [],
    ),
    items: draftItems,
  };
  return { input, originals };
}

/** One record's redactions, ready to burn into any of its texts; none when the request does not redact it. */
class RedactionScope {
  constructor(
    private readonly item: FoiaItem | undefined,
    private readonly phrases: readonly RedactedPhrase[],
  ) {}

  spans(version: number, text: string, exemption: (code: string) => DraftExemption) {
    if (!this.item || this.item.disposition !== 'redact') return [];
    const justification = this.item.justification!;
    return spansForText(this.item.redactions, this.phrases, version, text).map((span) => ({
      start: span.start,
      end: span.end,
      exemption: exemption(span.code),
      justification,
    }));
  }
}

/** Scopes by record id, each read once: an original post is the thread context of every reply to it. */
class RedactionScopes {
  private readonly scopes = new Map<string, Promise<RedactionScope>>();

  constructor(
    private readonly catalog: RecordReader,
    private readonly decisions: ReadonlyMap<string, FoiaItem>,
  ) {}

  of(recordId: string): Promise<RedactionScope> {
    let scope = this.scopes.get(recordId);
    if (!scope) {
      const item = this.decisions.get(recordId);
      scope =
        item?.disposition === 'redact'
          ? this.catalog
              .listVersions(recordId)
              .then((versions) => new RedactionScope(item, redactedPhrases(item.redactions, versions)))
          : Promise.resolve(new RedactionScope(item, []));
      this.scopes.set(recordId, scope);
    }
    return scope;
  }
}

/** What a reply shows of the post it answers: its text with the same redactions, or nothing if it is withheld. */
function threadEntry(
  ancestor: ArchiveRecord,
  decision: FoiaItem | undefined,
  scope: RedactionScope,
  exemption: (code: string) => DraftExemption,
) {
  const author = { name: ancestor.author.name };
  if (decision?.disposition === 'withhold') {
    return {
      recordId: ancestor.id,
      author,
      postedAt: ancestor.postedAt,
      text: `[withheld under ${exemption(decision.exemptionCode!).citation}]`,
    };
  }
  return {
    recordId: ancestor.id,
    author,
    postedAt: ancestor.postedAt,
    text: ancestor.text,
    redactions: scope.spans(ancestor.versionCount, ancestor.text, exemption),
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

/** The same person on the platform: by id where both have one, else by name and handle. */
function sameAuthor(one: Author, other: Author): boolean {
  if (one.id && other.id) return one.id === other.id;
  return one.name === other.name && one.handle === other.handle;
}
