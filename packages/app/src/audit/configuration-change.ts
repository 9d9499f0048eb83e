/**
 * A configuration change as the audit log keeps it: the fields changed, each with its value before and after.
 * Callers mask secrets first (maskConnectorSecrets), so the log never holds one.
 */
export function configurationChange(
  before: object,
  after: object,
  fields: readonly string[],
): { fields: string[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const pick = (source: object) =>
    Object.fromEntries(fields.map((field) => [field, (source as Record<string, unknown>)[field] ?? null]));
  return { fields: [...fields], before: pick(before), after: pick(after) };
}
