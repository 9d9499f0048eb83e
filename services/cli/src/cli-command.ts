import type { Command } from 'commander';

/**
 * One `verbatim` subcommand: `define` adds it to the program with its options and action. An action resolves to
 * the process's exit status (0 done, 1 a finding or a failure, 2 a usage or setup problem).
 */
export interface CliCommand {
  define(program: Command, run: (action: () => Promise<number>) => Promise<void>): void;
}

/** Thrown by an action for a usage or setup problem the person can fix: printed as is, exit status 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
