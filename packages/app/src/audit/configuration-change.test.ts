import { maskConnectorSecrets, SECRET_MASK } from '../accounts/connector-secrets';
import { configurationChange } from './configuration-change';

describe('a configuration change as audited', () => {
  it('keeps the changed fields before and after, connector secrets masked', () => {
    const before = { displayName: 'Parks', connector: { type: 'mock', seed: 1, apiToken: 'old-secret' } };
    const after = { displayName: 'Parks', connector: { type: 'mock', seed: 2, apiToken: 'new-secret' } };
    const masked = (value: typeof before) => ({
      ...value,
      connector: maskConnectorSecrets(value.connector),
    });
    const change = configurationChange(masked(before), masked(after), ['connector']);
    expect(change).toEqual({
      fields: ['connector'],
      before: { connector: { type: 'mock', seed: 1, apiToken: SECRET_MASK } },
      after: { connector: { type: 'mock', seed: 2, apiToken: SECRET_MASK } },
    });
    expect(JSON.stringify(change)).not.toMatch(/secret/);
  });

  it('shows a field that was empty before as null', () => {
    expect(configurationChange({}, { displayName: 'Parks' }, ['displayName'])).toEqual({
      fields: ['displayName'],
      before: { displayName: null },
      after: { displayName: 'Parks' },
    });
  });
});
