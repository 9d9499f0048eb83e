import { z } from 'zod';
import { invalidFields, type RecordReader, type UseCaseError } from '@verbatim/core';
import {
  CONNECTICUT_EXEMPTIONS,
  InvalidRedactionError,
  applyRedactions,
  findExemption,
  type FoiaStore,
  type ItemDecision,
} from '@verbatim/foia';

export const ItemDecisionSchema = z.strictObject({
  disposition: z.enum(['produce', 'withhold', 'redact']),
  exemptionCode: z.string().trim().min(1).optional(),
  justification: z.string().trim().min(1).max(5000).optional(),
  redactions: z
    .array(
      z.strictObject({
        version: z.number().int().min(1),
        start: z.number().int().min(0),
        end: z.number().int().min(1),
        code: z.string().trim().min(1),
      }),
    )
    .max(500)
    .optional(),
});
export type ItemDecisionInput = z.infer<typeof ItemDecisionSchema>;

function invalid(path: string, message: string): UseCaseError {
  return invalidFields('request body', [{ path, message }]);
}

/**
 * Checks a withholding or redaction the way a reviewer would: every one cites an exemption from the town's
 * catalogue with a justification, and every redaction span lies on a character boundary of the version's
 * text it names. Producing in full clears any earlier exemption.
 */
export async function checkDecision(
  input: ItemDecisionInput,
  recordId: string,
  catalog: RecordReader,
  store: FoiaStore,
): Promise<ItemDecision> {
  if (input.disposition === 'produce')
    return { disposition: 'produce', exemptionCode: null, justification: null, redactions: [] };
  const exemptions = (await store.getSettings()).exemptions ?? [...CONNECTICUT_EXEMPTIONS];
  const cite = (code: string | undefined, path: string) => {
    if (!code) throw invalid(path, `cite an exemption code, e.g. ${exemptions[0]?.code}`);
    if (!findExemption(exemptions, code))
      throw invalid(path, `no exemption ${code} in the catalogue (GET /api/v1/foia-settings lists them)`);
  };
  cite(input.exemptionCode, 'exemptionCode');
  if (!input.justification)
    throw invalid('justification', 'say why the exemption applies (it goes into the withholding log)');
  const redactions = input.disposition === 'redact' ? (input.redactions ?? []) : [];
  if (input.disposition === 'redact') {
    if (redactions.length === 0) throw invalid('redactions', 'give at least one span to redact');
    const versions = new Map((await catalog.listVersions(recordId)).map((version) => [version.version, version.text]));
    redactions.forEach((span, index) => cite(span.code, `redactions.${index}.code`));
    for (const [version, spans] of groupBy(redactions, (span) => span.version)) {
      const text = versions.get(version);
      if (text === undefined) throw invalid('redactions', `the record has no version ${version}`);
      try {
        applyRedactions(text, spans);
      } catch (error) {
        if (error instanceof InvalidRedactionError) throw invalid('redactions', `version ${version}: ${error.message}`);
        throw error;
      }
    }
  }
  return {
    disposition: input.disposition,
    exemptionCode: input.exemptionCode!,
    justification: input.justification,
    redactions,
  };
}

function groupBy<T, K>(values: T[], key: (value: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const value of values) groups.set(key(value), [...(groups.get(key(value)) ?? []), value]);
  return groups;
}
