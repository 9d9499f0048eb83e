/**
 * Import benchmark: an X archive of TWEETS tweets (default 200,000) with MEDIA image files (default 20,000),
 * generated to a temp file by a child process, uploaded as the API does (streamed and hashed into the object
 * store) and imported by the import job through the embedded pipeline (BullMQ job → ZIP read → media archived →
 * catalog applyPage → search index). Prints one JSON object: items/s over the job, and this process's peak RSS
 * (the whole embedded stack: API, worker, catalog thread).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { storeExportUpload } from '@verbatim/ingest';
import { enqueueImport, getJobStatus } from '@verbatim/queue';
import { backendsInUse, createBenchAccount, peakRssMegabytes, startEmbedded } from './support';

const TWEETS = Number(process.env.TWEETS ?? 200_000);
const MEDIA = Number(process.env.MEDIA ?? 20_000);

const round = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-import-'));
  const file = path.join(dir, 'twitter-bench.zip');
  process.stderr.write(`generating an X archive of ${TWEETS} tweets and ${MEDIA} media files\n`);
  let started = Date.now();
  const generated = spawnSync(
    'npx',
    ['tsx', path.join(__dirname, 'import-archive.generate.ts'), file, String(TWEETS), String(MEDIA)],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (generated.status !== 0) throw new Error('generating the archive failed');
  const generateSeconds = (Date.now() - started) / 1000;
  const loadBefore = os.loadavg();
  const instance = await startEmbedded(path.join(dir, 'data'), { ROLES: 'ingest' });
  try {
    const { backends, queue } = instance.running;
    const accountId = await createBenchAccount(instance, { type: 'import-only' }, 'x');
    started = Date.now();
    const stored = await storeExportUpload(
      { ...backends, scratchDir: path.join(dir, 'data') },
      { accountId, fileName: 'twitter-bench.zip', body: createReadStream(file), requestedBy: 'bench' },
    );
    const uploadSeconds = (Date.now() - started) / 1000;
    process.stderr.write(`uploaded in ${round(uploadSeconds)} s; importing\n`);
    started = Date.now();
    const jobId = await enqueueImport(queue, stored.id);
    let status = await getJobStatus(queue, jobId);
    let lastLine = '';
    while (status?.state !== 'completed' && status?.state !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = await getJobStatus(queue, jobId);
      const line = `${(status?.progress as { itemsFound?: number } | undefined)?.itemsFound ?? 0} items`;
      if (line !== lastLine) process.stderr.write(`${line}\n`);
      lastLine = line;
    }
    const importSeconds = (Date.now() - started) / 1000;
    if (status.state === 'failed') throw new Error(`import failed: ${status.error}`);
    const report = status.result as { itemsFound: number; created: number; newVersions: number; mediaArchived: number };
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'import',
          tweets: TWEETS,
          mediaFiles: MEDIA,
          archiveMegabytes: round(statSync(file).size / 1e6),
          generateSeconds: round(generateSeconds),
          uploadSeconds: round(uploadSeconds),
          importSeconds: round(importSeconds),
          itemsFound: report.itemsFound,
          created: report.created,
          newVersions: report.newVersions,
          mediaArchived: report.mediaArchived,
          itemsPerSecond: Math.round(report.itemsFound / importSeconds),
          itemsPerSecondWithUpload: Math.round(report.itemsFound / (importSeconds + uploadSeconds)),
          peakRssMegabytes: peakRssMegabytes(),
          targets: { itemsPerSecond: 20_000, peakRssMegabytes: 512 },
          loadAverageBefore: loadBefore.map(round),
          loadAverageAfter: os.loadavg().map(round),
          cores: os.cpus().length,
          backends: backendsInUse(instance),
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await instance.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
