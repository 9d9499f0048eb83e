import { existsSync } from 'node:fs';
import { loadOrCreateTownSigningKey } from '@verbatim/bundles/production';
import { loadConfig } from '@verbatim/config';
import { backup, restore } from '@verbatim/runtime/backup';
import type { CliCommand } from '../cli-command';

const report = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `verbatim backup DIR` and `verbatim restore DIR`: a consistent backup of a running installation, or a backup put
 * back into a fresh DATA_DIR, with the same settings as `npm start`. Progress lines go to stderr, the summary as
 * JSON to stdout; exit status 1 when something could not be backed up or restored.
 */
export const backupCommand: CliCommand = {
  define(program, run) {
    program
      .command('backup')
      .description(
        'back up the catalog, the archived objects and the configuration (secrets masked) into DIR, with a manifest of hashes',
      )
      .argument('<dir>', 'a new or empty directory')
      .action((directory: string) => run(() => takeBackup(directory)));
    program
      .command('restore')
      .description(
        'restore a backup into a fresh installation (an empty DATA_DIR), checking every file against its manifest first',
      )
      .argument('<dir>', 'the backup directory')
      .action((directory: string) => run(() => putBack(directory)));
  },
};

async function takeBackup(directory: string): Promise<number> {
  const config = loadConfig();
  // The public key is kept beside the backup when the installation has made its key; a backup never makes one.
  const signingPublicKeyPem = existsSync(config.signing.keyFile)
    ? (await loadOrCreateTownSigningKey(config.signing.keyFile)).publicKeyPem
    : undefined;
  const summary = await backup(config, directory, { report, signingPublicKeyPem });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return summary.unreadableObjects.length === 0 ? 0 : 1;
}

async function putBack(directory: string): Promise<number> {
  const summary = await restore(loadConfig(), directory, { report });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return 0;
}
