import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RoleSchema } from '@verbatim/core';
import { createToken } from './support/foia-fixtures';
import { DocumentedRoute, documentedRoutes, filledPath } from './support/openapi-routes';
import { TestInstance, startInstance } from './support/start-instance';

/** The README's permission table as the route definitions give it: one row per route, its roles. */
function permissionTable(routes: DocumentedRoute[]): string {
  const rows = routes.map(
    (route) =>
      `| \`${route.method} ${route.path}\` | ${route.isPublic ? 'anyone' : route.roles.map((role) => `\`${role}\``).join(' ')} |`,
  );
  return ['| route | roles |', '| --- | --- |', ...rows].join('\n');
}

/** The README's table as written, its cells trimmed (Prettier pads them to line up). */
function readmeTable(): string {
  const lines = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^\| route +\| roles +\|$/.test(line));
  if (start < 0) return '';
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  return lines
    .slice(start, end)
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '---'))
        .join(' | ')
        .trim(),
    )
    .join('\n');
}

describe('the role matrix: every route × every role, from the one permission table', () => {
  let instance: TestInstance;
  let routes: DocumentedRoute[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    instance = await startInstance();
    routes = await documentedRoutes(instance);
    for (const role of RoleSchema.options) tokens.set(role, await createToken(instance, `only ${role}`, [role]));
  });
  afterAll(() => instance.stop());

  it('prints the permission table in the README exactly as the route definitions give it', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(readmeTable()).toBe(permissionTable(routes));
  });

  it('answers 403 to every role a route does not allow, and never 403 to one it allows', async () => {
    const mismatches: string[] = [];
    for (const route of routes.filter((candidate) => !candidate.isPublic)) {
      for (const role of RoleSchema.options) {
        const response = await fetch(`${instance.baseUrl}${filledPath(route.path)}`, {
          method: route.method,
          headers: {
            authorization: `Bearer ${tokens.get(role)}`,
            ...(route.readsJson ? { 'content-type': 'application/json' } : {}),
          },
          body: route.readsJson ? '{}' : undefined,
        });
        await response.arrayBuffer();
        const allowed = route.roles.includes(role);
        if (allowed === (response.status === 403) || response.status >= 500)
          mismatches.push(`${route.method} ${route.path} as ${role}: ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
