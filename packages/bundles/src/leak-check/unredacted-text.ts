import { PhraseMatcher, cutOf, phraseKey, type Phrase, type UnredactedOccurrence } from '@verbatim/foia';
import type { BundleInput, BundleInputDraft } from '../bundle-input';

export type { UnredactedOccurrence };

/** Where a section's text ends up: the PDF, or one of the companion files of the ZIP. */
export type OutputFile = 'bundle.pdf' | 'records.json' | 'index.csv';

/** A record's redacted words: what its spans cut out, wherever they were drawn (its versions, its thread entries). */
export interface RedactedWords extends Phrase {
  recordId: string;
}

/** What a bundle must not print in clear, and the exceptions the officer made. Built from the validated input. */
export interface LeakGuard {
  words: RedactedWords[];
  intended: BundleInput['intendedOccurrences'];
}

/** The words every span of the bundle removes, by the record they belong to. Takes a validated input or a draft. */
export function leakGuardOf(
  input: Pick<BundleInput, 'items' | 'intendedOccurrences'> | Pick<BundleInputDraft, 'items' | 'intendedOccurrences'>,
): LeakGuard {
  const words = new Map<string, RedactedWords>();
  const add = (recordId: string, text: string, spans: ReadonlyArray<{ start: number; end: number }> = []) => {
    for (const span of spans) {
      const cut = cutOf(text, span);
      const key = JSON.stringify([recordId, phraseKey(cut.text)]);
      const same = words.get(key);
      if (phraseKey(cut.text) === '') continue;
      words.set(key, {
        recordId,
        text: cut.text,
        insideWordStart: Boolean(cut.insideWordStart || same?.insideWordStart),
        insideWordEnd: Boolean(cut.insideWordEnd || same?.insideWordEnd),
      });
    }
  };
  for (const item of input.items) {
    if (item.disposition !== 'produced') continue;
    const { record } = item;
    for (const version of record.versions) add(record.id, version.text, version.redactions);
    (record.threadContext ?? []).forEach((entry, index) =>
      add(entry.recordId ?? `thread context ${index + 1} of ${record.id}`, entry.text, entry.redactions),
    );
  }
  return { words: [...words.values()], intended: input.intendedOccurrences ?? [] };
}

/** The renderer's burned-in marker (`█████ [REDACTED § code]`): its own words are never a leak. */
const MARKER = /█████ \[REDACTED § [^\]\n]*\]/gu;

/** Names a section for people reading the failure: `item 3 (record rec_…)`, `the cover letter`. */
export type DescribeSection = (section: string) => string;

/**
 * Looks for each record's redacted words in what a bundle prints, section by section, matching as redaction
 * does (case and spacing ignored, whole words). Every find is reported with its section and files, except where
 * the officer marked the words as intended in that section.
 */
export class UnredactedTextFinder {
  private readonly matcher: PhraseMatcher;
  private readonly owners = new Map<string, string[]>();
  private readonly intended: Set<string>;
  private readonly found = new Map<string, UnredactedOccurrence>();

  constructor(
    guard: LeakGuard,
    private readonly describe: DescribeSection = (section) => section,
  ) {
    for (const word of guard.words) {
      const key = phraseKey(word.text);
      this.owners.set(key, [...new Set([...(this.owners.get(key) ?? []), word.recordId])]);
    }
    this.matcher = new PhraseMatcher(guard.words);
    this.intended = new Set(
      guard.intended.map((occurrence) =>
        JSON.stringify([occurrence.recordId, phraseKey(occurrence.text), occurrence.section]),
      ),
    );
  }

  get guarding(): boolean {
    return this.owners.size > 0;
  }

  /** Checks one printed text of `section` in `file`. */
  scan(text: string, section: string, file: OutputFile): void {
    if (!this.guarding || text === '') return;
    for (const match of this.matcher.matches(text.replace(MARKER, ' █ '))) {
      const key = phraseKey(match.text);
      for (const recordId of this.owners.get(key) ?? []) {
        if (this.intended.has(JSON.stringify([recordId, key, section]))) continue;
        const id = JSON.stringify([recordId, key, section]);
        const occurrence = this.found.get(id);
        if (occurrence) {
          occurrence.count += 1;
          if (!occurrence.files.includes(file)) occurrence.files.push(file);
        } else {
          const where = this.describe(section);
          this.found.set(id, { recordId, text: match.text, section, where, files: [file], count: 1 });
        }
      }
    }
  }

  /** Every string in a JSON value (keys too), as one section of one file. */
  scanJson(value: unknown, section: string, file: OutputFile): void {
    if (typeof value === 'string') this.scan(value, section, file);
    else if (Array.isArray(value)) value.forEach((entry) => this.scanJson(entry, section, file));
    else if (value !== null && typeof value === 'object')
      for (const [key, entry] of Object.entries(value)) {
        this.scan(key, section, file);
        this.scanJson(entry, section, file);
      }
  }

  occurrences(): UnredactedOccurrence[] {
    return [...this.found.values()];
  }
}

/**
 * A bundle that would print redacted words in clear. Nothing is released: the officer redacts those places too,
 * withholds the record, or marks the occurrence as intended (`intendedOccurrences` of the item's decision).
 */
export class UnredactedTextError extends Error {
  constructor(readonly occurrences: UnredactedOccurrence[]) {
    const shown = occurrences.slice(0, 10).map(describeOccurrence);
    const more = occurrences.length > shown.length ? `; and ${occurrences.length - shown.length} more` : '';
    super(
      `redacted words would appear in clear in ${occurrences.length} ${occurrences.length === 1 ? 'place' : 'places'}: ` +
        `${shown.join('; ')}${more}. Redact them there too, withhold the record, or mark each as intended, then build again`,
    );
    this.name = 'UnredactedTextError';
  }
}

export function describeOccurrence(occurrence: UnredactedOccurrence): string {
  const times = occurrence.count === 1 ? '' : `, ${occurrence.count} times`;
  return `“${occurrence.text}” (redacted in ${occurrence.recordId}) in ${occurrence.where} [${occurrence.files.join(', ')}${times}]`;
}

/** Joins finds from several passes (the PDF, then the companion files): same place, files and counts merged. */
export function mergeOccurrences(...lists: UnredactedOccurrence[][]): UnredactedOccurrence[] {
  const merged = new Map<string, UnredactedOccurrence>();
  for (const occurrence of lists.flat()) {
    const key = JSON.stringify([occurrence.recordId, phraseKey(occurrence.text), occurrence.section]);
    const same = merged.get(key);
    if (!same) merged.set(key, { ...occurrence, files: [...occurrence.files] });
    else {
      same.count += occurrence.count;
      for (const file of occurrence.files) if (!same.files.includes(file)) same.files.push(file);
    }
  }
  return [...merged.values()];
}
