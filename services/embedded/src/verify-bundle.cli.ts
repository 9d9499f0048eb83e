/**
 * `npm run verify-bundle -- <bundleId> [--rebuild]`: checks a released bundle against storage from the command
 * line, the way an attorney's expert would years later. Prints the report as JSON; exits 1 on any mismatch.
 */
import { parseArgs } from 'node:util';
import { loadOrCreateTownSigningKey, verifyBundle } from '@verbatim/bundles/production';
import { ConfigError, loadConfig } from '@verbatim/config';
import pino from 'pino';
import { openBackends } from '@verbatim/runtime';
import { renderPdfOffThread } from './bundles';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { rebuild: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) {
    process.stderr.write(
      'usage: npm run verify-bundle -- <bundleId> [--rebuild]   (DATA_DIR and the storage settings as for npm start)\n',
    );
    return 2;
  }
  const config = loadConfig();
  // Logs go to stderr: stdout carries the report.
  const backends = await openBackends(config, {
    logger: pino({ level: config.logLevel, name: 'verbatim' }, pino.destination(2)),
  });
  try {
    const report = await verifyBundle(
      {
        objectStore: backends.objectStore,
        bundles: backends.bundleStore,
        renderPdf: renderPdfOffThread,
        townPublicKeyPem: (await loadOrCreateTownSigningKey(config.signing.keyFile)).publicKeyPem,
      },
      positionals[0],
      { rebuild: values.rebuild },
    );
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(report.ok ? 'bundle verified: every hash matches\n' : 'MISMATCH: see the report above\n');
    return report.ok ? 0 : 1;
  } finally {
    await backends.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
    process.exit(2);
  },
);
