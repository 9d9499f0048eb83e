import { createApiToken, NewApiTokenSchema, revokeApiToken } from '@verbatim/app';
import { parseInput } from '@verbatim/core';
import { COMMAND_LINE_ACTOR, noticeServicesOf, withBackends } from '../cli-backends';
import type { CliCommand } from '../cli-command';

/**
 * `verbatim tokens create|list|revoke`: bearer tokens for scripts and integrations, managed by IT on the server
 * without the web application. A new token's secret is printed once; only its SHA-256 is kept.
 */
export const tokensCommand: CliCommand = {
  define(program, run) {
    const tokens = program.command('tokens').description('API bearer tokens');
    tokens
      .command('create')
      .description('create a token and print its secret (shown this once)')
      .requiredOption('--name <name>', 'what the token is for')
      .requiredOption('--role <role...>', 'its roles (it-admin, foia-officer, attorney, auditor, …)')
      .option('--expires <time>', 'when it stops working (ISO 8601 with an offset, e.g. 2027-06-30T00:00:00Z)')
      .action((options: { name: string; role: string[]; expires?: string }) =>
        run(() => createToken(options.name, options.role, options.expires)),
      );
    tokens
      .command('list')
      .description('list tokens without their secrets (as JSON lines): roles, expiry, revocation')
      .action(() => run(listTokens));
    tokens
      .command('revoke')
      .description('revoke a token at once: its next request gets 401')
      .argument('<tokenId>', 'the token (see verbatim tokens list)')
      .action((tokenId: string) => run(() => revokeToken(tokenId)));
  },
};

async function createToken(name: string, roles: string[], expiresAt?: string): Promise<number> {
  const input = parseInput(NewApiTokenSchema, { name, roles, ...(expiresAt ? { expiresAt } : {}) });
  return withBackends(async (backends, config) => {
    const { grants } = noticeServicesOf(backends, config);
    const token = await createApiToken(backends.catalog, input, COMMAND_LINE_ACTOR, grants);
    process.stdout.write(
      `${JSON.stringify({ id: token.id, name: token.name, roles: token.roles, token: token.token })}\n`,
    );
    process.stderr.write('keep the token now: it is not shown again\n');
    return 0;
  });
}

async function listTokens(): Promise<number> {
  return withBackends(async (backends) => {
    for (const token of await backends.catalog.listTokens()) process.stdout.write(`${JSON.stringify(token)}\n`);
    return 0;
  });
}

async function revokeToken(tokenId: string): Promise<number> {
  return withBackends(async (backends) => {
    const token = await revokeApiToken(backends.catalog, tokenId, COMMAND_LINE_ACTOR);
    process.stderr.write(`token ${token.id} (${token.name}) revoked\n`);
    return 0;
  });
}
