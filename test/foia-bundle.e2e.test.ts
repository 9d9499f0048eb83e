import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { popplerPageCount, popplerPageTexts, qpdfCheck, uncompressed, zipEntries } from '@verbatim/bundles/testing';
import { decodeQuotedPrintable, startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { createToken, eventually, notifyEnv } from './support/foia-fixtures';
import {
  registerMockAccount,
  startInstance,
  syncOnce,
  tamperArchivedObject,
  type TestInstance,
} from './support/start-instance';

const CONNECTOR = { type: 'mock', seed: 5, posts: 12, maxCommentsPerPost: 5, imageRate: 0.3 };
const REQUEST = {
  requester: { name: 'Morgan Lee', email: 'morgan@example.org' },
  receivedAt: '2025-10-06T11:00:00-04:00',
  description: 'Posts and comments about road closures and water main repairs',
};

const squash = (text: string) => text.replace(/\s+/g, ' ');

/**
 * Runs `verbatim verify-bundle` (the installed command, without npx) against the instance's data directory. Asynchronously: the
 * instance serves from this process, and a run of several seconds that blocked the event loop outlasted the
 * server's keep-alive timeout, so the next request went out on a pooled connection the server had just closed.
 */
function verifyFromCli(
  instance: TestInstance,
  bundleId: string,
): Promise<{ status: number | null; report: { ok: boolean } }> {
  const cli = path.join(__dirname, '..', 'services', 'cli', 'bin', 'verbatim.cjs');
  const env = { ...process.env, ...instance.env, LOG_LEVEL: 'silent' };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'verify-bundle', bundleId], { env, encoding: 'utf8' }, (error, stdout) => {
      // A numeric code is the CLI's own exit status (1: verification failed); anything else means it did not run.
      if (error && typeof error.code !== 'number')
        reject(new Error(`verify-bundle did not run: ${error.message}`, { cause: error }));
      else resolve({ status: error ? (error.code as number) : 0, report: JSON.parse(stdout || '{}') });
    });
  });
}

/** A piece of `text` found in no other text of the bundle, so its absence from the PDF proves the redaction. */
function uniquePiece(text: string, others: string[], length = 14): { start: number; end: number; piece: string } {
  for (let start = 0; start + length <= text.length; start += 1) {
    const piece = text.slice(start, start + length);
    if (/^\S.*\S$/.test(piece) && !/[\uD800-\uDFFF]/.test(piece) && others.every((other) => !other.includes(piece)))
      return { start, end: start + length, piece };
  }
  throw new Error('no unique piece of text to redact');
}

/**
 * The ZIP carries the manifest, its signature and the town's public key; `openssl` alone checks the signature, the
 * key is the one the instance publishes at /signing-key.pem (without signing in), and every file matches the manifest.
 */
async function expectSignedWithTownKey(baseUrl: string, zip: Buffer, scratch: string): Promise<void> {
  const folder = path.join(scratch, 'unzipped');
  mkdirSync(folder, { recursive: true });
  for (const [name, bytes] of zipEntries(zip)) writeFileSync(path.join(folder, path.basename(name)), bytes);
  const published = await fetch(`${baseUrl}/signing-key.pem`);
  expect(published.status).toBe(200);
  expect(readFileSync(path.join(folder, 'town-signing-key.pem'), 'utf8')).toBe(await published.text());
  const checks = spawnSync(
    'sh',
    [
      '-c',
      'openssl pkeyutl -verify -pubin -inkey town-signing-key.pem -rawin -in MANIFEST.sha256 -sigfile MANIFEST.sha256.sig && sha256sum -c MANIFEST.sha256',
    ],
    { cwd: folder, encoding: 'utf8' },
  );
  expect(checks.stdout).toContain('Signature Verified Successfully');
  expect(checks.stdout).not.toContain('FAILED');
  expect(checks.status).toBe(0);
}

describe('FOIA response bundle, end to end', () => {
  let smtp: TestSmtpServer;
  let instance: TestInstance;
  let officer: string;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bundle-e2e-'));

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    instance = await startInstance(notifyEnv(smtp.url));
    officer = await createToken(instance, 'officer', ['foia-officer']);
    await syncOnce(instance, await registerMockAccount(instance, CONNECTOR));
  });
  afterAll(async () => {
    await instance.stop();
    await smtp.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function buildAndWait(requestId: string) {
    const started = await instance.request('POST', `/api/v1/foia-requests/${requestId}/bundles`, undefined, officer);
    expect(started.status).toBe(202);
    const phases = new Set<string>();
    return eventually(
      async () => {
        const { body } = await instance.request('GET', `/api/v1/bundles/${started.body.id}`, undefined, officer);
        if (body.progress) phases.add(body.progress.phase);
        if (body.status === 'failed') throw new Error(`bundle failed: ${body.error}`);
        return body.status === 'completed' ? { ...body, phases } : undefined;
      },
      'the bundle to complete',
      60_000,
    );
  }

  it('logs a request, gathers a search, redacts and withholds, and produces a verifiable PDF with Bates numbers', async () => {
    const logged = await instance.request('POST', '/api/v1/foia-requests', REQUEST, officer);
    expect(logged.status).toBe(201);
    const { id: requestId, number } = logged.body;
    await eventually(
      async () =>
        smtp.received.some((message) => decodeQuotedPrintable(message.raw).includes(number)) ? true : undefined,
      'the attorney email',
    );

    const attached = await instance.request(
      'POST',
      `/api/v1/foia-requests/${requestId}/items`,
      { query: { q: 'road OR water OR hydrant' } },
      officer,
    );
    expect(attached.status).toBe(201);
    const { items } = (await instance.request('GET', `/api/v1/foia-requests/${requestId}/items`, undefined, officer))
      .body;
    expect(items.length).toBeGreaterThan(3);

    // Redact a piece of one produced post; withhold a comment entirely.
    const texts = items.map((item: { record: { text: string } }) => item.record.text);
    const redactTarget = items.find(
      (item: { record: { kind: string; versionCount: number } }) =>
        item.record.kind === 'post' && item.record.versionCount === 1,
    );
    const withholdTarget = items.find(
      (item: { record: { kind: string }; source: string }) => item.record.kind !== 'post' && item.source === 'search',
    );
    const redactIndex = items.indexOf(redactTarget);
    const secret = uniquePiece(
      redactTarget.record.text,
      texts.filter((_: string, index: number) => index !== redactIndex),
    );
    const withheldPiece = uniquePiece(
      withholdTarget.record.text,
      texts.filter((text: string) => text !== withholdTarget.record.text),
    );
    const decide = (recordId: string, body: object) =>
      instance.request('PATCH', `/api/v1/foia-requests/${requestId}/items/${recordId}`, body, officer);
    expect(
      (
        await decide(redactTarget.recordId, {
          disposition: 'redact',
          exemptionCode: '1-217',
          justification: 'Residential address of a listed employee',
          redactions: [{ version: 1, start: secret.start, end: secret.end, code: '1-217' }],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await decide(withholdTarget.recordId, {
          disposition: 'withhold',
          exemptionCode: '1-210(b)(2)',
          justification: 'Medical information',
        })
      ).status,
    ).toBe(200);

    const bundle = await buildAndWait(requestId);
    expect(bundle.phases.size).toBeGreaterThan(0);
    expect(bundle.firstBates).toMatch(/^WESTPORT\d{6}$/);
    expect(bundle.firstBates).toBe('WESTPORT000001');

    const pdf = await fetch(`${instance.baseUrl}/api/v1/bundles/${bundle.id}/pdf`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(bundle.sha256);
    const file = path.join(scratch, 'bundle.pdf');
    writeFileSync(file, bytes);

    expect(await popplerPageCount(file)).toBe(bundle.pages);
    const pages = await popplerPageTexts(file);
    expect(pages).toHaveLength(bundle.pages);
    pages.forEach((page, index) => expect(page).toContain(`WESTPORT${String(index + 1).padStart(6, '0')}`));
    const all = squash(pages.join(' '));
    expect(all).toContain(number);
    const plainWords = /[A-Za-z][A-Za-z ,.]{18}[A-Za-z]/;
    const produced = items.find(
      (item: { recordId: string; record: { text: string } }) =>
        item.recordId !== redactTarget.recordId &&
        item.recordId !== withholdTarget.recordId &&
        plainWords.test(item.record.text),
    );
    expect(all).toContain(squash(plainWords.exec(produced.record.text)![0]));
    expect(all).toContain('REDACTED § 1-217');
    expect(all).not.toContain(squash(secret.piece));
    expect(all).not.toContain(squash(withheldPiece.piece));
    const raw = await uncompressed(file, scratch);
    expect(raw.includes(Buffer.from(secret.piece))).toBe(false);
    expect((await qpdfCheck(file)).ok).toBe(true);

    const zip = Buffer.from(
      await (
        await fetch(`${instance.baseUrl}/api/v1/bundles/${bundle.id}/zip`, {
          headers: { authorization: `Bearer ${officer}` },
        })
      ).arrayBuffer(),
    );
    expect(createHash('sha256').update(zip).digest('hex')).toBe(bundle.zipSha256);
    for (const name of ['.pdf', '_records.json', '_index.csv', 'MANIFEST.sha256'])
      expect(zip.includes(Buffer.from(name))).toBe(true);
    await expectSignedWithTownKey(instance.baseUrl, zip, scratch);

    const verified = await instance.request(
      'POST',
      `/api/v1/bundles/${bundle.id}/verify?rebuild=true`,
      undefined,
      officer,
    );
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      ok: true,
      pdf: { ok: true },
      zip: { ok: true },
      signature: { ok: true, signatureValid: true, signedByTownKey: true, alteredFiles: [] },
      rebuild: { ok: true, actual: bundle.sha256 },
    });
    expect(verified.body.originals.checked).toBeGreaterThan(0);

    // A second bundle continues the numbering: Bates numbers are never reused.
    const second = await buildAndWait(requestId);
    expect(second.firstBates).toBe(`WESTPORT${String(bundle.pages + 1).padStart(6, '0')}`);
    expect(second.pages).toBe(bundle.pages);

    const fromCli = await verifyFromCli(instance, bundle.id);
    expect(fromCli).toMatchObject({ status: 0, report: { ok: true } });

    // Damage one archived original in storage: verify names it.
    const { body: detail } = await instance.request('GET', `/api/v1/records/${produced.recordId}`, undefined, officer);
    tamperArchivedObject(instance, detail.captures[0].key, 'tampered');
    const damaged = await instance.request('POST', `/api/v1/bundles/${bundle.id}/verify`, undefined, officer);
    expect(damaged.body.ok).toBe(false);
    expect(damaged.body.originals.mismatches).toEqual(
      expect.arrayContaining([expect.objectContaining({ sha256: detail.captures[0].sha256 })]),
    );
    expect(await verifyFromCli(instance, bundle.id)).toMatchObject({ status: 1, report: { ok: false } });
    // Two bundle builds, a verify that rebuilds one, and two CLI runs, each a fresh Node process: 55 s alone on a
    // busy two-core machine, more beside the other suites, so the default 60 s is not enough.
  }, 180_000);

  it('refuses a bundle for a request with nothing gathered, and downloads before completion', async () => {
    const { body: request } = await instance.request('POST', '/api/v1/foia-requests', REQUEST, officer);
    const refused = await instance.request('POST', `/api/v1/foia-requests/${request.id}/bundles`, undefined, officer);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('nothing_gathered');
    expect((await instance.request('GET', '/api/v1/bundles/bdl_nope', undefined, officer)).status).toBe(404);
  });
});
