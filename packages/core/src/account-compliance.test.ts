import { assessAccountCompliance, currentPeople, type ComplianceFacts } from './account-compliance';

const pat = { name: 'Pat Quinn', email: 'pat@town.example', phone: '203 555 0101' };
const lee = { name: 'Lee Park', email: 'lee@town.example', phone: '203 555 0102' };
const sam = { name: 'Sam Ortiz', email: 'sam@town.example', phone: '203 555 0103' };
const facts = (overrides: Partial<ComplianceFacts> = {}): ComplianceFacts => ({
  account: { status: 'active', administrators: [pat, lee], moderators: [sam] },
  health: { state: 'healthy', problem: null, advice: null, error: null, lastSuccessAt: null },
  currentPolicies: [],
  hasReceipt: () => true,
  today: '2026-12-07',
  ...overrides,
});

describe('the account compliance rule', () => {
  it('holds with two administrators, a moderator, their contact details and receipts, archiving on time', () => {
    expect(assessAccountCompliance(facts())).toEqual({ compliant: true, reasons: [] });
  });

  it('names what is missing in plain words', () => {
    const result = assessAccountCompliance(
      facts({
        account: {
          status: 'active',
          administrators: [{ name: 'Pat Quinn', email: 'pat@town.example' }],
          moderators: [],
        },
        currentPolicies: [{ versionId: 'v2', label: 'Westport Social Media Policy, version 2' }],
        hasReceipt: () => false,
        health: {
          state: 'failing',
          problem: 'The last sync failed: HTTP 401',
          advice: null,
          error: 'x',
          lastSuccessAt: null,
        },
      }),
    );
    expect(result).toEqual({
      compliant: false,
      reasons: [
        'Only one administrator is registered (Pat Quinn); the policy requires at least two.',
        'No moderator is registered; the policy requires at least one.',
        'Contact details missing for Pat Quinn (administrator): phone number.',
        'Pat Quinn (administrator) has no receipt of Westport Social Media Policy, version 2.',
        'The connector is failing: The last sync failed: HTTP 401',
      ],
    });
  });

  it('counts only people who have started and not stopped, and finds receipts by email', () => {
    const stopped = { ...lee, stoppedOn: '2026-12-01' };
    const notYet = { ...sam, startedOn: '2027-01-01' };
    expect(currentPeople([pat, stopped, notYet], '2026-12-07')).toEqual([pat]);
    const receipts = new Set(['v1|pat@town.example', 'v1|sam@town.example']);
    const result = assessAccountCompliance(
      facts({
        currentPolicies: [{ versionId: 'v1', label: 'the policy, version 1' }],
        hasReceipt: (versionId, email) => receipts.has(`${versionId}|${email.toLowerCase()}`),
        health: {
          state: 'stale',
          problem: 'No successful capture for 3 hours.',
          advice: null,
          error: null,
          lastSuccessAt: null,
        },
      }),
    );
    expect(result.reasons).toEqual([
      'Lee Park (administrator) has no receipt of the policy, version 1.',
      'Not archived for longer than its interval allows: No successful capture for 3 hours.',
    ]);
  });

  it('says a pending account waits for approval, and exempts retired accounts', () => {
    expect(
      assessAccountCompliance(
        facts({ account: { status: 'pending-approval', administrators: [pat, lee], moderators: [sam] }, health: null }),
      ).reasons,
    ).toEqual(['Waiting for the Communications Manager to approve the account: it is not archived until then.']);
    expect(
      assessAccountCompliance(facts({ account: { status: 'retired', administrators: [], moderators: [] } })),
    ).toEqual({
      compliant: true,
      reasons: [],
    });
  });
});
