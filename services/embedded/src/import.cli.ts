/**
 * `npm run import -- --account ID FILE`: imports a platform export (an X archive, a Mastodon archive or outbox.json, a Facebook or Instagram JSON download, a Slack or Discord export, a YouTube Takeout) into the
 * account, in this process: the file is archived under its SHA-256 and its items applied as the API's import
 * job does, with the same report (printed as JSON on stdout; progress on stderr). Needs no running worker.
 */
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@verbatim/config';
import { findExportReader } from '@verbatim/connectors';
import { emptyImportReport } from '@verbatim/core';
import { importExport, storeExportUpload } from '@verbatim/ingest';
import { openBackends } from '@verbatim/runtime';
import pino from 'pino';

const USAGE = 'usage: npm run import -- --account ACCOUNT_ID FILE\n';

async function importCommand(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { account: { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  if (!values.account || positionals.length !== 1 || !file) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (!existsSync(file)) {
    process.stderr.write(`no file ${file}\n`);
    return 2;
  }
  const config = loadConfig();
  const scratchDir = path.join(config.dataDir, 'tmp');
  mkdirSync(scratchDir, { recursive: true });
  // Logs go to stderr: stdout carries the report.
  const backends = await openBackends(config, {
    logger: pino({ level: config.logLevel, name: 'verbatim' }, pino.destination(2)),
  });
  try {
    const account = await backends.catalog.getAccount(values.account);
    if (!account) {
      process.stderr.write(`no account ${values.account}\n`);
      return 2;
    }
    const stored = await storeExportUpload(
      { ...backends, scratchDir },
      {
        accountId: account.id,
        fileName: path.basename(file),
        body: createReadStream(file),
        requestedBy: 'command line',
      },
    );
    await backends.catalog.appendAudit({
      actor: 'command line',
      action: 'account.import',
      target: account.id,
      details: { importId: stored.id, fileName: stored.fileName, sha256: stored.sha256 },
    });
    process.stderr.write(`archived ${stored.fileName} as ${stored.key} (import ${stored.id}); importing\n`);
    const deps = { ...backends, findExportReader, scratchDir };
    try {
      const report = await importExport(deps, stored.id, {
        onProgress: (progress) => {
          process.stderr.write(`${progress.itemsFound} items read, ${progress.created} new\n`);
        },
      });
      const at = new Date().toISOString();
      await backends.exportImports.finishImport(stored.id, { status: 'completed', report, error: null, at });
      process.stdout.write(`${JSON.stringify({ importId: stored.id, ...report }, null, 2)}\n`);
      return 0;
    } catch (error) {
      const report = (await backends.exportImports.getImport(stored.id))?.report ?? emptyImportReport();
      const at = new Date().toISOString();
      const message = (error as Error).message;
      await backends.exportImports.finishImport(stored.id, { status: 'failed', report, error: message, at });
      throw error;
    }
  } finally {
    await backends.close();
  }
}

importCommand().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
    process.exit(1);
  },
);
