/**
 * Web budget benchmark (issue 4): in Debian's chromium against the embedded instance with RECORDS records
 * (default 100,000; the corpus is built once in bench/out/web-<n> and reused):
 * - the first screen (sign-in) until interactive (navigation start → domInteractive) and loaded;
 * - search pages: how long the server took to answer (navigation start → responseStart, the API's search
 *   included) and how long the page then took to be on screen (responseStart → first contentful paint);
 * - the JavaScript sent to the browser on every screen walked, raw and gzipped.
 * Targets: interactive within 1 s, on screen within 100 ms after the answer, JavaScript under 250 KB gzipped.
 * Prints one JSON object.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { searchIndexNeedsRebuild } from '@verbatim/ingest';
import { createPerson } from '@verbatim/app';
import { ingestThroughQueue, mockConfigFor, startEmbedded } from './support';

const RECORDS = Number(process.env.RECORDS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 15);
const PERSON = {
  name: 'Bench Officer',
  email: 'bench.officer@town.example',
  roles: ['foia-officer', 'it-admin'],
  password: 'bench passphrase 0123',
};
const QUERIES = ['road', 'meeting', '"public works"', 'park*', 'water OR sewer', 'street NOT closed'];

const round = (value: number) => Math.round(value * 10) / 10;
const percentile = (values: number[], fraction: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]);
};
const summary = (values: number[]) => ({
  p50: percentile(values, 0.5),
  p95: percentile(values, 0.95),
  max: percentile(values, 1),
});

/** Navigation timings of the page just loaded, in ms from navigation start. */
async function timings(
  page: Page,
): Promise<{ responseStart: number; domInteractive: number; loadEventEnd: number; firstContentfulPaint: number }> {
  return page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return { responseStart: nav.responseStart, domInteractive: nav.domInteractive, loadEventEnd: nav.loadEventEnd, firstContentfulPaint: paint ? paint.startTime : nav.domContentLoadedEventEnd };
  })()`);
}

async function main(): Promise<void> {
  const dataDir = path.resolve(__dirname, 'out', `web-${RECORDS}`);
  const reused = existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const instance = await startEmbedded(dataDir);
  const { catalog, people } = instance.running.backends;
  if ((await catalog.countRecords()) < RECORDS * 0.95) {
    const { seconds } = await ingestThroughQueue(instance, mockConfigFor(RECORDS, 77));
    process.stderr.write(`corpus: ${RECORDS} records in ${seconds.toFixed(1)} s\n`);
  }
  while (await searchIndexNeedsRebuild(instance.running.backends))
    await new Promise((resolve) => setTimeout(resolve, 500));
  if (!(await people.findUserByEmail(PERSON.email))) await createPerson(people, catalog, PERSON, 'bench');
  const base = `http://127.0.0.1:${instance.running.port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const firstScreen = { interactive: [] as number[], loaded: [] as number[] };
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/sign-in`, { waitUntil: 'load' });
      const measured = await timings(page);
      firstScreen.interactive.push(measured.domInteractive);
      firstScreen.loaded.push(measured.loadEventEnd);
      await context.close();
    }

    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts = new Map<string, Buffer>();
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script')
        scripts.set(response.url(), await response.body().catch(() => Buffer.alloc(0)));
    });
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email').fill(PERSON.email);
    await page.getByLabel('Password').fill(PERSON.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
    const search = { answered: [] as number[], onScreenAfterAnswer: [] as number[] };
    for (let run = 0; run < RUNS * 2; run += 1) {
      await page.goto(`${base}/search?${new URLSearchParams({ q: QUERIES[run % QUERIES.length] })}`, {
        waitUntil: 'load',
      });
      const measured = await timings(page);
      search.answered.push(measured.responseStart);
      search.onScreenAfterAnswer.push(measured.firstContentfulPaint - measured.responseStart);
    }
    const account = (await catalog.listAccounts())[0];
    for (const screen of [
      '/dashboard',
      '/accounts',
      `/accounts/${account.id}`,
      '/requests',
      '/requests/new',
      '/people',
    ])
      await page.goto(`${base}${screen}`, { waitUntil: 'load' });
    // The scripts that only load while something runs (a sync, a bundle build): counted too, as the most sent.
    for (const asset of ['/assets/job-progress.js', '/assets/bundle-progress.js']) {
      const response = await page.request.get(`${base}${asset}`);
      if (!response.ok()) throw new Error(`${asset}: ${response.status()}`);
      scripts.set(`${base}${asset}`, await response.body());
    }
    const javascript = [...scripts.values()];
    console.log(
      JSON.stringify(
        {
          records: await catalog.countRecords(),
          reusedCorpus: reused,
          runs: RUNS,
          firstScreenMs: { interactive: summary(firstScreen.interactive), loaded: summary(firstScreen.loaded) },
          searchMs: {
            serverAnswered: summary(search.answered),
            onScreenAfterAnswer: summary(search.onScreenAfterAnswer),
          },
          javascript: {
            files: [...scripts.keys()].map((url) => new URL(url).pathname),
            bytes: javascript.reduce((sum, body) => sum + body.length, 0),
            gzippedBytes: javascript.reduce((sum, body) => sum + gzipSync(body).length, 0),
          },
          targets: { interactiveMs: 1000, onScreenAfterAnswerMs: 100, javascriptGzippedBytes: 250 * 1024 },
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await instance.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
