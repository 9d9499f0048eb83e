import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RenderProgress } from './render-bundle-pdf';
import { renderBundlePdfInWorker } from './render-bundle-pdf-in-worker';
import { MemoryWritable, renderToBuffer, sha256 } from './testing/render-to';
import { loadSampleImage, SAMPLE_IMAGE_SHA256, sampleBundle } from './testing/sample-bundle';

describe('renderBundlePdfInWorker', () => {
  let directory: string;
  let expected: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'bundle-worker-'));
    expected = sha256((await renderToBuffer(sampleBundle())).bytes);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('streams the same bytes to a Writable here, asking this thread for images and reporting pages', async () => {
    const requested: string[] = [];
    const progress: RenderProgress[] = [];
    const sink = new MemoryWritable();
    const result = await renderBundlePdfInWorker(sampleBundle(), sink, {
      loadImage: async (hash) => {
        requested.push(hash);
        return loadSampleImage(hash);
      },
      onProgress: (report) => progress.push(report),
    });
    expect(sha256(sink.bytes())).toBe(expected);
    expect(sink.writableFinished).toBe(true);
    expect(result.pages).toBe(11);
    expect(requested).toEqual([SAMPLE_IMAGE_SHA256]);
    expect(progress.map((report) => report.phase)).toEqual(['planning', 'rendering']);
    expect(progress.at(-1)?.pagesRendered).toBe(11);
  });

  test('writes a file itself when given a path, with the same bytes', async () => {
    const file = path.join(directory, 'bundle.pdf');
    const result = await renderBundlePdfInWorker(sampleBundle(), file, { loadImage: loadSampleImage });
    expect(sha256(readFileSync(file))).toBe(expected);
    expect(result.lastBates).toBe('WESTPORT000011');
  });

  test('a bad input fails the promise with the validation error and its issues; the output is destroyed', async () => {
    const input = sampleBundle();
    input.bates.prefix = 'HAS SPACE';
    const sink = new MemoryWritable();
    await expect(renderBundlePdfInWorker(input, sink, { loadImage: loadSampleImage })).rejects.toMatchObject({
      name: 'ZodError',
      issues: [expect.objectContaining({ path: ['bates', 'prefix'] })],
    });
    expect(sink.destroyed).toBe(true);
  });

  test('an aborted render rejects with the abort reason', async () => {
    const controller = new AbortController();
    const pending = renderBundlePdfInWorker(sampleBundle(), new MemoryWritable(), {
      loadImage: loadSampleImage,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('cancelled by the officer')),
    });
    await expect(pending).rejects.toThrow('cancelled by the officer');
  });
});
