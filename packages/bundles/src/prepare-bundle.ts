import {
  BundleHeaderSchema,
  BundleInputSchema,
  BundleItemSchema,
  itemIdOf,
  type BundleAttachment,
  type BundleInput,
  type BundleInputDraft,
  type BundleItem,
  type Exemption,
  type ProducedRecord,
  type RedactionSpan,
} from './bundle-input';
import { applyRedactions } from './redaction';
import { leakGuardOf, type LeakGuard } from './leak-check/unredacted-text';

/** A version whose text is already redacted. */
export interface PreparedVersion {
  text: string;
  capturedAt: string;
  editedAt?: string;
  editor?: ProducedRecord['author'];
}

/** A thread entry whose text is already redacted. */
export interface PreparedThreadEntry {
  author: ProducedRecord['author'];
  postedAt: string;
  text: string;
}

/** A produced record as the layout sees it: every text already redacted; the spans themselves are gone. */
export type PreparedRecord = Omit<ProducedRecord, 'versions' | 'threadContext'> & {
  versions: PreparedVersion[];
  threadContext: PreparedThreadEntry[];
};

/** One line of the redaction log: where, on what basis, how many spans. Never the redacted text or its length. */
export interface RedactionLogEntry {
  itemNumber: number;
  itemId: string;
  location: string;
  exemption: Exemption;
  justification: string;
  count: number;
}

export type PreparedItem =
  | { disposition: 'produced'; number: number; id: string; record: PreparedRecord }
  | {
      disposition: 'withheld';
      number: number;
      id: string;
      exemption: Exemption;
      justification: string;
      description?: string;
    };

/** A validated bundle with redactions applied: the only shape the renderer accepts. */
export type PreparedBundle = Omit<BundleInput, 'items' | 'intendedOccurrences'> & {
  items: PreparedItem[];
  redactions: RedactionLogEntry[];
};

class RedactionLog {
  readonly entries: RedactionLogEntry[] = [];
  private readonly byKey = new Map<string, RedactionLogEntry>();

  add(itemNumber: number, itemId: string, location: string, spans: readonly RedactionSpan[]): void {
    for (const span of spans) {
      const key = JSON.stringify([itemNumber, location, span.exemption.code, span.justification]);
      const same = this.byKey.get(key);
      if (same) {
        same.count++;
        continue;
      }
      const entry = {
        itemNumber,
        itemId,
        location,
        exemption: span.exemption,
        justification: span.justification,
        count: 1,
      };
      this.byKey.set(key, entry);
      this.entries.push(entry);
    }
  }
}

function prepareRecord(record: ProducedRecord, itemNumber: number, log: RedactionLog): PreparedRecord {
  const versions = record.versions.map((version, index) => {
    log.add(itemNumber, record.id, `version ${index + 1}`, version.redactions);
    return {
      text: applyRedactions(version.text, version.redactions),
      capturedAt: version.capturedAt,
      editedAt: version.editedAt,
      editor: version.editor,
    };
  });
  const threadContext = record.threadContext.map((entry, index) => {
    log.add(itemNumber, record.id, `thread context ${index + 1}`, entry.redactions);
    return { author: entry.author, postedAt: entry.postedAt, text: applyRedactions(entry.text, entry.redactions) };
  });
  record.attachments.forEach((attachment: BundleAttachment, index) => {
    if (attachment.withheld) {
      const { exemption, justification } = attachment.withheld;
      log.entries.push({
        itemNumber,
        itemId: record.id,
        location: `attachment ${index + 1} (withheld)`,
        exemption,
        justification,
        count: 1,
      });
    }
  });
  return { ...record, versions, threadContext };
}

function prepareItem(item: BundleItem, number: number, log: RedactionLog): PreparedItem {
  const id = itemIdOf(item);
  if (item.disposition === 'withheld') {
    return {
      disposition: 'withheld',
      number,
      id,
      exemption: item.exemption,
      justification: item.justification,
      description: item.description,
    };
  }
  return { disposition: 'produced', number, id, record: prepareRecord(item.record, number, log) };
}

/**
 * Validates a bundle input (throws zod's ZodError, with every issue) and burns in every redaction (throws
 * RedactionSpanError for a bad span). Items are numbered from 1 in the order given. Items are validated and
 * prepared one at a time, so a large bundle is never held as three full copies (draft, parsed, prepared).
 */
export function prepareBundle(draft: BundleInputDraft | BundleInput): PreparedBundle {
  return prepareGuardedBundle(draft).bundle;
}

/**
 * `prepareBundle`, and beside the bundle (never inside it, so no layout code can print them) the words its
 * redactions removed, for the leak check.
 */
export function prepareGuardedBundle(draft: BundleInputDraft | BundleInput): {
  bundle: PreparedBundle;
  guard: LeakGuard;
} {
  const { items: draftItems, ...draftHeader } = draft as { items?: unknown };
  const header = BundleHeaderSchema.safeParse(draftHeader);
  if (!header.success || !Array.isArray(draftItems)) return failValidation(draft);
  const log = new RedactionLog();
  const { intendedOccurrences, ...rest } = header.data;
  const guard: LeakGuard = { words: [], intended: intendedOccurrences };
  const items = draftItems.map((draftItem: unknown, index) => {
    const item = BundleItemSchema.safeParse(draftItem);
    if (!item.success) return failValidation(draft);
    guard.words.push(...leakGuardOf({ items: [item.data], intendedOccurrences: [] }).words);
    return prepareItem(item.data, index + 1, log);
  });
  if (new Set(items.map((item) => item.id)).size !== items.length) return failValidation(draft);
  return { bundle: { ...rest, items, redactions: log.entries }, guard };
}

/** Reports invalid input with the whole schema, so the error lists every issue with its full path. */
function failValidation(draft: unknown): never {
  BundleInputSchema.parse(draft);
  throw new Error('internal: the bundle input failed validation in parts but passed as a whole');
}
