import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256Hex, type AccountRegistry, type ObjectStore, type RecordReader } from '@verbatim/core';
import {
  CONNECTICUT_EXEMPTIONS,
  type BundleProgress,
  type BundleStore,
  type FoiaService,
  type FoiaStore,
} from '@verbatim/foia';
import type { RenderBundleResult, RenderProgress } from '../render-bundle-pdf';
import { assembleBundleInput } from './assemble-bundle-input';
import { indexCsv, recordsJson, scanCompanionFiles, sha256Manifest } from './companion-files';
import { sectionNames } from '../leak-check/scan-layout';
import {
  leakGuardOf,
  mergeOccurrences,
  UnredactedTextError,
  UnredactedTextFinder,
  type UnredactedOccurrence,
} from '../leak-check/unredacted-text';
import { itemIdOf, type BundleInputDraft, type BundleItem } from '../bundle-input';
import { sha256OfFile } from './file-hash';
import { archivedImageLoader } from './load-archived-image';
import { writeZip } from './zip-files';
import type { TownSigningKey } from '../signing/town-signing-key';

/** The names, inside a bundle's folder in the ZIP, of the manifest, its detached signature and the public key. */
export const BUNDLE_MANIFEST = 'MANIFEST.sha256';
export const BUNDLE_MANIFEST_SIGNATURE = 'MANIFEST.sha256.sig';
export const BUNDLE_PUBLIC_KEY = 'town-signing-key.pem';

/** Renders a bundle's PDF into a file; production passes the worker-thread renderer, keeping the event loop free. */
export type RenderPdfToFile = (
  input: BundleInputDraft,
  file: string,
  options: {
    loadImage: (sha256: string) => Promise<Buffer>;
    onProgress: (progress: RenderProgress) => void;
  },
) => Promise<RenderBundleResult>;

export interface BundleBuildDependencies {
  /** Read only for the records and the names of their agencies and accounts. */
  catalog: RecordReader & AccountRegistry;
  objectStore: ObjectStore;
  foiaStore: FoiaStore;
  bundles: BundleStore;
  foia: FoiaService;
  town: { name: string; timeZone: string };
  renderPdf: RenderPdfToFile;
  /** Signs each bundle's manifest; the ZIP carries the signature and the public key. */
  signingKey: TownSigningKey;
  now?: () => Date;
}

/** How often a bundle may lose its Bates numbers to a concurrent one and be rendered again. */
const MAX_RENUMBERINGS = 5;

/**
 * Builds a bundle: gathers the request's records as they are archived now, renders the PDF, writes the
 * companion files (records JSON, CSV index, SHA-256 manifest) and one ZIP of everything, stores them, then
 * takes its Bates range and completes in one transaction. If another bundle took numbers meanwhile the PDF is
 * rendered again from the new start, so numbers are contiguous within a bundle and never reused.
 */
export async function buildBundle(
  deps: BundleBuildDependencies,
  bundleId: string,
  onProgress: (progress: BundleProgress) => Promise<void>,
): Promise<void> {
  const bundle = await deps.bundles.getBundle(bundleId);
  if (!bundle) throw new Error(`bundle ${bundleId} does not exist`);
  if (bundle.status === 'completed') return;
  const request = (await deps.foiaStore.getRequest(bundle.requestId))!;
  const items = await deps.foiaStore.listItems(request.id);
  if (items.length === 0)
    throw new Error(`request ${request.number} has no records gathered: attach records before building a bundle`);
  const exemptions = (await deps.foiaStore.getSettings()).exemptions ?? [...CONNECTICUT_EXEMPTIONS];
  const { responseDueAt } = (await deps.foia.getRequest(request.id, []))!;
  const producedAt = (deps.now?.() ?? new Date()).toISOString();
  const loadImage = archivedImageLoader(deps.objectStore);
  for (let attempt = 0; attempt < MAX_RENUMBERINGS; attempt += 1) {
    await onProgress({ phase: 'gathering', itemsDone: 0, itemsTotal: items.length, pages: 0 });
    const startNumber = await deps.bundles.nextBatesNumber(bundle.batesPrefix);
    const { input, originals } = await assembleBundleInput(deps.catalog, request, items, {
      townName: deps.town.name,
      timeZone: deps.town.timeZone,
      producedAt,
      responseDueAt,
      exemptions,
      bates: { prefix: bundle.batesPrefix, startNumber },
    });
    const companionLeaks = unredactedInCompanionFiles(input, originals);
    const directory = await mkdtemp(path.join(os.tmpdir(), 'verbatim-bundle-'));
    try {
      const result = await renderCheckingLeaks(
        deps.renderPdf,
        companionLeaks,
        input,
        path.join(directory, 'bundle.pdf'),
        {
          loadImage,
          onProgress: (progress) =>
            void onProgress({
              phase: 'rendering',
              itemsDone: progress.phase === 'planning' ? progress.done : items.length,
              itemsTotal: items.length,
              pages: progress.pagesRendered,
            }).catch(() => undefined),
        },
      );
      await onProgress({ phase: 'packaging', itemsDone: items.length, itemsTotal: items.length, pages: result.pages });
      const stored = await packageAndStore(
        deps.objectStore,
        deps.signingKey,
        bundleId,
        directory,
        request.number,
        input,
        result,
        originals,
      );
      await onProgress({ phase: 'storing', itemsDone: items.length, itemsTotal: items.length, pages: result.pages });
      const completed = await deps.bundles.completeBundle(bundleId, {
        batesFirst: startNumber,
        pages: result.pages,
        ...stored,
        at: new Date().toISOString(),
        items: result.itemRanges.map((range, position) => ({
          recordId: range.itemId,
          position,
          disposition: range.disposition,
          firstBates: range.firstBates,
          lastBates: range.lastBates,
          originalSha256s: originals.get(range.itemId) ?? [],
        })),
      });
      if (completed) return;
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }
  throw new Error(`other bundles kept taking Bates numbers under ${bundle.batesPrefix}; build this one again`);
}

/**
 * Redacted words in clear in the records JSON or the CSV index. Their content does not depend on Bates numbers,
 * so they are checked before the PDF is rendered, with blank ranges.
 */
function unredactedInCompanionFiles(input: BundleInputDraft, originals: Map<string, string[]>): UnredactedOccurrence[] {
  const items = input.items.map((item, position) => ({ id: itemIdOf(item as BundleItem), number: position + 1 }));
  const finder = new UnredactedTextFinder(leakGuardOf(input), sectionNames({ items }));
  if (!finder.guarding) return [];
  const blank = input.items.map((item) => ({
    itemId: itemIdOf(item as BundleItem),
    disposition: item.disposition,
    firstBates: '',
    lastBates: '',
  }));
  scanCompanionFiles(finder, input, blank, originals);
  return finder.occurrences();
}

/** Renders the PDF; what the PDF's own check finds and what the companion files hold fail the build together. */
async function renderCheckingLeaks(
  renderPdf: RenderPdfToFile,
  companionLeaks: UnredactedOccurrence[],
  ...args: Parameters<RenderPdfToFile>
): Promise<RenderBundleResult> {
  let result: RenderBundleResult;
  try {
    result = await renderPdf(...args);
  } catch (error) {
    if (error instanceof UnredactedTextError)
      throw new UnredactedTextError(mergeOccurrences(error.occurrences, companionLeaks));
    throw error;
  }
  if (companionLeaks.length > 0) throw new UnredactedTextError(companionLeaks);
  return result;
}

async function packageAndStore(
  objectStore: ObjectStore,
  signingKey: TownSigningKey,
  bundleId: string,
  directory: string,
  requestNumber: string,
  input: BundleInputDraft,
  result: RenderBundleResult,
  originals: Map<string, string[]>,
) {
  const base = `${requestNumber}_${result.firstBates}-${result.lastBates}`;
  const files = [
    { name: `${base}.pdf`, file: path.join(directory, 'bundle.pdf') },
    {
      name: `${base}_records.json`,
      file: path.join(directory, 'records.json'),
      content: recordsJson(input, result.itemRanges, originals),
    },
    {
      name: `${base}_index.csv`,
      file: path.join(directory, 'index.csv'),
      content: indexCsv(input, result.itemRanges, originals),
    },
  ];
  for (const file of files) if (file.content !== undefined) await writeFile(file.file, file.content);
  const hashed = await Promise.all(files.map(async (file) => ({ ...file, sha256: await sha256OfFile(file.file) })));
  const signed = await writeSignedManifest(directory, signingKey, sha256Manifest(hashed));
  const zipFile = path.join(directory, `${base}.zip`);
  await writeZip(
    zipFile,
    [...hashed, ...signed].map((file) => ({ name: `${base}/${file.name}`, file: file.file })),
    new Date(input.producedAt),
  );
  const [pdfSha256, zipSha256] = [hashed[0].sha256, await sha256OfFile(zipFile)];
  const inputJson = Buffer.from(JSON.stringify(input));
  const keys = {
    pdfKey: `bundles/${bundleId}/${pdfSha256}/${base}.pdf`,
    zipKey: `bundles/${bundleId}/${zipSha256}/${base}.zip`,
    inputKey: `bundles/${bundleId}/${sha256Hex(inputJson)}/input.json`,
  };
  await objectStore.putStream(keys.pdfKey, createReadStream(hashed[0].file), { contentType: 'application/pdf' });
  await objectStore.putStream(keys.zipKey, createReadStream(zipFile), { contentType: 'application/zip' });
  await objectStore.put(keys.inputKey, inputJson, { contentType: 'application/json' });
  return { sha256: pdfSha256, zipSha256, ...keys };
}

/** The manifest, its detached Ed25519 signature and the public key to check it with, as files to zip. */
async function writeSignedManifest(directory: string, signingKey: TownSigningKey, manifest: string) {
  const files = [
    { name: BUNDLE_MANIFEST, content: Buffer.from(manifest) },
    { name: BUNDLE_MANIFEST_SIGNATURE, content: signingKey.sign(Buffer.from(manifest)) },
    { name: BUNDLE_PUBLIC_KEY, content: Buffer.from(signingKey.publicKeyPem) },
  ];
  return Promise.all(
    files.map(async ({ name, content }) => {
      const file = path.join(directory, name);
      await writeFile(file, content);
      return { name, file };
    }),
  );
}
