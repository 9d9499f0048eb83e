import { composeAccessGrantEmail } from './compose-access-email';
import { composeArchiveCorruptEmail } from './compose-archive-email';
import type { AccessGrantPayload } from './access-event';
import type { ArchiveCorruptPayload, CorruptObject } from './archive-event';
import { deliverNotification } from './deliver-notification';
import { resolveRecipients } from './notification-event';

const GRANT: AccessGrantPayload = {
  granteeKind: 'person',
  granteeId: 'user_01',
  granteeName: 'Jordan Lee',
  granteeEmail: 'jordan.lee@town.example',
  roles: ['foia-officer', 'attorney'],
  privilegedRoles: ['attorney'],
  how: 'roles-changed',
  grantedBy: 'Sam Ortiz <sam.ortiz@town.example>',
  grantedAt: '2026-03-02T14:05:00.000Z',
  url: 'https://verbatim.town.example/people',
};

const OBJECT: CorruptObject = {
  key: `media/ab/${'ab'.repeat(32)}`,
  sha256: 'ab'.repeat(32),
  kind: 'media',
  accountId: 'acc_01',
  account: '@westportparks on Facebook (Parks & Recreation)',
  problem: 'altered',
  detail: 'its bytes hash to cd…, the catalog recorded ab…',
};

const CORRUPT: ArchiveCorruptPayload = {
  foundBy: 'record-read',
  foundAt: '2026-03-02T14:05:00.000Z',
  objects: [OBJECT],
  moreObjects: 0,
  url: 'https://verbatim.town.example/records/rec_01',
};

describe('composeAccessGrantEmail', () => {
  it('says who granted what to whom and when, and what to do if nobody expected it', () => {
    const email = composeAccessGrantEmail(GRANT, { timeZone: 'America/New_York' });
    expect(email.subject).toBe('Privileged access granted: attorney to Jordan Lee');
    expect(email.text).toMatch(/^Granted to: +Jordan Lee <jordan\.lee@town\.example> \(a person who signs in\)$/m);
    expect(email.text).toMatch(/^Granted by: +Sam Ortiz <sam\.ortiz@town\.example>$/m);
    expect(email.text).toMatch(/^When: +Mon, Mar 2, 2026, 9:05 AM EST \(2026-03-02 14:05 UTC\)$/m);
    expect(email.text).toMatch(/^How: +their roles were changed$/m);
    expect(email.text).toContain('POST /api/v1/users/user_01/disable');
    expect(email.html).toContain('Jordan Lee &lt;jordan.lee@town.example&gt;');
    expect(email.html).toContain('<a href="https://verbatim.town.example/people">');
  });

  it('names a token, its expiry, and how to revoke it', () => {
    const email = composeAccessGrantEmail({
      ...GRANT,
      granteeKind: 'token',
      granteeId: 'token_01',
      granteeName: 'audit export',
      granteeEmail: undefined,
      how: 'created',
      expiresAt: null,
      url: undefined,
    });
    expect(email.subject).toBe('Privileged access granted: attorney to token audit export');
    expect(email.text).toMatch(/^Token expires: +never \(until revoked\)$/m);
    expect(email.text).toContain('npx verbatim tokens revoke token_01');
  });
});

describe('composeArchiveCorruptEmail', () => {
  it('names one object, its account, what is wrong and what to do', () => {
    const email = composeArchiveCorruptEmail(CORRUPT);
    expect(email.subject).toBe(`Archive object altered: ${OBJECT.key} (${OBJECT.account})`);
    expect(email.text).toMatch(/^Account: +@westportparks on Facebook \(Parks & Recreation\), acc_01$/m);
    expect(email.text).toContain('npx verbatim verify');
    expect(email.text).toContain('restore');
    expect(email.html).toContain('<a href="https://verbatim.town.example/records/rec_01">');
  });

  it('lists many objects found by a verification, and says how many more there are', () => {
    const missing: CorruptObject = { ...OBJECT, key: 'raw/cd/cd', problem: 'missing', account: null, accountId: null };
    const email = composeArchiveCorruptEmail({
      ...CORRUPT,
      foundBy: 'verification',
      objects: [OBJECT, missing],
      moreObjects: 3,
      url: undefined,
    });
    expect(email.subject).toBe('Archive objects altered or missing: 5 found');
    expect(email.text).toContain(`${OBJECT.key}: altered`);
    expect(email.text).toContain('raw/cd/cd: missing');
    expect(email.text).toContain('not known from a download');
    expect(email.text).toContain('and 3 more');
  });
});

describe('recipients of the new events', () => {
  const defaults = { attorneyEmails: ['counsel@town.example'], itEmails: ['it@town.example'], webhookConfigured: true };

  it("always tells the attorney's office of a privileged grant: a rule adds to it, never silences it", () => {
    const silence = [{ event: 'access.privileged-grant' as const, emails: [], webhook: false }];
    expect(resolveRecipients(silence, 'access.privileged-grant', defaults)).toEqual({
      emails: ['counsel@town.example'],
      webhook: true,
    });
  });

  it('tells IT, not the attorney, of a corrupt object unless a rule routes it elsewhere', () => {
    expect(resolveRecipients([], 'archive.corrupt', defaults)).toEqual({ emails: ['it@town.example'], webhook: true });
  });

  it('refuses to send a delivery whose payload is not what its event carries', async () => {
    const email = { send: jest.fn(), close: jest.fn() };
    await expect(
      deliverNotification(
        { id: 'dlv_01', channel: 'email', event: 'archive.corrupt', payload: GRANT, recipients: ['it@town.example'] },
        { email },
      ),
    ).rejects.toMatchObject({ kind: 'invalid' });
    expect(email.send).not.toHaveBeenCalled();
  });
});
