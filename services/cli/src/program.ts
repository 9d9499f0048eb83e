import { Command } from 'commander';
import { ConfigError } from '@verbatim/config';
import { UseCaseError } from '@verbatim/core';
import { CliUsageError } from './cli-command';
import { COMMANDS } from './commands';

/** The `verbatim` program with every command; an action's exit status is left in `process.exitCode`. */
export function buildProgram(): Command {
  const program = new Command('verbatim')
    .description(
      'Verbatim from the command line: verify the archive, import platform exports, rebuild the search index, ' +
        'manage people and tokens. Reads the same environment as npm start (DATA_DIR, CATALOG_BACKEND, …).',
    )
    .showHelpAfterError();
  for (const command of COMMANDS) command.define(program, runAction);
  return program;
}

async function runAction(action: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (error) {
    process.stderr.write(`${messageOf(error)}\n`);
    process.exitCode = isUsageProblem(error) ? 2 : 1;
  }
}

function isUsageProblem(error: unknown): boolean {
  return (
    error instanceof CliUsageError ||
    error instanceof ConfigError ||
    (error instanceof UseCaseError && error.kind === 'invalid')
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
