/**
 * Ingest benchmark: one mock account of about ITEMS items (default 1,000,000) through the real embedded
 * pipeline (BullMQ job → connector pages → raw pages in the object store → catalog → FTS5 index), and the
 * floor: the same rows inserted straight into a bare FTS5 table, once before the pipeline and once after. The
 * ratio is taken against the faster floor: a single floor run here swung between 87k and 152k rows/s, and a
 * slow one flattered the ratio. Prints one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockPlatform } from '@verbatim/connectors';
import {
  backendsInUse,
  fileCreationMicroseconds,
  flushFileSystems,
  ingestThroughQueue,
  mockConfigFor,
  openBareFts5,
  peakRssMegabytes,
  startEmbedded,
} from './support';

const ITEMS = Number(process.env.ITEMS ?? 1_000_000);

interface FloorRun {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

function bareFts5Rate(connector: ReturnType<typeof mockConfigFor>, file: string): FloorRun {
  flushFileSystems();
  const bare = openBareFts5(file);
  let batch: Array<[string, string]> = [];
  let rows = 0;
  let nanoseconds = 0n;
  const flush = () => {
    const started = process.hrtime.bigint();
    bare.insertRows(batch);
    nanoseconds += process.hrtime.bigint() - started;
    rows += batch.length;
    batch = [];
  };
  for (const item of new MockPlatform(connector).listItems(1)) {
    batch.push([item.text, item.author.name]);
    if (batch.length === 1000) flush();
  }
  if (batch.length > 0) flush();
  bare.close();
  const seconds = Number(nanoseconds) / 1e9;
  return { rows, seconds: round(seconds), rowsPerSecond: Math.round(rows / seconds) };
}

const round = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const connector = mockConfigFor(ITEMS);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-ingest-'));
  process.stderr.write('floor: inserting the rows into a bare FTS5 table, before the pipeline\n');
  const floorBefore = bareFts5Rate(connector, path.join(dir, 'bare-before.sqlite'));
  flushFileSystems();
  const fileCreation = fileCreationMicroseconds(dir);
  const instance = await startEmbedded(path.join(dir, 'data'));
  let lastReport = 0;
  const cpuBefore = process.cpuUsage();
  const ingest = await ingestThroughQueue(instance, connector, (items) => {
    if (Date.now() - lastReport > 5000) {
      process.stderr.write(`ingest: ${items} items so far\n`);
      lastReport = Date.now();
    }
  });
  const items = ingest.result.items;
  // Every thread of the process (catalog and index writers, garbage collection, file I/O): what the items cost.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peakRssMb = peakRssMegabytes();
  await instance.stop();
  process.stderr.write('floor: inserting the same rows into a bare FTS5 table, after the pipeline\n');
  const floorAfter = bareFts5Rate(connector, path.join(dir, 'bare-after.sqlite'));
  const floor = floorBefore.rowsPerSecond >= floorAfter.rowsPerSecond ? floorBefore : floorAfter;
  rmSync(dir, { recursive: true, force: true });
  const itemsPerSecond = Math.round(items / ingest.seconds);
  console.log(
    JSON.stringify(
      {
        benchmark: 'ingest',
        backends: backendsInUse(instance),
        items,
        seconds: round(ingest.seconds),
        itemsPerSecond,
        cpuSeconds: round(cpuSeconds),
        cpuMicrosecondsPerItem: round((cpuSeconds * 1e6) / items),
        // Of which in the kernel: file writes, and the files made (see fileCreationMicroseconds).
        kernelCpuSeconds: round(cpu.system / 1e6),
        fileCreationMicroseconds: fileCreation,
        coresBusy: round(cpuSeconds / ingest.seconds),
        peakRssMb,
        pages: ingest.result.pages,
        mediaArchived: ingest.result.mediaArchived,
        bareFts5: { ...floor, runs: { before: floorBefore, after: floorAfter } },
        ratioToBareFts5: round(itemsPerSecond / floor.rowsPerSecond),
        targets: { ratioToBareFts5: 0.5, peakRssMb: 512 },
      },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
