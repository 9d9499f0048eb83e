import {
  accountErrorsFrom,
  accountInputFrom,
  formatPeopleLines,
  parsePeopleLines,
  type AccountForm,
} from './account-form';

const form: AccountForm = {
  agencyId: 'agy_1',
  platform: 'facebook',
  handle: ' westportparks ',
  displayName: '',
  url: '',
  status: 'active',
  syncIntervalMinutes: '60',
  administrators: 'Ada Ames, ada@town.gov\nBo Byrne',
  moderators: 'Mo Moss, mo@town.gov',
  connectorType: 'mock',
  connectorSettings: 'seed = 7\nposts = 40',
};

describe('the account form', () => {
  it('reads people as a name and an optional email per line, and writes them back alike', () => {
    const people = parsePeopleLines('Ada Ames, ada@town.gov\n\n  Bo Byrne  \nSmith, Jr.');
    expect(people).toEqual([{ name: 'Ada Ames', email: 'ada@town.gov' }, { name: 'Bo Byrne' }, { name: 'Smith, Jr.' }]);
    expect(formatPeopleLines(people)).toBe('Ada Ames, ada@town.gov\nBo Byrne\nSmith, Jr.');
  });

  it('reads and writes the phone and the days a person started and stopped, in any order', () => {
    const people = parsePeopleLines('Ada Ames, from 2026-01-05, 203 555 0101, ada@town.gov, until 2026-12-01');
    expect(people).toEqual([
      {
        name: 'Ada Ames',
        email: 'ada@town.gov',
        phone: '203 555 0101',
        startedOn: '2026-01-05',
        stoppedOn: '2026-12-01',
      },
    ]);
    expect(formatPeopleLines(people)).toBe('Ada Ames, ada@town.gov, 203 555 0101, from 2026-01-05, until 2026-12-01');
  });

  it('becomes the API input, optional fields left out when blank', () => {
    const { input, errors } = accountInputFrom(form, [
      'agencyId',
      'platform',
      'handle',
      'displayName',
      'url',
      'status',
      'syncIntervalMinutes',
      'administrators',
      'moderators',
      'connectorSettings',
    ]);
    expect(errors.size).toBe(0);
    expect(input).toEqual({
      agencyId: 'agy_1',
      platform: 'facebook',
      handle: 'westportparks',
      status: 'active',
      syncIntervalMinutes: 60,
      administrators: [{ name: 'Ada Ames', email: 'ada@town.gov' }, { name: 'Bo Byrne' }],
      moderators: [{ name: 'Mo Moss', email: 'mo@town.gov' }],
      connector: { type: 'mock', seed: 7, posts: 40 },
    });
  });

  it("reports unreadable settings on their field, and the API's refusals on the fields they name", () => {
    expect(
      accountInputFrom({ ...form, connectorSettings: 'seed 7' }, ['connectorSettings']).errors.get('connectorSettings'),
    ).toContain('Line 1');
    const errors = accountErrorsFrom({
      status: 400,
      message: 'invalid',
      fields: new Map([
        ['connector.posts', 'expected number'],
        ['administrators.1.email', 'invalid email'],
        ['handle', 'too short'],
      ]),
    });
    expect(Object.fromEntries(errors)).toEqual({
      connectorSettings: 'posts: expected number',
      administrators: 'line 2: invalid email',
      handle: 'too short',
    });
    expect(
      Object.fromEntries(accountErrorsFrom({ status: 409, message: 'already registered', fields: new Map() })),
    ).toEqual({ '': 'already registered' });
  });
});
