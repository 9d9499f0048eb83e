import { diffAccountPeople } from './people-changes';

const context = { accountId: 'acc_1', changedBy: 'usr_it', changedAt: '2026-12-07T10:00:00.000Z' };
const pat = { name: 'Pat Quinn', email: 'pat@town.example' };
const lee = { name: 'Lee Park', email: 'lee@town.example' };

describe('the people history of a change', () => {
  it('names who was added, changed and removed, matching people by email in any case', () => {
    const changes = diffAccountPeople(
      { administrators: [pat, lee], moderators: [{ name: 'Sam' }] },
      {
        administrators: [{ ...pat, email: 'PAT@town.example', phone: '203 555 0101' }],
        moderators: [{ name: 'Sam' }, { name: 'Ann' }],
      },
      context,
    );
    expect(changes.map((change) => [change.role, change.change, change.person.name])).toEqual([
      ['administrator', 'changed', 'Pat Quinn'],
      ['administrator', 'removed', 'Lee Park'],
      ['moderator', 'added', 'Ann'],
    ]);
    expect(changes[0]).toMatchObject({ previous: pat, ...context });
  });

  it('gives nothing when nobody changed', () => {
    expect(
      diffAccountPeople({ administrators: [pat], moderators: [] }, { administrators: [pat], moderators: [] }, context),
    ).toEqual([]);
  });
});
