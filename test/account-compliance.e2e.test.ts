import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { popplerPageTexts } from '@verbatim/bundles/testing';
import { decodeQuotedPrintable, startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { eventually, notifyEnv } from './support/foia-fixtures';
import { readCsv } from './support/read-csv';
import { startInstance, type TestInstance } from './support/start-instance';

const CONNECTOR = { type: 'mock', seed: 21, posts: 3, maxCommentsPerPost: 1 };
const ADA = { name: 'Ada Admin', email: 'ada@town.example', phone: '203 555 0101', startedOn: '2026-01-05' };
const BO = { name: 'Bo Admin', email: 'bo@town.example', phone: '203 555 0102' };
const MO = { name: 'Mo Moderator', email: 'mo@town.example', phone: '203 555 0103' };
const OUT_SUBJECT = 'Subject: Out of compliance: @westportparks on Facebook (Parks & Recreation)';
const BACK_SUBJECT = 'Subject: Compliant again: @westportparks on Facebook (Parks & Recreation)';
const POLICY_TEXT = 'Every administrator and moderator receives this policy and signs the receipt at its end.';

const received = (smtp: TestSmtpServer, subject: string) =>
  smtp.received.filter((message) => message.raw.split('\r\n').includes(subject));

/** Several relay runs (every 200 ms here): long enough for a second notice to have gone out, were there one. */
const severalRelayRuns = () => new Promise((resolve) => setTimeout(resolve, 1500));

/** A download as bytes, with the admin's token. */
async function download(instance: TestInstance, urlPath: string) {
  const response = await fetch(`${instance.baseUrl}${urlPath}`, {
    headers: { authorization: `Bearer ${instance.adminToken}` },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('account registry compliance', () => {
  let smtp: TestSmtpServer;
  let instance: TestInstance;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    instance = await startInstance({
      ...notifyEnv(smtp.url),
      IT_NOTIFY_EMAILS: 'it@town.example',
      PUBLIC_URL: 'https://verbatim.town.example',
    });
  });
  afterAll(async () => {
    await instance?.stop();
    await smtp?.close();
  });

  it('ships the example policies, and refuses a bad policy or receipt with a 400 that changes nothing', async () => {
    const { body } = await instance.request('GET', '/api/v1/policies');
    expect(
      body.policies.map((policy: { title: string; requiresReceipt: boolean }) => [
        policy.title,
        policy.requiresReceipt,
      ]),
    ).toEqual([
      ['Westport Use Policy and Social Media Policy (example)', false],
      ['City of Norwalk Social Media Use Policy (example)', false],
    ]);
    expect(body.policies[1].versions[0].text).toContain('Employee Receipt');
    const bad = await instance.request('POST', '/api/v1/policies', { title: 'x', text: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['text', 'title']);
    const badReceipt = await instance.request('POST', '/api/v1/policy-receipts', {
      versionId: 'polv_none',
      personName: 'Ada Admin',
      personEmail: 'ada@town.example',
      signedOn: '2026-12-01',
    });
    expect(badReceipt.status).toBe(400);
    expect(badReceipt.body.error.details).toEqual([{ path: 'versionId', message: 'no policy version has this id' }]);
    expect((await instance.request('GET', '/api/v1/policies')).body.policies).toHaveLength(2);
    const byToken = await instance.request('POST', '/api/v1/policy-receipts/mine', {
      versionId: body.policies[0].versions[0].id,
    });
    expect(byToken.status).toBe(403);
    expect(byToken.body.error.code).toBe('person_required');
    expect((await instance.request('GET', '/api/v1/policy-receipts')).body.receipts).toEqual([]);
  });

  it('tells IT once when an account falls out of compliance and once when it returns, keeping the history', async () => {
    const policy = await instance.request('POST', '/api/v1/policies', {
      title: 'Westport Social Media Policy',
      text: POLICY_TEXT,
      effectiveOn: '2019-03-01',
    });
    expect(policy.status).toBe(201);
    const versionId = policy.body.versions[0].id as string;
    for (const person of [ADA, BO, MO]) {
      const receipt = await instance.request('POST', '/api/v1/policy-receipts', {
        versionId,
        personName: person.name,
        personEmail: person.email,
        signedOn: '2026-12-01',
      });
      expect(receipt.status).toBe(201);
      expect(receipt.body.receipt).toMatchObject({ method: 'paper', version: 1, personEmail: person.email });
    }
    const agency = await instance.request('POST', '/api/v1/agencies', {
      name: 'Parks & Recreation',
      kind: 'department',
    });
    const registered = await instance.request('POST', '/api/v1/accounts', {
      agencyId: agency.body.id,
      platform: 'facebook',
      handle: 'westportparks',
      administrators: [ADA, BO],
      moderators: [MO],
      connector: CONNECTOR,
    });
    expect(registered.status).toBe(201);
    expect(registered.body.status).toBe('active');
    const accountId = registered.body.id as string;
    const complianceOf = async () =>
      (await instance.request('GET', '/api/v1/compliance')).body.accounts.find(
        (account: { accountId: string }) => account.accountId === accountId,
      );
    expect(await complianceOf()).toMatchObject({
      accountId,
      compliant: true,
      reasons: [],
      administrators: 2,
      moderators: 1,
    });
    await severalRelayRuns();

    // An administrator leaves: the account falls out of compliance, and IT hears of it once.
    expect((await instance.request('PATCH', `/api/v1/accounts/${accountId}`, { administrators: [ADA] })).status).toBe(
      200,
    );
    expect(await complianceOf()).toMatchObject({
      compliant: false,
      reasons: ['Only one administrator is registered (Ada Admin); the policy requires at least two.'],
    });
    const [out] = await eventually(async () => {
      const messages = received(smtp, OUT_SUBJECT);
      return messages.length > 0 ? messages : undefined;
    }, 'the account.noncompliant email');
    expect(out.to).toEqual(['it@town.example']);
    const text = decodeQuotedPrintable(out.raw);
    expect(text).toContain('Only one administrator is registered (Ada Admin); the policy requires at least two.');
    expect(text).toContain(`https://verbatim.town.example/compliance/accounts/${accountId}`);
    await severalRelayRuns();
    expect(received(smtp, OUT_SUBJECT)).toHaveLength(1);

    // Another administrator is registered: compliant again, one notice.
    const back = { name: 'Cy Admin', email: 'cy@town.example', phone: '203 555 0104', startedOn: '2026-12-01' };
    await instance.request('POST', '/api/v1/policy-receipts', {
      versionId,
      personName: back.name,
      personEmail: back.email,
      signedOn: '2026-12-02',
    });
    expect(
      (await instance.request('PATCH', `/api/v1/accounts/${accountId}`, { administrators: [ADA, back] })).status,
    ).toBe(200);
    expect(await complianceOf()).toMatchObject({ compliant: true, reasons: [] });
    const [returned] = await eventually(async () => {
      const messages = received(smtp, BACK_SUBJECT);
      return messages.length > 0 ? messages : undefined;
    }, 'the account.compliant email');
    expect(decodeQuotedPrintable(returned.raw)).toContain('Only one administrator is registered (Ada Admin)');
    await severalRelayRuns();
    expect(received(smtp, BACK_SUBJECT)).toHaveLength(1);
    expect(received(smtp, OUT_SUBJECT)).toHaveLength(1);
    const { body: listed } = await instance.request('GET', '/api/v1/notifications?status=pending,failed,delivered');
    expect(
      listed.notifications
        .filter((notice: { accountId: string | null }) => notice.accountId === accountId)
        .map((notice: { event: string }) => notice.event),
    ).toEqual(['account.compliant', 'account.noncompliant']);

    const { body: history } = await instance.request('GET', `/api/v1/accounts/${accountId}/people-history`);
    expect(
      history.changes.map((change: { role: string; change: string; person: { name: string } }) => [
        change.role,
        change.change,
        change.person.name,
      ]),
    ).toEqual([
      ['administrator', 'added', 'Ada Admin'],
      ['administrator', 'added', 'Bo Admin'],
      ['moderator', 'added', 'Mo Moderator'],
      ['administrator', 'removed', 'Bo Admin'],
      ['administrator', 'added', 'Cy Admin'],
    ]);
  });

  it('reports compliance for the town and per agency, as PDF and CSV read back', async () => {
    const agency = await instance.request('POST', '/api/v1/agencies', { name: 'Board of Finance', kind: 'board' });
    const lonely = await instance.request('POST', '/api/v1/accounts', {
      agencyId: agency.body.id,
      platform: 'instagram',
      handle: 'westportfinance',
      administrators: [{ name: 'Fay Finance', email: 'fay@town.example' }],
      connector: { ...CONNECTOR, seed: 22 },
    });
    expect(lonely.status).toBe(201);

    const csv = await download(instance, `/api/v1/compliance/report?format=csv&agencyId=${agency.body.id}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const rows = readCsv(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([
      'Agency',
      'Account',
      'Platform',
      'Handle',
      'Status',
      'Compliant',
      'Administrators',
      'Moderators',
      'What is missing',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        'Board of Finance',
        'westportfinance',
        'instagram',
        'westportfinance',
        'active',
        'no',
        '1',
        '0',
        [
          'Only one administrator is registered (Fay Finance); the policy requires at least two.',
          'No moderator is registered; the policy requires at least one.',
          'Contact details missing for Fay Finance (administrator): phone number.',
          'Fay Finance (administrator) has no receipt of Westport Social Media Policy, version 1.',
        ].join(' | '),
      ],
    ]);

    const pdf = await download(instance, '/api/v1/compliance/report');
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const file = path.join(instance.dataDir, 'compliance.pdf');
    writeFileSync(file, pdf.bytes);
    const text = (await popplerPageTexts(file)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Town of Westport: account registry compliance');
    expect(text).toContain('Scope: the whole town');
    expect(text).toContain('2 accounts: 1 compliant, 1 not compliant.');
    expect(text).toContain('@westportparks on Facebook (Parks & Recreation): compliant');
    expect(text).toContain('@westportfinance on Instagram (Board of Finance): NOT compliant');
    expect(text).toContain('No moderator is registered; the policy requires at least one.');

    const unknown = await instance.request('GET', '/api/v1/compliance/report?format=xls');
    expect(unknown.status).toBe(400);
  });

  it('lists the new routes in the OpenAPI document', async () => {
    const { body } = await instance.request('GET', '/api/v1/openapi.json');
    for (const route of [
      '/api/v1/compliance',
      '/api/v1/compliance/report',
      '/api/v1/accounts/{id}/people-history',
      '/api/v1/accounts/{id}/approval',
      '/api/v1/policies',
      '/api/v1/policies/{id}/versions',
      '/api/v1/policy-receipts',
      '/api/v1/policy-receipts/mine',
    ])
      expect(Object.keys(body.paths)).toContain(route);
  });
});
