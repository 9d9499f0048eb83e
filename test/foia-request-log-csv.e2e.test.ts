import { startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { createToken, eventually, notifyEnv } from './support/foia-fixtures';
import { readCsv } from './support/read-csv';
import { startInstance, type TestInstance } from './support/start-instance';

const HEADER = [
  'Number',
  'Received',
  'Response due',
  'Production target',
  'Status',
  'Requester',
  'Organization',
  'Email',
  'Description',
  'Attorney notification',
];

/** Requesters type anything: a formula, commas, quotes, line breaks. */
const TRICKY = {
  requester: { name: '=HYPERLINK("http://evil.example","Dana")', email: 'dana@example.org', organization: '@Westport' },
  receivedAt: '2025-12-23T10:15:00-05:00',
  description: 'Comments "removed", from the Parks page\nand the Library page',
};
const PLAIN = {
  requester: { name: 'Sam Ortiz', organization: 'Westport News' },
  receivedAt: '2025-12-22T09:00:00-05:00',
  description: '-1 budget line items, +2 attachments',
};

/** The file's rows; it must start with the UTF-8 byte order mark (fetch's text() would silently drop it). */
async function rowsOf(response: Response): Promise<string[][]> {
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return readCsv(bytes.subarray(3).toString('utf8'));
}

const OFFICER = {
  name: 'Pat Quinn',
  email: 'pat.quinn@town.example',
  roles: ['foia-officer'],
  password: 'correct horse battery staple',
};

describe('the FOIA request log as CSV, over the API and from the request log page', () => {
  let smtp: TestSmtpServer;
  let instance: TestInstance;
  let officer: string;
  let attorney: string;
  let tricky: { id: string; number: string };
  let plain: { id: string; number: string };

  const download = (path: string, token: string, accept = 'text/csv') =>
    fetch(`${instance.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, accept } });

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    instance = await startInstance(notifyEnv(smtp.url));
    officer = await createToken(instance, 'officer', ['foia-officer']);
    attorney = await createToken(instance, 'attorney', ['attorney']);
    tricky = (await instance.request('POST', '/api/v1/foia-requests', TRICKY, officer)).body;
    plain = (await instance.request('POST', '/api/v1/foia-requests', PLAIN, officer)).body;
    const move = await instance.request(
      'POST',
      `/api/v1/foia-requests/${plain.id}/transitions`,
      { to: 'acknowledged' },
      officer,
    );
    expect(move.status).toBe(200);
    // The attorney's email for both has gone out before the file is read.
    await eventually(async () => {
      const { body } = await instance.request('GET', '/api/v1/foia-requests', undefined, officer);
      const logged = body.requests.flatMap((request: { notifications: { event: string; status: string }[] }) =>
        request.notifications.filter((notification) => notification.event === 'request.logged'),
      );
      return logged.length === 2 &&
        logged.every((notification: { status: string }) => notification.status === 'delivered')
        ? true
        : undefined;
    }, 'both notifications delivered');
  });
  afterAll(async () => {
    await instance.stop();
    await smtp.close();
  });

  it('answers Accept: text/csv with every request as a download, one row each, guarded and quoted', async () => {
    const response = await download('/api/v1/foia-requests', attorney);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="foia-requests-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get('vary')).toMatch(/Accept/);
    const text = await response.clone().text();
    // The formula is text, and the quoted description keeps its comma, quotes and line break.
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example"",""Dana"")"');
    const [header, ...rows] = await rowsOf(response);
    expect(header).toEqual(HEADER);
    expect(rows).toEqual([
      [
        tricky.number,
        '2025-12-23 10:15',
        '2025-12-30',
        expect.stringMatching(/^2026-01-\d{2}$/),
        'received',
        '\'=HYPERLINK("http://evil.example","Dana")',
        "'@Westport",
        'dana@example.org',
        'Comments "removed", from the Parks page\nand the Library page',
        'delivered',
      ],
      [
        plain.number,
        '2025-12-22 09:00',
        '2025-12-29',
        expect.stringMatching(/^2026-01-\d{2}$/),
        'acknowledged',
        'Sam Ortiz',
        'Westport News',
        '',
        "'-1 budget line items, +2 attachments",
        'delivered',
      ],
    ]);
  });

  it('applies the same status filter as the JSON, and refuses a bad one the same way', async () => {
    const rows = async (query: string) => (await rowsOf(await download(query, officer))).slice(1);
    expect((await rows('/api/v1/foia-requests?status=acknowledged')).map((row) => row[0])).toEqual([plain.number]);
    expect((await rows('/api/v1/foia-requests?status=received,withdrawn')).map((row) => row[0])).toEqual([
      tricky.number,
    ]);
    expect(await rows('/api/v1/foia-requests?status=closed')).toEqual([]);
    const refused = await download('/api/v1/foia-requests?status=lost', officer);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
  });

  it('still answers JSON to every other Accept', async () => {
    for (const accept of ['application/json', '*/*', 'text/html']) {
      const response = await download('/api/v1/foia-requests', officer, accept);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await response.json()) as { requests: unknown[] }).requests).toHaveLength(2);
    }
  });

  it('lets the same roles as the JSON list download it; others get 403 and no file', async () => {
    const auditor = await createToken(instance, 'auditor', ['auditor']);
    const moderator = await createToken(instance, 'moderator', ['moderator']);
    for (const token of [auditor, moderator]) {
      const refused = await download('/api/v1/foia-requests', token);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    }
    expect((await fetch(`${instance.baseUrl}/api/v1/foia-requests`, { headers: { accept: 'text/csv' } })).status).toBe(
      401,
    );
  });

  it('is in the OpenAPI document as a second representation of the list', async () => {
    const { body } = await instance.request('GET', '/api/v1/openapi.json');
    const content = body.paths['/api/v1/foia-requests'].get.responses['200'].content;
    expect(Object.keys(content)).toEqual(['application/json', 'text/csv']);
    expect(content['text/csv'].schema.description).toMatch(/attorney notification/);
  });

  it("offers the download on the request log page, carrying the page's filters", async () => {
    expect((await instance.request('POST', '/api/v1/users', OFFICER)).status).toBe(201);
    const signedIn = await fetch(`${instance.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: OFFICER.email, password: OFFICER.password }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
    const page = await fetch(`${instance.baseUrl}/requests?show=all&deadline=late&text=westport+news`, {
      headers: { cookie },
    });
    const html = await page.text();
    const link = /<a href="(\/requests\.csv[^"]*)" download>/.exec(html)?.[1].replace(/&amp;/g, '&');
    expect(link).toBe('/requests.csv?show=all&deadline=late&text=westport+news');

    const file = await fetch(`${instance.baseUrl}${link}`, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="foia-requests-[\d-]+\.csv"$/);
    const [header, ...rows] = await rowsOf(file);
    expect(header).toEqual(HEADER);
    expect(rows.map((row) => row[0])).toEqual([plain.number]);

    // The default view (open requests) links to the same default, and the file lists both open requests.
    const opened = await (await fetch(`${instance.baseUrl}/requests`, { headers: { cookie } })).text();
    expect(opened).toContain('href="/requests.csv?show=open"');
    const all = await rowsOf(await fetch(`${instance.baseUrl}/requests.csv`, { headers: { cookie } }));
    expect(all.slice(1).map((row) => row[0])).toEqual([tricky.number, plain.number]);
    // Without a session the file is not served.
    expect((await fetch(`${instance.baseUrl}/requests.csv`, { redirect: 'manual' })).status).toBe(303);
  });
});
