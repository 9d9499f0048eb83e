import type { Account, AccountPerson } from './account.schema';
import type { AccountHealth } from './account-health';

/** A policy version every administrator and moderator must have acknowledged: the latest of a required document. */
export interface CurrentPolicy {
  versionId: string;
  /** How people name it: `Westport Social Media Policy, version 2`. */
  label: string;
}

/** What the compliance rule reads. */
export interface ComplianceFacts {
  account: Pick<Account, 'status' | 'administrators' | 'moderators'>;
  /** The account's archiving health (assessAccountHealth); null when off the schedule. */
  health: AccountHealth | null;
  currentPolicies: readonly CurrentPolicy[];
  /** Whether a receipt of the version by the person with this email (any case) is on record. */
  hasReceipt: (versionId: string, email: string) => boolean;
  /** Today on the town's calendar, `YYYY-MM-DD`: who has started and not yet stopped. */
  today: string;
}

export interface AccountComplianceAssessment {
  compliant: boolean;
  /** What is missing, in plain words, naming the people and policies concerned; empty when compliant. */
  reasons: string[];
}

/** Retired accounts are frozen: nobody administers them any more, so the registry rules no longer apply. */
const EXEMPT_STATUSES: ReadonlyArray<Account['status']> = ['retired'];

/** The people registered in a role who have started and not stopped as of `today`. */
export function currentPeople(people: readonly AccountPerson[], today: string): AccountPerson[] {
  return people.filter(
    (person) => (!person.startedOn || person.startedOn <= today) && (!person.stoppedOn || person.stoppedOn > today),
  );
}

/**
 * The registry rule of the town policies: at least two administrators and one moderator, each with an email and
 * a phone number and a receipt of every current policy; the account archived on time and its connector working.
 */
export function assessAccountCompliance(facts: ComplianceFacts): AccountComplianceAssessment {
  if (EXEMPT_STATUSES.includes(facts.account.status)) return { compliant: true, reasons: [] };
  const administrators = currentPeople(facts.account.administrators, facts.today);
  const moderators = currentPeople(facts.account.moderators, facts.today);
  const reasons: string[] = [];
  if (facts.account.status === 'pending-approval')
    reasons.push('Waiting for the Communications Manager to approve the account: it is not archived until then.');
  if (administrators.length < 2) reasons.push(describeMissingAdministrators(administrators));
  if (moderators.length === 0) reasons.push('No moderator is registered; the policy requires at least one.');
  const people = [
    ...administrators.map((person) => ({ person, role: 'administrator' })),
    ...moderators.map((person) => ({ person, role: 'moderator' })),
  ];
  for (const { person, role } of people) {
    const missing = [person.email ? null : 'email address', person.phone ? null : 'phone number'].filter(Boolean);
    if (missing.length) reasons.push(`Contact details missing for ${person.name} (${role}): ${missing.join(' and ')}.`);
  }
  for (const policy of facts.currentPolicies) {
    for (const { person, role } of people) {
      if (!person.email || !facts.hasReceipt(policy.versionId, person.email))
        reasons.push(`${person.name} (${role}) has no receipt of ${policy.label}.`);
    }
  }
  if (facts.health?.state === 'stale')
    reasons.push(`Not archived for longer than its interval allows: ${facts.health.problem}`);
  if (facts.health?.state === 'failing') reasons.push(`The connector is failing: ${facts.health.problem}`);
  return { compliant: reasons.length === 0, reasons };
}

function describeMissingAdministrators(administrators: readonly AccountPerson[]): string {
  if (administrators.length === 0) return 'No administrator is registered; the policy requires at least two.';
  return `Only one administrator is registered (${administrators[0].name}); the policy requires at least two.`;
}
