import { ArchiveVerifier, type VerificationReport } from '@verbatim/app';
import { COMMAND_LINE_ACTOR, noticeServicesOf, withBackends } from '../cli-backends';
import { CliUsageError, type CliCommand } from '../cli-command';
import { ProgressBar } from '../progress-bar';

interface VerifyOptions {
  account?: string;
  since?: string;
  json?: boolean;
}

/**
 * `verbatim verify [--account ID] [--since DATE] [--json]`: re-hashes every capture and media object against its
 * key and its catalog row, walks the capture chains (and the audit chain where the catalog keeps one), prints
 * each problem on a line of its own and a summary; exit status 1 on any problem.
 */
export const verifyCommand: CliCommand = {
  define(program, run) {
    program
      .command('verify')
      .description('check every stored object and chain; exit status 1 naming whatever is missing or altered')
      .option('--account <id>', 'only this account')
      .option('--since <date>', 'only captures made on or after this date (ISO-8601); chains are walked whole')
      .option('--json', 'print the whole report as JSON')
      .action((options: VerifyOptions) => run(() => verify(options)));
  },
};

async function verify(options: VerifyOptions): Promise<number> {
  const since = sinceOf(options.since);
  return withBackends(async (backends, config) => {
    if (options.account && !(await backends.catalog.getAccount(options.account)))
      throw new CliUsageError(`no account ${options.account}: see the accounts page or GET /api/v1/accounts`);
    const progress = new ProgressBar('verifying objects');
    const { corruptObjects } = noticeServicesOf(backends, config);
    const verifier = new ArchiveVerifier({ ...backends, corruptObjects });
    const report = await verifier.verify({ accountId: options.account, since }, (done, total) =>
      progress.update(done, total),
    );
    progress.finish();
    await backends.catalog.appendAudit({
      actor: COMMAND_LINE_ACTOR,
      action: 'archive.verify',
      target: options.account ?? 'archive',
      details: { since: since ?? null, ok: report.ok, problems: report.problems.length },
    });
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else for (const problem of report.problems) process.stdout.write(`${problem.kind}: ${problem.message}\n`);
    process.stdout.write(`${summaryOf(report)}\n`);
    return report.ok ? 0 : 1;
  });
}

function sinceOf(since: string | undefined): string | undefined {
  if (since === undefined) return undefined;
  const time = Date.parse(since);
  if (Number.isNaN(time)) throw new CliUsageError(`--since ${since} is not a date: give one as 2026-01-31`);
  return new Date(time).toISOString();
}

/** One line: what was checked, and whether all of it is intact. */
export function summaryOf(report: VerificationReport): string {
  const { captures, media } = report.objectsChecked;
  const checked =
    `${report.accounts} account(s), ${captures} capture(s) and ${media} media file(s) checked` +
    (report.auditChecked ? ', audit chain walked' : '');
  return report.ok
    ? `verified: ${checked}; everything is intact`
    : `FAILED: ${checked}; ${report.problems.length} problem(s) found (listed above)`;
}
