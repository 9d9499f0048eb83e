import { checkSearchDrift } from '@verbatim/ingest';
import { withBackends } from '../cli-backends';
import type { CliCommand } from '../cli-command';

/** `verbatim drift [--sample-size N]`: compares the search index with the catalog; exit status 1 when they differ. */
export const driftCommand: CliCommand = {
  define(program, run) {
    program
      .command('drift')
      .description('compare the search index with the catalog (report as JSON); exit status 1 when they differ')
      .option('--sample-size <n>', 'records compared field by field', process.env.SAMPLE_SIZE ?? '500')
      .action((options: { sampleSize: string }) => run(() => drift(Number(options.sampleSize))));
  },
};

async function drift(sampleSize: number): Promise<number> {
  return withBackends(async (backends) => {
    const report = await checkSearchDrift(backends, { sampleSize });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(
      report.ok
        ? 'the search index matches the catalog\n'
        : 'DRIFT: the search index differs from the catalog; run verbatim reindex\n',
    );
    return report.ok ? 0 : 1;
  });
}
