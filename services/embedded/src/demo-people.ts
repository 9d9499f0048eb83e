import { randomBytes } from 'node:crypto';
import type { Catalog, PeopleStore, Role } from '@verbatim/core';
import { createPerson, resetPassword } from '@verbatim/app';

/** One person per group that works in the web application, so a newcomer can sign in as each at once. */
export const DEMO_PEOPLE: ReadonlyArray<{ title: string; name: string; email: string; roles: Role[] }> = [
  { title: 'IT administrator', name: 'Robin Demo', email: 'it.demo@town.example.gov', roles: ['it-admin'] },
  { title: 'FOIA officer', name: 'Jordan Demo', email: 'foia.demo@town.example.gov', roles: ['foia-officer'] },
  { title: 'Attorney', name: 'Casey Demo', email: 'attorney.demo@town.example.gov', roles: ['attorney'] },
  { title: 'Moderator', name: 'Morgan Demo', email: 'moderator.demo@town.example.gov', roles: ['moderator'] },
  { title: 'IT director', name: 'Alex Demo', email: 'itdirector.demo@town.example.gov', roles: ['it-director'] },
  {
    title: 'Communications manager',
    name: 'Taylor Demo',
    email: 'comms.demo@town.example.gov',
    roles: ['communications-manager'],
  },
];

/**
 * Who the demo accounts register as their administrators and moderator: demo people who can sign in, with the
 * email and phone the registry rule asks for, so the compliance page shows the demo accounts compliant (the
 * example policies require no receipt). A later start leaves accounts registered before as they are.
 */
export const DEMO_ACCOUNT_PEOPLE = {
  administrators: [
    { name: 'Robin Demo', email: 'it.demo@town.example.gov', phone: '203-555-0140' },
    { name: 'Alex Demo', email: 'itdirector.demo@town.example.gov', phone: '203-555-0141' },
  ],
  moderators: [{ name: 'Morgan Demo', email: 'moderator.demo@town.example.gov', phone: '203-555-0142' }],
};

/** Who the audit log names for what the demo does. */
const DEMO_ACTOR = 'demo';

export interface DemoSignIn {
  title: string;
  email: string;
  password: string;
  /** True when the person was there from an earlier demo start and only their password was replaced. */
  existed: boolean;
}

/**
 * Creates the demo people, or on a later start gives the existing ones a new password (ending their sessions),
 * so the details printed on every start always work and no one is created twice. Both are audited.
 */
export async function ensureDemoPeople(people: PeopleStore, catalog: Catalog): Promise<DemoSignIn[]> {
  const signIns: DemoSignIn[] = [];
  for (const person of DEMO_PEOPLE) {
    // 20 hex digits (80 random bits): above the 12-character minimum, and one double-click selects it in a terminal.
    const password = randomBytes(10).toString('hex');
    const existing = await people.findUserByEmail(person.email);
    if (existing) {
      await resetPassword(people, catalog, existing.id, password, DEMO_ACTOR);
    } else {
      await createPerson(
        people,
        catalog,
        { name: person.name, email: person.email, roles: person.roles, password },
        DEMO_ACTOR,
      );
    }
    signIns.push({ title: person.title, email: person.email, password, existed: existing !== null });
  }
  return signIns;
}

/** What the demo prints on the terminal: where and how to sign in, and a search with the token. */
export function formatDemoBanner(signIns: DemoSignIn[], webUrl: string, tokenSecret: string, apiBase: string): string {
  const titleWidth = Math.max(...signIns.map((signIn) => signIn.title.length));
  const emailWidth = Math.max(...signIns.map((signIn) => signIn.email.length));
  const lines = [
    '',
    `Demo ready. Sign in to the web application at ${webUrl} as:`,
    ...signIns.map(
      (signIn) =>
        `  ${signIn.title.padEnd(titleWidth)}  ${signIn.email.padEnd(emailWidth)}  password: ${signIn.password}`,
    ),
  ];
  if (signIns.some((signIn) => signIn.existed)) {
    lines.push(
      'These people were created by an earlier demo start: their passwords are now the ones above (old sessions ended).',
    );
  }
  lines.push(
    'Search the archive from a script with:',
    `  curl -H 'Authorization: Bearer ${tokenSecret}' '${apiBase}/api/v1/records?q=road&limit=5'`,
    '',
    '',
  );
  return lines.join('\n');
}
