import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { publicKeyFingerprint, verifyDetachedSignature } from '../signing/town-signing-key';
import { BUNDLE_MANIFEST, BUNDLE_MANIFEST_SIGNATURE, BUNDLE_PUBLIC_KEY } from './build-bundle';
import { sha256OfStream } from './file-hash';

export interface SignatureCheck {
  ok: boolean;
  /** Fingerprint (SHA-256 of the DER) of the public key the ZIP carries; null when it carries none. */
  keyFingerprint: string | null;
  /** The ZIP's key is the town's current signing key. */
  signedByTownKey: boolean;
  /** The Ed25519 signature of MANIFEST.sha256 holds with the ZIP's key. */
  signatureValid: boolean;
  /** Files the manifest lists whose bytes in the ZIP differ (or that are missing). */
  alteredFiles: string[];
  problem?: string;
}

const SIGNED_PARTS = new Set([BUNDLE_MANIFEST, BUNDLE_MANIFEST_SIGNATURE, BUNDLE_PUBLIC_KEY]);

/**
 * Checks a bundle ZIP the way `openssl pkeyutl -verify` and `sha256sum -c` would: the manifest's signature with the
 * public key in the ZIP, that key against the town's, and every file the manifest lists against its hash.
 */
export async function checkBundleSignature(zip: Readable, townPublicKeyPem: string): Promise<SignatureCheck> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'verbatim-signature-'));
  try {
    const file = path.join(directory, 'bundle.zip');
    await pipeline(zip, createWriteStream(file));
    const { parts, hashes } = await readZip(file);
    const [manifest, signature, publicKeyPem] = [BUNDLE_MANIFEST, BUNDLE_MANIFEST_SIGNATURE, BUNDLE_PUBLIC_KEY].map(
      (name) => parts.get(name),
    );
    if (!manifest || !signature || !publicKeyPem)
      return signatureNotChecked(`the ZIP lacks ${[...SIGNED_PARTS].filter((name) => !parts.has(name)).join(', ')}`);
    const keyFingerprint = safeFingerprint(publicKeyPem.toString('utf8'));
    const signatureValid = verifyDetachedSignature(publicKeyPem.toString('utf8'), manifest, signature);
    const signedByTownKey = keyFingerprint !== null && keyFingerprint === publicKeyFingerprint(townPublicKeyPem);
    const alteredFiles = manifestLines(manifest.toString('utf8'))
      .filter((line) => hashes.get(line.name) !== line.sha256)
      .map((line) => line.name);
    return {
      ok: signatureValid && signedByTownKey && alteredFiles.length === 0,
      keyFingerprint,
      signedByTownKey,
      signatureValid,
      alteredFiles,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** A check that could not be made, saying why. */
export function signatureNotChecked(problem: string): SignatureCheck {
  return { ok: false, keyFingerprint: null, signedByTownKey: false, signatureValid: false, alteredFiles: [], problem };
}

function safeFingerprint(pem: string): string | null {
  try {
    return publicKeyFingerprint(pem);
  } catch {
    return null;
  }
}

function manifestLines(manifest: string): Array<{ sha256: string; name: string }> {
  return manifest
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ sha256: line.slice(0, 64), name: line.slice(66) }));
}

/** Every entry's SHA-256 by its name within the bundle's folder; the three signing parts also kept whole. */
async function readZip(file: string): Promise<{ parts: Map<string, Buffer>; hashes: Map<string, string> }> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const parts = new Map<string, Buffer>();
  const hashes = new Map<string, string>();
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (entry.fileName.endsWith('/')) continue;
      const name = entry.fileName.slice(entry.fileName.indexOf('/') + 1);
      if (SIGNED_PARTS.has(name)) {
        const chunks: Buffer[] = [];
        for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
        parts.set(name, Buffer.concat(chunks));
      } else {
        hashes.set(name, await sha256OfStream(await zip.openReadStreamPromise(entry)));
      }
    }
  } finally {
    zip.close();
  }
  return { parts, hashes };
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
