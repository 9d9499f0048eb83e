import { z } from 'zod';

/** Every change of an account's registry compliance IT is told of: it falls out of compliance, or returns. */
export const ACCOUNT_COMPLIANCE_EVENTS = ['account.noncompliant', 'account.compliant'] as const;
export const AccountComplianceEventSchema = z.enum(ACCOUNT_COMPLIANCE_EVENTS);
export type AccountComplianceEvent = z.infer<typeof AccountComplianceEventSchema>;

/** Whether the event is about an account's compliance (its payload an AccountCompliancePayload). */
export function isAccountComplianceEvent(event: string): event is AccountComplianceEvent {
  return (ACCOUNT_COMPLIANCE_EVENTS as readonly string[]).includes(event);
}

/**
 * What a notice to IT says about an account whose compliance changed: a snapshot taken when the outbox row is
 * written. `reasons` are what is missing now (for `account.compliant`, what was missing before).
 */
export const AccountCompliancePayloadSchema = z.object({
  accountId: z.string().min(1),
  platform: z.string().min(1),
  handle: z.string().min(1),
  displayName: z.string().optional(),
  /** The agency's name. */
  agency: z.string().min(1),
  compliant: z.boolean(),
  reasons: z.array(z.string()),
  /** The account's compliance page in the UI. Only http(s): it becomes a link in the HTML email. */
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type AccountCompliancePayload = z.infer<typeof AccountCompliancePayloadSchema>;
