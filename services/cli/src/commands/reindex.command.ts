import { loadConfig } from '@verbatim/config';
import {
  createSearchIndexQueue,
  enqueueReindex,
  getJobStatus,
  latestReindex,
  openRedis,
  ReindexAlreadyRunningError,
} from '@verbatim/queue';
import type { CliCommand } from '../cli-command';
import { ProgressBar } from '../progress-bar';

/**
 * `verbatim reindex`: rebuilds the search index from the catalog without downtime, through the running
 * deployment (a process with the index role does the work; this follows its progress and can be stopped and run
 * again: the job carries on).
 */
export const reindexCommand: CliCommand = {
  define(program, run) {
    program
      .command('reindex')
      .description('rebuild the search index from the catalog, through the running deployment, following it')
      .action(() => run(reindex));
  },
};

type SearchIndexQueue = ReturnType<typeof createSearchIndexQueue>;

async function reindex(): Promise<number> {
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
    return await follow(queue, await startOrJoin(queue));
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

async function startOrJoin(queue: SearchIndexQueue): Promise<string> {
  try {
    const jobId = await enqueueReindex(queue, 'command line');
    process.stderr.write(`reindex started (job ${jobId})\n`);
    return jobId;
  } catch (error) {
    if (!(error instanceof ReindexAlreadyRunningError)) throw error;
    process.stderr.write(`a reindex is already under way (job ${error.jobId}); following it\n`);
    return error.jobId;
  }
}

async function follow(queue: SearchIndexQueue, jobId: string): Promise<number> {
  const progress = new ProgressBar('records copied');
  for (let lastState = ''; ;) {
    const status = (await getJobStatus(queue, jobId)) ?? (await latestReindex(queue));
    const copied = status?.progress as { copied?: number; total?: number } | undefined;
    if (copied?.total) progress.update(copied.copied ?? 0, copied.total);
    else if (status?.state !== lastState) process.stderr.write(`${status?.state ?? 'waiting'}\n`);
    lastState = status?.state ?? '';
    if (status?.state === 'completed') {
      progress.finish();
      process.stdout.write(`${JSON.stringify(status.result, null, 2)}\n`);
      return 0;
    }
    if (status?.state === 'failed') {
      progress.finish();
      process.stderr.write(`reindex failed: ${status.error}; run this again to resume it\n`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
