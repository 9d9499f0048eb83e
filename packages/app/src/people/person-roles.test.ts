import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteFoiaStore, SqlitePeopleStore, openSqliteCatalog } from '@verbatim/catalog';
import { createPerson } from './create-person';
import { GrantNotices } from './grant-notices';
import { setPersonRoles } from './person-roles';

const SETTINGS = {
  noticeSettings: async () => ({
    recipients: { attorneyEmails: ['counsel@town.example'], webhookConfigured: false },
    rules: null,
    publicUrl: 'https://verbatim.town.example',
  }),
};

describe("changing a person's roles, on a real SQLite catalog", () => {
  let dir: string;
  let opened: ReturnType<typeof openSqliteCatalog>;
  let people: SqlitePeopleStore;
  let foiaStore: SqliteFoiaStore;
  let grants: GrantNotices;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-roles-'));
    opened = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
    people = new SqlitePeopleStore(opened.db);
    foiaStore = new SqliteFoiaStore(opened.db);
    grants = new GrantNotices({ settings: SETTINGS, people, tokens: opened.catalog });
  });
  afterEach(async () => {
    await opened.catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const newPerson = (roles: string[], actorId = 'tok_it') =>
    createPerson(
      people,
      opened.catalog,
      { name: 'Fay', email: `fay${Math.random()}@town.example`, roles, password: 'a long enough password' },
      actorId,
      grants,
    );

  it('audits before and after, grants only the added roles, and announces only a new privileged one', async () => {
    const it = await newPerson(['it-admin']);
    const person = await newPerson(['foia-officer']);
    expect(await foiaStore.listSubjectDeliveries(`person:${person.id}`)).toEqual([]);

    const changed = await setPersonRoles(
      people,
      opened.catalog,
      person.id,
      { roles: ['foia-officer', 'auditor', 'auditor'] },
      it.id,
      grants,
    );
    expect(changed.roles).toEqual(['foia-officer', 'auditor']);
    const [notice] = await foiaStore.listSubjectDeliveries(`person:${person.id}`);
    expect(notice).toMatchObject({ event: 'access.privileged-grant', recipients: ['counsel@town.example'] });
    expect(notice.payload).toMatchObject({
      privilegedRoles: ['auditor'],
      how: 'roles-changed',
      grantedBy: `Fay <${it.email}>`,
      url: 'https://verbatim.town.example/people',
    });
    const entries = (await opened.catalog.listAudit(20)).filter((entry) => entry.target === person.id);
    expect(entries.find((entry) => entry.action === 'user.roles')?.details).toEqual({
      name: 'Fay',
      before: ['foia-officer'],
      after: ['foia-officer', 'auditor'],
    });
    expect(entries.filter((entry) => entry.action === 'role.grant').map((entry) => entry.details)).toContainEqual(
      expect.objectContaining({ roles: ['auditor'], privileged: true }),
    );

    // Taking a role away, or keeping the privileged one, announces nothing more.
    await setPersonRoles(people, opened.catalog, person.id, { roles: ['auditor'] }, it.id, grants);
    expect(await foiaStore.listSubjectDeliveries(`person:${person.id}`)).toHaveLength(1);
  });

  it('refuses bad roles, an unknown person and IT changing its own roles, changing nothing', async () => {
    const it = await newPerson(['it-admin']);
    await expect(
      setPersonRoles(people, opened.catalog, it.id, { roles: ['king'] }, 'tok_it', grants),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(
      setPersonRoles(people, opened.catalog, 'user_none', { roles: ['attorney'] }, it.id, grants),
    ).rejects.toMatchObject({ kind: 'not-found' });
    await expect(
      setPersonRoles(people, opened.catalog, it.id, { roles: ['attorney'] }, it.id, grants),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'cannot_change_own_roles' });
    expect(await people.getUser(it.id)).toMatchObject({ roles: ['it-admin'] });
    expect(await foiaStore.listSubjectDeliveries(`person:${it.id}`)).toEqual([]);
  });
});
