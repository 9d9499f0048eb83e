import { isSecretSetting, keepStoredSecrets, maskConnectorSecrets, SECRET_MASK } from './connector-secrets';
import { describeConnectorTypes } from './connector-types';

describe('connector secrets', () => {
  it('recognizes credential-looking setting names', () => {
    expect(['accessToken', 'clientSecret', 'password', 'apiKey', 'appCredentials'].every(isSecretSetting)).toBe(true);
    expect(['seed', 'posts', 'pageSize', 'handle', 'type'].some(isSecretSetting)).toBe(false);
  });

  it('masks secret values and leaves the rest as stored', () => {
    expect(maskConnectorSecrets({ type: 'x', accessToken: 'abc', pageSize: 10 })).toEqual({
      type: 'x',
      accessToken: SECRET_MASK,
      pageSize: 10,
    });
  });

  it("masks a Facebook Page's token and app secret, and nothing else of its settings", () => {
    const facebook = {
      type: 'facebook',
      pageId: '104000000000001',
      accessToken: 'EAAtoken',
      graphUrl: 'https://graph.facebook.com',
      apiVersion: 'v21.0',
      appSecret: 'app-secret',
    };
    expect(maskConnectorSecrets(facebook)).toEqual({ ...facebook, accessToken: SECRET_MASK, appSecret: SECRET_MASK });
  });

  it("masks an Instagram account's token, and nothing else of its settings", () => {
    const instagram = {
      type: 'instagram',
      igUserId: '17841400000000001',
      accessToken: 'EAAtoken',
      graphUrl: 'https://graph.facebook.com',
      apiVersion: 'v21.0',
    };
    expect(maskConnectorSecrets(instagram)).toEqual({ ...instagram, accessToken: SECRET_MASK });
  });

  it('keeps a stored secret when the edit left it blank or masked, and takes a new one when typed', () => {
    const stored = { type: 'x', accessToken: 'old', clientSecret: 'kept', pageSize: 10 };
    expect(keepStoredSecrets({ type: 'x', accessToken: '', clientSecret: SECRET_MASK, pageSize: 20 }, stored)).toEqual({
      type: 'x',
      accessToken: 'old',
      clientSecret: 'kept',
      pageSize: 20,
    });
    expect(keepStoredSecrets({ type: 'x', accessToken: 'new' }, stored)).toEqual({ type: 'x', accessToken: 'new' });
  });

  it('keeps nothing across a change of connector type', () => {
    expect(keepStoredSecrets({ type: 'y', accessToken: '' }, { type: 'x', accessToken: 'old' })).toEqual({
      type: 'y',
      accessToken: '',
    });
  });
});

describe('the registered connectors’ credentials', () => {
  it('are all masked by name, whatever the platform', () => {
    const types = describeConnectorTypes();
    const mastodon = types.find((type) => type.type === 'mastodon')!;
    expect(mastodon.settings.map((setting) => setting.name)).toContain('accessToken');
    const credentials = types.flatMap((type) =>
      type.settings.filter((setting) => /token|secret|password/i.test(setting.name)),
    );
    expect(credentials.length).toBeGreaterThan(0);
    expect(credentials.every((setting) => isSecretSetting(setting.name))).toBe(true);
    expect(
      maskConnectorSecrets({
        type: 'mastodon',
        instanceUrl: 'https://gov.social',
        account: 'townofx',
        accessToken: 't',
      }),
    ).toEqual({ type: 'mastodon', instanceUrl: 'https://gov.social', account: 'townofx', accessToken: SECRET_MASK });
  });
});

describe('the registered connectors’ list settings', () => {
  it('are told apart from single values, from the schemas', () => {
    const types = describeConnectorTypes();
    const lists = types.flatMap((type) =>
      type.settings.filter((setting) => setting.list).map((setting) => `${type.type}.${setting.name}`),
    );
    expect(lists).toEqual(expect.arrayContaining(['mediawiki.pages', 'website.urls']));
    expect(lists).not.toContain('mastodon.accessToken');
    expect(lists).not.toContain('website.depth');
  });
});
