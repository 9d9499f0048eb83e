import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { findExportReader } from '@verbatim/connectors';
import { emptyImportReport } from '@verbatim/core';
import { importExport, storeExportUpload } from '@verbatim/ingest';
import type { Backends } from '@verbatim/runtime';
import { COMMAND_LINE_ACTOR, withBackends } from '../cli-backends';
import { CliUsageError, type CliCommand } from '../cli-command';

/**
 * `verbatim import --account ID FILE`: imports a platform export (an X archive, a Mastodon archive or
 * outbox.json, a Facebook or Instagram JSON download, a Slack or Discord export, a YouTube Takeout) into the
 * account, in this process: the file is archived under its SHA-256 and its items applied as the API's import job
 * does, with the same report (JSON on stdout; progress on stderr). Needs no running worker.
 */
export const importCommand: CliCommand = {
  define(program, run) {
    program
      .command('import')
      .description("import a platform export file into an account (the API's import, in this process)")
      .requiredOption('--account <id>', 'the account the export belongs to')
      .argument('<file>', 'the export file')
      .action((file: string, options: { account: string }) => run(() => importFile(options.account, file)));
  },
};

async function importFile(accountId: string, file: string): Promise<number> {
  if (!existsSync(file)) throw new CliUsageError(`no file ${file}`);
  return withBackends(async (backends, config) => {
    const account = await backends.catalog.getAccount(accountId);
    if (!account) throw new CliUsageError(`no account ${accountId}`);
    const scratchDir = path.join(config.dataDir, 'tmp');
    mkdirSync(scratchDir, { recursive: true });
    const stored = await storeExportUpload(
      { ...backends, scratchDir },
      { accountId, fileName: path.basename(file), body: createReadStream(file), requestedBy: COMMAND_LINE_ACTOR },
    );
    await backends.catalog.appendAudit({
      actor: COMMAND_LINE_ACTOR,
      action: 'account.import',
      target: accountId,
      details: { importId: stored.id, fileName: stored.fileName, sha256: stored.sha256 },
    });
    process.stderr.write(`archived ${stored.fileName} as ${stored.key} (import ${stored.id}); importing\n`);
    return runImport(backends, stored.id, scratchDir);
  });
}

async function runImport(backends: Backends, importId: string, scratchDir: string): Promise<number> {
  try {
    const report = await importExport({ ...backends, findExportReader, scratchDir }, importId, {
      onProgress: (progress) => {
        process.stderr.write(`${progress.itemsFound} items read, ${progress.created} new\n`);
      },
    });
    const at = new Date().toISOString();
    await backends.exportImports.finishImport(importId, { status: 'completed', report, error: null, at });
    process.stdout.write(`${JSON.stringify({ importId, ...report }, null, 2)}\n`);
    return 0;
  } catch (error) {
    const report = (await backends.exportImports.getImport(importId))?.report ?? emptyImportReport();
    const at = new Date().toISOString();
    const message = (error as Error).message;
    await backends.exportImports.finishImport(importId, { status: 'failed', report, error: message, at });
    throw error;
  }
}
