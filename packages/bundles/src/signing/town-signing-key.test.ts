import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateTownSigningKey, SigningKeyError, verifyDetachedSignature } from './town-signing-key';

describe('the town signing key', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'verbatim-signing-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('is made on first start, readable by its owner only, and the same key on the next start', async () => {
    const file = path.join(directory, 'keys', 'town-signing-key.pem');
    const first = await loadOrCreateTownSigningKey(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    const second = await loadOrCreateTownSigningKey(file);
    expect(second.publicKeyPem).toBe(first.publicKeyPem);
    expect(second.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(first.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('two processes starting at once end up with one key', async () => {
    const file = path.join(directory, 'town-signing-key.pem');
    const keys = await Promise.all([1, 2, 3].map(() => loadOrCreateTownSigningKey(file)));
    expect(new Set(keys.map((key) => key.fingerprint)).size).toBe(1);
  });

  it('takes a key made by openssl, and its fingerprint is what openssl prints', async () => {
    const file = path.join(directory, 'openssl.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', file]);
    const key = await loadOrCreateTownSigningKey(file);
    await writeFile(path.join(directory, 'public.pem'), key.publicKeyPem);
    const der = execFileSync('openssl', [
      'pkey',
      '-pubin',
      '-in',
      path.join(directory, 'public.pem'),
      '-outform',
      'DER',
    ]);
    const digest = execFileSync('openssl', ['dgst', '-sha256'], { input: der }).toString();
    expect(digest).toContain(key.fingerprint);
  });

  it('refuses a key that is not Ed25519, saying how to make one', async () => {
    const file = path.join(directory, 'rsa.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'rsa', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', file]);
    await expect(loadOrCreateTownSigningKey(file)).rejects.toThrow(SigningKeyError);
    await writeFile(file, 'not a key');
    await expect(loadOrCreateTownSigningKey(file)).rejects.toThrow(/openssl genpkey -algorithm ed25519/);
  });

  it('signs a manifest that `openssl pkeyutl -verify -rawin` accepts, and openssl refuses it altered', async () => {
    const key = await loadOrCreateTownSigningKey(path.join(directory, 'town-signing-key.pem'));
    const manifest = Buffer.from(`${'a'.repeat(64)}  R-1_VB000001-VB000002.pdf\n`);
    await writeFile(path.join(directory, 'MANIFEST.sha256'), manifest);
    await writeFile(path.join(directory, 'MANIFEST.sha256.sig'), key.sign(manifest));
    await writeFile(path.join(directory, 'town-signing-key.pem'), key.publicKeyPem);
    const command =
      'openssl pkeyutl -verify -pubin -inkey town-signing-key.pem -rawin -in MANIFEST.sha256 -sigfile MANIFEST.sha256.sig';
    const verified = spawnSync('sh', ['-c', command], { cwd: directory, encoding: 'utf8' });
    expect(verified.stdout).toContain('Signature Verified Successfully');
    expect(verified.status).toBe(0);
    expect(verifyDetachedSignature(key.publicKeyPem, manifest, key.sign(manifest))).toBe(true);

    await writeFile(path.join(directory, 'MANIFEST.sha256'), manifest.toString().replace('aaaa', 'aaab'));
    const refused = spawnSync('sh', ['-c', command], { cwd: directory, encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toContain('Signature Verification Failure');
  });
});
