import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { rawCaptureKey, ObjectIntegrityError, ObjectNotFoundError, type ObjectStore } from '@verbatim/core';
import type { BundleStore } from '@verbatim/foia';
import type { BundleInputDraft } from '../bundle-input';
import type { RenderPdfToFile } from './build-bundle';
import { sha256OfFile, sha256OfStream } from './file-hash';
import { archivedImageLoader } from './load-archived-image';
import { checkBundleSignature, signatureNotChecked, type SignatureCheck } from './check-bundle-signature';

export interface HashCheck {
  expected: string;
  actual: string | null;
  ok: boolean;
}

export interface VerifyReport {
  bundleId: string;
  ok: boolean;
  pdf: HashCheck;
  zip: HashCheck;
  /** The manifest's signature, the key that made it, and the ZIP's files against the manifest. */
  signature: SignatureCheck;
  originals: { checked: number; mismatches: Array<{ recordId: string; sha256: string; actual: string | null }> };
  /** Present when asked: the PDF rendered again from the bundle's frozen input, byte for byte. */
  rebuild?: HashCheck;
}

export interface VerifyDependencies {
  objectStore: ObjectStore;
  bundles: BundleStore;
  renderPdf: RenderPdfToFile;
  /** The town's current public signing key (PEM): a bundle signed by another key fails. */
  townPublicKeyPem: string;
}

/**
 * Recomputes everything a completed bundle vouches for: the SHA-256 of its stored PDF and ZIP against the
 * hashes recorded when it was released, the SHA-256 of every archived original its records came from, and,
 * the manifest's signature inside the ZIP, and, with `rebuild`, the PDF rendered again from its frozen input. Any difference is listed; nothing is changed.
 */
export async function verifyBundle(
  deps: VerifyDependencies,
  bundleId: string,
  options: { rebuild?: boolean } = {},
): Promise<VerifyReport> {
  const bundle = await deps.bundles.getBundle(bundleId);
  if (!bundle || bundle.status !== 'completed') throw new Error(`bundle ${bundleId} is not a completed bundle`);
  const pdf = await checkObject(deps.objectStore, bundle.pdfKey!, bundle.sha256!);
  const zip = await checkObject(deps.objectStore, bundle.zipKey!, bundle.zipSha256!);
  const signature = zip.ok
    ? await checkBundleSignature(await deps.objectStore.getStream(bundle.zipKey!), deps.townPublicKeyPem)
    : signatureNotChecked('the ZIP is missing or altered in storage');
  const mismatches: VerifyReport['originals']['mismatches'] = [];
  let checked = 0;
  for (const item of await deps.bundles.listBundleItems(bundleId)) {
    for (const sha256 of item.originalSha256s) {
      checked += 1;
      const check = await checkObject(deps.objectStore, rawCaptureKey(sha256), sha256);
      if (!check.ok) mismatches.push({ recordId: item.recordId, sha256, actual: check.actual });
    }
  }
  const report: VerifyReport = { bundleId, ok: false, pdf, zip, signature, originals: { checked, mismatches } };
  if (options.rebuild) report.rebuild = await rebuildAndHash(deps, bundle.inputKey!, bundle.sha256!);
  report.ok = pdf.ok && zip.ok && signature.ok && mismatches.length === 0 && (report.rebuild?.ok ?? true);
  return report;
}

async function checkObject(objectStore: ObjectStore, key: string, expected: string): Promise<HashCheck> {
  try {
    const actual = await sha256OfStream(await objectStore.getStream(key));
    return { expected, actual, ok: actual === expected };
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return { expected, actual: null, ok: false };
    // A store that checks reads (S3) refuses corrupt bytes itself: that is a mismatch to report, not a failure.
    if (error instanceof ObjectIntegrityError) return { expected, actual: error.actualSha256, ok: false };
    throw error;
  }
}

async function rebuildAndHash(deps: VerifyDependencies, inputKey: string, expected: string): Promise<HashCheck> {
  const input = JSON.parse(Buffer.from(await deps.objectStore.get(inputKey)).toString('utf8')) as BundleInputDraft;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'verbatim-verify-'));
  try {
    const file = path.join(directory, 'rebuilt.pdf');
    await deps.renderPdf(input, file, {
      loadImage: archivedImageLoader(deps.objectStore),
      onProgress: () => undefined,
    });
    const actual = await sha256OfFile(file);
    return { expected, actual, ok: actual === expected };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
