/**
 * `npm run reindex`: rebuilds the search index from the catalog without downtime, through the running
 * deployment (a process with the index role does the work; this follows its progress and can be stopped and
 * run again: the job carries on). `npm run search-drift`: compares the index with the catalog and prints the
 * report as JSON; exits 1 when they differ.
 */
import { ConfigError, loadConfig } from '@verbatim/config';
import { checkSearchDrift } from '@verbatim/ingest';
import {
  createSearchIndexQueue,
  enqueueReindex,
  getJobStatus,
  latestReindex,
  openRedis,
  ReindexAlreadyRunningError,
} from '@verbatim/queue';
import pino from 'pino';
import { openBackends } from '@verbatim/runtime';

async function reindexCommand(): Promise<number> {
  const config = loadConfig();
  const redis = openRedis(config.redis.url, 'producer');
  const queue = createSearchIndexQueue(redis, config.queue.prefix);
  try {
    if ((await queue.getWorkers()).length === 0) {
      process.stderr.write(
        'no process with the index role is running: start one (npm start, or ROLES=index) and run this again\n',
      );
      return 2;
    }
    let jobId: string;
    try {
      jobId = await enqueueReindex(queue, 'command line');
      process.stderr.write(`reindex started (job ${jobId})\n`);
    } catch (error) {
      if (!(error instanceof ReindexAlreadyRunningError)) throw error;
      jobId = error.jobId;
      process.stderr.write(`a reindex is already under way (job ${jobId}); following it\n`);
    }
    for (let last = ''; ;) {
      const status = (await getJobStatus(queue, jobId)) ?? (await latestReindex(queue));
      const progress = status?.progress as { copied?: number; total?: number } | undefined;
      const line = progress?.total
        ? `${progress.copied} of ${progress.total} records copied (${Math.floor((100 * (progress.copied ?? 0)) / progress.total)}%)`
        : `${status?.state ?? 'waiting'}`;
      if (line !== last) process.stderr.write(`${line}\n`);
      last = line;
      if (status?.state === 'completed') {
        process.stdout.write(`${JSON.stringify(status.result, null, 2)}\n`);
        return 0;
      }
      if (status?.state === 'failed') {
        process.stderr.write(`reindex failed: ${status.error}; run this again to resume it\n`);
        return 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

async function driftCommand(): Promise<number> {
  const config = loadConfig();
  // Logs go to stderr: stdout carries the report.
  const backends = await openBackends(config, {
    logger: pino({ level: config.logLevel, name: 'verbatim' }, pino.destination(2)),
  });
  try {
    const report = await checkSearchDrift(backends, { sampleSize: Number(process.env.SAMPLE_SIZE ?? 500) });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(
      report.ok
        ? 'the search index matches the catalog\n'
        : 'DRIFT: the search index differs from the catalog; run npm run reindex\n',
    );
    return report.ok ? 0 : 1;
  } finally {
    await backends.close();
  }
}

const command = process.argv[2];
const run = command === 'reindex' ? reindexCommand : command === 'drift' ? driftCommand : null;
if (!run) {
  process.stderr.write('usage: search-index.cli.ts reindex | drift\n');
  process.exit(2);
}
run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
    process.exit(2);
  },
);
