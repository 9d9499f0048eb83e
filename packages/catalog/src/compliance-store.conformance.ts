import type { AnnouncedCompliance, NewDelivery } from '@verbatim/foia';
import { createAccount } from './conformance/fixtures';
import type { StoresHarness, StoresHarnessFactory } from './conformance/store-harnesses';

const AT = ['2026-04-01T09:00:00.000Z', '2026-04-01T10:00:00.000Z', '2026-04-01T11:00:00.000Z'] as const;
const pat = { name: 'Pat Quinn', email: 'pat@town.example', phone: '203 555 0101', startedOn: '2026-01-05' };

/** What the compliance watch writes: an email per change, keyed by the change it follows. */
const notices = (compliant: boolean) => (previous: AnnouncedCompliance | null) => {
  if (compliant && previous === null) return [];
  const event = compliant ? 'account.compliant' : 'account.noncompliant';
  const dedupeKey = `${event}:after:${previous?.changedAt ?? 'first'}`;
  return [
    { event, channel: 'email', recipients: ['it@town.example'], payload: { compliant }, dedupeKey },
  ] satisfies NewDelivery[];
};

const record = (harness: StoresHarness, accountId: string, compliant: boolean, at: string) =>
  harness.compliance.recordAccountCompliance(
    accountId,
    { compliant, reasons: compliant ? [] : ['No moderator is registered; the policy requires at least one.'], at },
    notices(compliant),
  );

/**
 * The ComplianceStore contract: policy documents keep every version, receipts are one per person and version,
 * the people history and approvals are kept, and a compliance change is recorded with its notices once. The
 * SQLite and PostgreSQL adapters run this same suite inside a `describe.each` over harness factories.
 */
export function describeComplianceStoreConformance(createHarness: StoresHarnessFactory): void {
  let harness: StoresHarness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(() => harness.close());

  it('keeps every version of a policy document, numbered, and lists documents in the order created', async () => {
    const westport = await harness.compliance.createPolicyDocument(
      { title: 'Westport Social Media Policy', requiresReceipt: true, text: 'v1 text', effectiveOn: '2019-03-01' },
      'usr_it',
      AT[0],
    );
    expect(westport).toMatchObject({
      title: 'Westport Social Media Policy',
      requiresReceipt: true,
      createdBy: 'usr_it',
    });
    expect(westport.versions).toEqual([
      expect.objectContaining({ version: 1, text: 'v1 text', effectiveOn: '2019-03-01', documentId: westport.id }),
    ]);
    await harness.compliance.createPolicyDocument(
      { title: 'Norwalk (example)', requiresReceipt: false, text: 'n' },
      'usr_it',
      AT[0],
    );
    const next = await harness.compliance.addPolicyVersion(westport.id, { text: 'v2 text' }, 'usr_it2', AT[1]);
    expect(next?.versions.map((version) => [version.version, version.text, version.effectiveOn])).toEqual([
      [1, 'v1 text', '2019-03-01'],
      [2, 'v2 text', null],
    ]);
    expect(await harness.compliance.addPolicyVersion('pol_missing', { text: 'x' }, 'usr_it', AT[1])).toBeNull();
    const listed = await harness.compliance.listPolicyDocuments();
    expect(listed.map((document) => [document.title, document.requiresReceipt, document.versions.length])).toEqual([
      ['Westport Social Media Policy', true, 2],
      ['Norwalk (example)', false, 1],
    ]);
    expect(await harness.compliance.getPolicyDocument(westport.id)).toEqual(next);
    expect(await harness.compliance.getPolicyDocument('pol_missing')).toBeNull();
  });

  it('keeps the file a version was uploaded as (SHA-256, type, name, size) beside versions typed in', async () => {
    const file = {
      sha256: 'a'.repeat(64),
      contentType: 'application/pdf',
      fileName: 'policy 2026.pdf',
      byteLength: 3_400_000,
    };
    const typed = await harness.compliance.createPolicyDocument(
      { title: 'Norwalk Social Media Use Policy', requiresReceipt: true, text: 'typed in' },
      'usr_it',
      AT[0],
    );
    expect(typed.versions[0].file).toBeNull();
    const uploaded = await harness.compliance.addPolicyVersion(
      typed.id,
      { text: 'extracted text', effectiveOn: '2026-12-01', file },
      'usr_it2',
      AT[1],
    );
    expect(uploaded?.versions.map((version) => [version.version, version.file, version.createdBy])).toEqual([
      [1, null, 'usr_it'],
      [2, file, 'usr_it2'],
    ]);
    const fromFile = await harness.compliance.createPolicyDocument(
      {
        title: 'Markdown policy',
        requiresReceipt: false,
        text: '# Policy',
        file: { ...file, contentType: 'text/markdown', fileName: 'p.md', byteLength: 8 },
      },
      'usr_it',
      AT[2],
    );
    expect(fromFile.versions[0].file).toEqual({
      ...file,
      contentType: 'text/markdown',
      fileName: 'p.md',
      byteLength: 8,
    });
    expect(
      (await harness.compliance.listPolicyDocuments()).map(
        (document) => document.versions.at(-1)?.file?.fileName ?? null,
      ),
    ).toEqual(['policy 2026.pdf', 'p.md']);
  });

  it('records one receipt per person and version, matched by email in any case, never replaced', async () => {
    const document = await harness.compliance.createPolicyDocument(
      { title: 'Policy', requiresReceipt: true, text: 't' },
      'usr_it',
      AT[0],
    );
    const versionId = document.versions[0].id;
    const first = await harness.compliance.recordReceipt({
      versionId,
      personName: 'Pat Quinn',
      personEmail: 'Pat@Town.example',
      method: 'paper',
      signedOn: '2026-03-30',
      recordedBy: 'usr_it',
      recordedAt: AT[0],
    });
    expect(first).toEqual({
      created: true,
      receipt: expect.objectContaining({
        versionId,
        documentId: document.id,
        version: 1,
        personEmail: 'pat@town.example',
        method: 'paper',
        signedOn: '2026-03-30',
        recordedBy: 'usr_it',
      }) as object,
    });
    const again = await harness.compliance.recordReceipt({
      versionId,
      personName: 'Pat Quinn',
      personEmail: 'pat@town.example',
      method: 'web',
      signedOn: '2026-04-01',
      recordedBy: 'usr_pat',
      recordedAt: AT[1],
    });
    expect(again).toEqual({ created: false, receipt: first.receipt });
    expect(await harness.compliance.listReceipts({ email: 'PAT@town.example' })).toEqual([first.receipt]);
    expect(await harness.compliance.listReceipts({ email: 'lee@town.example' })).toEqual([]);
    expect(await harness.compliance.listReceipts()).toHaveLength(1);
  });

  it('keeps the people history in order, and the storage refuses to change it', async () => {
    const account = await createAccount(harness.accounts);
    await harness.compliance.appendPeopleChanges([
      {
        accountId: account.id,
        role: 'administrator',
        change: 'added',
        person: pat,
        previous: null,
        changedBy: 'usr_it',
        changedAt: AT[0],
      },
      {
        accountId: account.id,
        role: 'administrator',
        change: 'changed',
        person: { ...pat, phone: '203 555 0199' },
        previous: pat,
        changedBy: 'usr_it',
        changedAt: AT[1],
      },
      {
        accountId: account.id,
        role: 'moderator',
        change: 'removed',
        person: { name: 'Sam' },
        previous: null,
        changedBy: 'usr_it',
        changedAt: AT[2],
      },
    ]);
    const history = await harness.compliance.listPeopleChanges(account.id);
    expect(history.map((change) => [change.role, change.change, change.person.name, change.changedAt])).toEqual([
      ['administrator', 'added', 'Pat Quinn', AT[0]],
      ['administrator', 'changed', 'Pat Quinn', AT[1]],
      ['moderator', 'removed', 'Sam', AT[2]],
    ]);
    expect(history[1]).toMatchObject({ previous: pat, person: { phone: '203 555 0199' }, accountId: account.id });
    await expect(harness.execute('DELETE FROM account_people_changes')).rejects.toMatchObject({
      message: expect.stringMatching(/append-only/) as string,
    });
  });

  it('records an approval once, with who and when', async () => {
    const account = await createAccount(harness.accounts);
    expect(await harness.compliance.getApproval(account.id)).toBeNull();
    expect(
      await harness.compliance.recordApproval({ accountId: account.id, approvedBy: 'usr_cm', approvedAt: AT[0] }),
    ).toBe(true);
    expect(
      await harness.compliance.recordApproval({ accountId: account.id, approvedBy: 'usr_x', approvedAt: AT[1] }),
    ).toBe(false);
    expect(await harness.compliance.getApproval(account.id)).toEqual({
      accountId: account.id,
      approvedBy: 'usr_cm',
      approvedAt: AT[0],
    });
  });

  it("announces falling out of compliance once, then returning once, as the account's deliveries", async () => {
    const account = await createAccount(harness.accounts);
    expect(await record(harness, account.id, true, AT[0])).toMatchObject({ previous: null, deliveries: [] });
    const fell = await record(harness, account.id, false, AT[1]);
    expect(fell?.current).toEqual({
      accountId: account.id,
      compliant: false,
      reasons: ['No moderator is registered; the policy requires at least one.'],
      changedAt: AT[1],
    });
    expect(fell?.deliveries).toEqual([
      expect.objectContaining({ event: 'account.noncompliant', accountId: account.id }),
    ]);
    expect(await record(harness, account.id, false, AT[2])).toBeNull();
    const back = await record(harness, account.id, true, AT[2]);
    expect(back?.previous).toMatchObject({ compliant: false, changedAt: AT[1] });
    expect((await harness.foiaStore.listAccountDeliveries(account.id)).map((delivery) => delivery.event)).toEqual([
      'account.noncompliant',
      'account.compliant',
    ]);
    expect(await harness.compliance.getAnnouncedCompliance(account.id)).toEqual({
      accountId: account.id,
      compliant: true,
      reasons: [],
      changedAt: AT[2],
    });
  });

  it('writes a change once when two checks report it at the same time', async () => {
    const account = await createAccount(harness.accounts);
    const changes = await Promise.all([
      record(harness, account.id, false, AT[0]),
      record(harness, account.id, false, AT[0]),
    ]);
    expect(changes.filter((change) => change !== null)).toHaveLength(1);
    expect(await harness.foiaStore.listAccountDeliveries(account.id)).toHaveLength(1);
  });
}
