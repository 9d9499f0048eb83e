import { createPerson, disablePerson, enablePerson, resetPassword, setPersonRoles } from '@verbatim/app';
import { COMMAND_LINE_ACTOR, noticeServicesOf, withBackends } from '../cli-backends';
import { CliUsageError, type CliCommand } from '../cli-command';
import { readPassword } from '../read-password';

/**
 * `verbatim users create|list|roles|reset-password|disable|enable`: the people who sign in, managed by IT on the server without the
 * web application. Passwords are read from standard input (never from the command line, which others can see).
 */
export const usersCommand: CliCommand = {
  define(program, run) {
    const users = program.command('users').description('people who sign in to the web application');
    users
      .command('list')
      .description('list people (as JSON lines)')
      .action(() => run(listUsers));
    users
      .command('create')
      .description('create a person; the password (12 characters or more) is read from standard input')
      .requiredOption('--name <name>', 'their name')
      .requiredOption('--email <email>', 'their email address (they sign in with it)')
      .requiredOption('--role <role...>', 'their roles (it-admin, foia-officer, attorney, auditor, …)')
      .action((options: { name: string; email: string; role: string[] }) => run(() => createUser(options)));
    users
      .command('roles')
      .description("replace a person's roles (attorney or auditor newly granted is told to the attorney's office)")
      .argument('<userId>', 'the person (see verbatim users list)')
      .requiredOption('--role <role...>', 'their roles from now on')
      .action((userId: string, options: { role: string[] }) => run(() => setRoles(userId, options.role)));
    users
      .command('reset-password')
      .description("set a person's password (read from standard input) and end their sessions")
      .argument('<userId>', 'the person (see verbatim users list)')
      .action((userId: string) => run(() => resetUserPassword(userId)));
    users
      .command('disable')
      .description('disable a person: their sessions end at once and they cannot sign in until enabled')
      .argument('<userId>', 'the person (see verbatim users list)')
      .action((userId: string) => run(() => setAccess(userId, 'disable')));
    users
      .command('enable')
      .description('let a disabled person sign in again')
      .argument('<userId>', 'the person (see verbatim users list)')
      .action((userId: string) => run(() => setAccess(userId, 'enable')));
  },
};

async function listUsers(): Promise<number> {
  return withBackends(async (backends) => {
    for (const user of await backends.people.listUsers()) process.stdout.write(`${JSON.stringify(user)}\n`);
    return 0;
  });
}

async function createUser(options: { name: string; email: string; role: string[] }): Promise<number> {
  const password = await readPassword();
  return withBackends(async (backends, config) => {
    const input = { name: options.name, email: options.email, roles: options.role, password };
    const { grants } = noticeServicesOf(backends, config);
    const user = await createPerson(backends.people, backends.catalog, input, COMMAND_LINE_ACTOR, grants);
    process.stdout.write(`${JSON.stringify(user)}\n`);
    return 0;
  });
}

async function setRoles(userId: string, roles: string[]): Promise<number> {
  return withBackends(async (backends, config) => {
    const { grants } = noticeServicesOf(backends, config);
    const user = await setPersonRoles(backends.people, backends.catalog, userId, { roles }, COMMAND_LINE_ACTOR, grants);
    process.stdout.write(`${JSON.stringify(user)}\n`);
    return 0;
  });
}

async function resetUserPassword(userId: string): Promise<number> {
  const password = await readPassword();
  return withBackends(async (backends) => {
    if (!(await resetPassword(backends.people, backends.catalog, userId, password, COMMAND_LINE_ACTOR)))
      throw new CliUsageError(`no person ${userId}: see verbatim users list`);
    process.stderr.write(`password of ${userId} reset; their sessions are ended\n`);
    return 0;
  });
}

async function setAccess(userId: string, change: 'disable' | 'enable'): Promise<number> {
  return withBackends(async (backends) => {
    const apply = change === 'disable' ? disablePerson : enablePerson;
    const user = await apply(backends.people, backends.catalog, userId, COMMAND_LINE_ACTOR);
    process.stdout.write(`${JSON.stringify(user)}\n`);
    return 0;
  });
}
