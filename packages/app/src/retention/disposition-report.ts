import type { DisposedObject, DispositionCandidate, RetentionRule } from '@verbatim/core';

/** The records one rule makes due, as the report lists them. */
export interface RuleDue {
  rule: RetentionRule;
  count: number;
  records: DispositionCandidate[];
}

/** An object a past disposition could not delete yet, and the sentence the report shows for it. */
export interface WaitingObject extends DisposedObject {
  message: string;
}

/**
 * Records past retention and not held, per rule; and the objects still waiting for their Object Lock to end.
 * `truncated` says the listing stopped at its limit (dispose, then report again for the rest).
 */
export interface DispositionReport {
  asOf: string;
  total: number;
  truncated: boolean;
  rules: RuleDue[];
  waitingObjects: WaitingObject[];
}

export const waitingMessage = (lockedUntil: string | null) =>
  lockedUntil === null ? 'waiting to be deleted' : `waiting for the object lock until ${lockedUntil}`;

/** Groups due records under their deciding rule, rules in the order they were made. */
export function buildDispositionReport(input: {
  asOf: string;
  rules: RetentionRule[];
  due: DispositionCandidate[];
  truncated: boolean;
  waiting: DisposedObject[];
}): DispositionReport {
  const byRule = new Map<string, DispositionCandidate[]>();
  for (const record of input.due) byRule.set(record.ruleId, [...(byRule.get(record.ruleId) ?? []), record]);
  return {
    asOf: input.asOf,
    total: input.due.length,
    truncated: input.truncated,
    rules: input.rules
      .filter((rule) => byRule.has(rule.id))
      .map((rule) => ({ rule, count: byRule.get(rule.id)!.length, records: byRule.get(rule.id)! })),
    waitingObjects: input.waiting.map((object) => ({ ...object, message: waitingMessage(object.lockedUntil) })),
  };
}
