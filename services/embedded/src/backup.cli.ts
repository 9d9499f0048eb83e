/**
 * `npm run backup -- DIR` and `npm run restore -- DIR` (to become `verbatim backup|restore`): back up a running
 * installation, or restore a backup into a fresh DATA_DIR, with the same settings as npm start. Progress goes to
 * stderr, the summary as JSON to stdout; exits 1 when something could not be backed up or restored.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@verbatim/config';
import { loadOrCreateTownSigningKey } from '@verbatim/bundles/production';
import { backup, restore } from '@verbatim/runtime/backup';

const USAGE =
  'usage: npm run backup -- DIR | npm run restore -- DIR   (DATA_DIR and the storage and catalog settings as for npm start)\n';

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true, args: process.argv.slice(2) });
  const [command, directory] = positionals;
  if (positionals.length !== 2 || !['backup', 'restore'].includes(command)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig();
  const report = (line: string) => process.stderr.write(`${line}\n`);
  if (command === 'backup') {
    // The public key is kept beside the backup when the installation has made its key; a backup never makes one.
    const signingPublicKeyPem = existsSync(config.signing.keyFile)
      ? (await loadOrCreateTownSigningKey(config.signing.keyFile)).publicKeyPem
      : undefined;
    const summary = await backup(config, directory, { report, signingPublicKeyPem });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return summary.unreadableObjects.length === 0 ? 0 : 1;
  }
  const summary = await restore(config, directory, { report });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
    process.exit(1);
  },
);
