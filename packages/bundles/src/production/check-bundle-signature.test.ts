import { generateKeyPairSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sha256Hex } from '@verbatim/core';
import { townSigningKeyOf, type TownSigningKey } from '../signing/town-signing-key';
import { checkBundleSignature } from './check-bundle-signature';
import { sha256Manifest } from './companion-files';
import { writeZip } from './zip-files';

const newKey = () => townSigningKeyOf(generateKeyPairSync('ed25519').privateKey);

describe('checking a bundle ZIP signature', () => {
  let directory: string;
  const town = newKey();
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'verbatim-signature-test-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  /** A bundle ZIP of two files, its manifest as written (or as given), signed by `key`; `parts` leaves some out. */
  async function bundleZip(
    options: { key?: TownSigningKey; manifest?: string; pdf?: string; parts?: string[] } = {},
  ): Promise<string> {
    const files = { 'R-1.pdf': '%PDF-1.7 the bundle', 'R-1_index.csv': 'number,record\n1,rec_1\n' };
    const manifest =
      options.manifest ??
      sha256Manifest(Object.entries(files).map(([name, content]) => ({ name, sha256: sha256Hex(content) })));
    const key = options.key ?? town;
    const contents: Record<string, string | Buffer> = {
      ...files,
      ...(options.pdf ? { 'R-1.pdf': options.pdf } : {}),
      'MANIFEST.sha256': manifest,
      'MANIFEST.sha256.sig': key.sign(Buffer.from(manifest)),
      'town-signing-key.pem': key.publicKeyPem,
    };
    const entries = [];
    for (const [name, content] of Object.entries(contents)) {
      if (options.parts && !options.parts.includes(name)) continue;
      const file = path.join(directory, name);
      await writeFile(file, content);
      entries.push({ name: `R-1/${name}`, file });
    }
    const zip = path.join(directory, 'bundle.zip');
    await writeZip(zip, entries, new Date('2026-01-01T00:00:00Z'));
    return zip;
  }

  it('accepts a bundle signed by the town key whose files match the manifest', async () => {
    const check = await checkBundleSignature(createReadStream(await bundleZip()), town.publicKeyPem);
    expect(check).toEqual({
      ok: true,
      keyFingerprint: town.fingerprint,
      signedByTownKey: true,
      signatureValid: true,
      alteredFiles: [],
    });
  });

  it('names a file whose bytes differ from the signed manifest', async () => {
    const check = await checkBundleSignature(
      createReadStream(await bundleZip({ pdf: '%PDF-1.7 another bundle' })),
      town.publicKeyPem,
    );
    expect(check).toMatchObject({ ok: false, signatureValid: true, alteredFiles: ['R-1.pdf'] });
  });

  it('refuses a manifest edited after signing', async () => {
    const zip = await bundleZip();
    const genuine = sha256Manifest([{ name: 'R-1.pdf', sha256: sha256Hex('%PDF-1.7 the bundle') }]);
    // Re-zip with the signature of the genuine manifest over an edited one.
    const signature = town.sign(Buffer.from(genuine));
    await writeFile(path.join(directory, 'MANIFEST.sha256'), genuine.replace(/^./, '0'));
    await writeFile(path.join(directory, 'MANIFEST.sha256.sig'), signature);
    await writeZip(
      zip,
      ['MANIFEST.sha256', 'MANIFEST.sha256.sig', 'town-signing-key.pem'].map((name) => ({
        name: `R-1/${name}`,
        file: path.join(directory, name),
      })),
      new Date(),
    );
    const check = await checkBundleSignature(createReadStream(zip), town.publicKeyPem);
    expect(check).toMatchObject({ ok: false, signatureValid: false, signedByTownKey: true });
  });

  it('fails a bundle signed by another key, however valid its signature', async () => {
    const intruder = newKey();
    const check = await checkBundleSignature(createReadStream(await bundleZip({ key: intruder })), town.publicKeyPem);
    expect(check).toMatchObject({
      ok: false,
      signatureValid: true,
      signedByTownKey: false,
      keyFingerprint: intruder.fingerprint,
    });
  });

  it('fails an unsigned bundle, saying what is missing', async () => {
    const zip = await bundleZip({ parts: ['R-1.pdf', 'R-1_index.csv', 'MANIFEST.sha256'] });
    const check = await checkBundleSignature(createReadStream(zip), town.publicKeyPem);
    expect(check).toMatchObject({ ok: false, problem: 'the ZIP lacks MANIFEST.sha256.sig, town-signing-key.pem' });
  });
});
