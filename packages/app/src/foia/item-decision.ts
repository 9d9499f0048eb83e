import { z } from 'zod';
import { invalidFields, type RecordReader, type UseCaseError } from '@verbatim/core';
import {
  CONNECTICUT_EXEMPTIONS,
  InvalidRedactionError,
  PhraseMatcher,
  applyRedactions,
  findExemption,
  isTextRedaction,
  phraseKey,
  redactedPhrases,
  type FoiaItem,
  type FoiaStore,
  type ItemDecision,
  type SpanRedaction,
} from '@verbatim/foia';

const CodeSchema = z.string().trim().min(1);
const SpanRedactionSchema = z.strictObject({
  version: z.number().int().min(1),
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  code: CodeSchema,
});
const TextRedactionSchema = z.strictObject({ text: z.string().trim().min(1).max(2000), code: CodeSchema });

/** The parts of a bundle an occurrence can be let through in: a produced record's pages, or a bundle section. */
export const BundleSectionSchema = z
  .string()
  .regex(
    /^(item:.+|cover-letter|index|withholding-log|document-properties)$/,
    'item:<recordId>, cover-letter, index, withholding-log or document-properties',
  );

export const ItemDecisionSchema = z.strictObject({
  disposition: z.enum(['produce', 'withhold', 'redact']),
  exemptionCode: z.string().trim().min(1).optional(),
  justification: z.string().trim().min(1).max(5000).optional(),
  /** Each either `{ text, code }` (every occurrence in every version) or `{ version, start, end, code }`. */
  redactions: z
    .array(z.union([TextRedactionSchema, SpanRedactionSchema]))
    .max(500)
    .optional(),
  /**
   * Redacted words of this record the officer lets stand in clear in one part of the bundle. Left out, the ones
   * already recorded are kept as long as their words are still redacted.
   */
  intendedOccurrences: z
    .array(z.strictObject({ text: z.string().trim().min(1).max(2000), section: BundleSectionSchema }))
    .max(500)
    .optional(),
});
export type ItemDecisionInput = z.infer<typeof ItemDecisionSchema>;

function invalid(path: string, message: string): UseCaseError {
  return invalidFields('request body', [{ path, message }]);
}

/**
 * Checks a withholding or redaction the way a reviewer would: every one cites an exemption from the town's
 * catalogue with a justification, every span lies on a character boundary of the version it names, and every
 * text occurs in the record. Producing in full clears any earlier exemption.
 */
export async function checkDecision(
  input: ItemDecisionInput,
  recordId: string,
  catalog: RecordReader,
  store: FoiaStore,
  current: FoiaItem,
): Promise<ItemDecision> {
  if (input.disposition === 'produce')
    return {
      disposition: 'produce',
      exemptionCode: null,
      justification: null,
      redactions: [],
      intendedOccurrences: [],
    };
  const exemptions = (await store.getSettings()).exemptions ?? [...CONNECTICUT_EXEMPTIONS];
  const cite = (code: string | undefined, path: string) => {
    if (!code) throw invalid(path, `cite an exemption code, e.g. ${exemptions[0]?.code}`);
    if (!findExemption(exemptions, code))
      throw invalid(path, `no exemption ${code} in the catalogue (GET /api/v1/foia-settings lists them)`);
  };
  cite(input.exemptionCode, 'exemptionCode');
  if (!input.justification)
    throw invalid('justification', 'say why the exemption applies (it goes into the withholding log)');
  if (input.disposition === 'withhold')
    return {
      disposition: 'withhold',
      exemptionCode: input.exemptionCode!,
      justification: input.justification,
      redactions: [],
      intendedOccurrences: [],
    };
  const redactions = input.redactions ?? [];
  if (redactions.length === 0)
    throw invalid('redactions', 'give at least one text or span to redact (see the README, "Redactions")');
  redactions.forEach((redaction, index) => cite(redaction.code, `redactions.${index}.code`));
  const versions = await catalog.listVersions(recordId);
  checkSpans(
    redactions.filter((redaction): redaction is SpanRedaction => !isTextRedaction(redaction)),
    versions,
  );
  redactions.forEach((redaction, index) => {
    if (!isTextRedaction(redaction)) return;
    const matcher = new PhraseMatcher([redaction.text]);
    if (!versions.some((version) => !matcher.matches(version.text).next().done))
      throw invalid(
        `redactions.${index}.text`,
        `“${redaction.text}” does not occur in any version of the record (as a whole word; case and spacing are ignored)`,
      );
  });
  const phrases = new Set(redactedPhrases(redactions, versions).map((phrase) => phraseKey(phrase.text)));
  const intended = input.intendedOccurrences ?? current.intendedOccurrences;
  if (input.intendedOccurrences) {
    input.intendedOccurrences.forEach((occurrence, index) => {
      if (!phrases.has(phraseKey(occurrence.text)))
        throw invalid(`intendedOccurrences.${index}.text`, `“${occurrence.text}” is not redacted in this record`);
    });
  }
  return {
    disposition: 'redact',
    exemptionCode: input.exemptionCode!,
    justification: input.justification,
    redactions,
    intendedOccurrences: intended.filter((occurrence) => phrases.has(phraseKey(occurrence.text))),
  };
}

function checkSpans(spans: SpanRedaction[], versions: Array<{ version: number; text: string }>): void {
  const texts = new Map(versions.map((version) => [version.version, version.text]));
  for (const [version, group] of groupBy(spans, (span) => span.version)) {
    const text = texts.get(version);
    if (text === undefined) throw invalid('redactions', `the record has no version ${version}`);
    try {
      applyRedactions(text, group);
    } catch (error) {
      if (error instanceof InvalidRedactionError) throw invalid('redactions', `version ${version}: ${error.message}`);
      throw error;
    }
  }
}

function groupBy<T, K>(values: T[], key: (value: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const value of values) groups.set(key(value), [...(groups.get(key(value)) ?? []), value]);
  return groups;
}
