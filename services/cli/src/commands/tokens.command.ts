import { createApiToken, NewApiTokenSchema } from '@verbatim/app';
import { parseInput } from '@verbatim/core';
import { COMMAND_LINE_ACTOR, withBackends } from '../cli-backends';
import type { CliCommand } from '../cli-command';

/**
 * `verbatim tokens create --name NAME --role ROLE…`: a bearer token for a script or an integration, made by IT
 * on the server without the web application. The secret is printed once; only its SHA-256 is kept.
 */
export const tokensCommand: CliCommand = {
  define(program, run) {
    const tokens = program.command('tokens').description('API bearer tokens');
    tokens
      .command('create')
      .description('create a token and print its secret (shown this once)')
      .requiredOption('--name <name>', 'what the token is for')
      .requiredOption('--role <role...>', 'its roles (it-admin, foia-officer, attorney, auditor, …)')
      .action((options: { name: string; role: string[] }) => run(() => createToken(options.name, options.role)));
  },
};

async function createToken(name: string, roles: string[]): Promise<number> {
  const input = parseInput(NewApiTokenSchema, { name, roles });
  return withBackends(async (backends) => {
    const token = await createApiToken(backends.catalog, input, COMMAND_LINE_ACTOR);
    process.stdout.write(
      `${JSON.stringify({ id: token.id, name: token.name, roles: token.roles, token: token.token })}\n`,
    );
    process.stderr.write('keep the token now: it is not shown again\n');
    return 0;
  });
}
