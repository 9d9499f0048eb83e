import { composeAccountComplianceEmail } from './compose-compliance-email';
import type { AccountCompliancePayload } from './compliance-event';
import { deliverNotification } from './deliver-notification';
import { resolveRecipients } from './notification-event';

const payload: AccountCompliancePayload = {
  accountId: 'acc_01JH40',
  platform: 'facebook',
  handle: 'westportparks',
  agency: 'Parks & Recreation',
  compliant: false,
  reasons: ['Only one administrator is registered (Ada Admin); the policy requires at least two.'],
  url: 'https://verbatim.town.example/compliance/accounts/acc_01JH40',
};

describe('composeAccountComplianceEmail', () => {
  it('names the account and lists what is missing, linking its compliance page', () => {
    const email = composeAccountComplianceEmail('account.noncompliant', payload);
    expect(email.subject).toBe('Out of compliance: @westportparks on Facebook (Parks & Recreation)');
    expect(email.text).toContain(
      '- Only one administrator is registered (Ada Admin); the policy requires at least two.',
    );
    expect(email.text).toContain('Compliance page: https://verbatim.town.example/compliance/accounts/acc_01JH40');
    expect(email.html).toContain(
      '<li>Only one administrator is registered (Ada Admin); the policy requires at least two.</li>',
    );
    expect(email.html).toContain('Parks &amp; Recreation');
  });

  it('tells of a return with what was missing before', () => {
    const email = composeAccountComplianceEmail('account.compliant', { ...payload, compliant: true, url: undefined });
    expect(email.subject).toBe('Compliant again: @westportparks on Facebook (Parks & Recreation)');
    expect(email.text).toContain('Nothing more to do. What was missing before:');
    expect(email.text).not.toContain('Compliance page');
  });

  it('goes to IT by default, and a delivery with a malformed payload is refused', async () => {
    expect(
      resolveRecipients([], 'account.noncompliant', {
        attorneyEmails: ['attorney@town.example'],
        itEmails: ['it@town.example'],
        webhookConfigured: false,
      }),
    ).toEqual({ emails: ['it@town.example'], webhook: false });
    // Checked before any sender is looked for: a malformed payload is refused for good, whatever is configured.
    await expect(
      deliverNotification(
        {
          id: 'dlv_0123456789abcdef0123',
          channel: 'email',
          event: 'account.compliant',
          payload: { accountId: 'x' },
          recipients: ['it@town.example'],
        },
        {},
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining('invalid notification delivery') as string });
  });
});
