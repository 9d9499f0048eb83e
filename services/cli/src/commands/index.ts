import type { CliCommand } from '../cli-command';
import { backupCommand } from './backup.command';
import { driftCommand } from './drift.command';
import { importCommand } from './import.command';
import { reindexCommand } from './reindex.command';
import { tokensCommand } from './tokens.command';
import { usersCommand } from './users.command';
import { verifyBundleCommand } from './verify-bundle.command';
import { verifyCommand } from './verify.command';

/** Every `verbatim` subcommand, in the order `--help` lists them: a new command is one module and one line here. */
export const COMMANDS: readonly CliCommand[] = [
  verifyCommand,
  importCommand,
  reindexCommand,
  driftCommand,
  verifyBundleCommand,
  tokensCommand,
  usersCommand,
  backupCommand,
];
