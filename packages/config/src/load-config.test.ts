import path from 'node:path';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.storage).toEqual({ backend: 'fs', rootDir: path.join(path.resolve('./data'), 'objects') });
    expect(config.roles).toEqual(['api', 'ingest', 'index', 'bundle', 'notify']);
    expect(config.catalog).toEqual({ backend: 'sqlite', file: path.join(path.resolve('./data'), 'catalog.sqlite') });
    expect(config.search).toEqual({ backend: 'sqlite', file: path.join(path.resolve('./data'), 'search.sqlite') });
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it('reads the S3 settings only when S3 is chosen', () => {
    const config = loadConfig({
      STORAGE_BACKEND: 's3',
      S3_BUCKET: 'archive',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_FORCE_PATH_STYLE: 'true',
      S3_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    });
    expect(config.storage).toMatchObject({
      backend: 's3',
      bucket: 'archive',
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      createBucketIfMissing: false,
    });
  });

  it('runs any set of process roles, with worker standing for ingest, index, bundle and notify', () => {
    expect(loadConfig({ ROLES: 'api' }).roles).toEqual(['api']);
    expect(loadConfig({ ROLES: 'ingest, notify' }).roles).toEqual(['ingest', 'notify']);
    expect(loadConfig({ ROLES: 'worker,bundle,api' }).roles).toEqual(['ingest', 'index', 'bundle', 'notify', 'api']);
  });

  it('reads platform rate limits shared by all workers, and refuses a malformed one by name', () => {
    expect(loadConfig({}).queue.platformRateLimits).toEqual({});
    expect(
      loadConfig({ PLATFORM_RATE_LIMITS: 'facebook=200/1h, x=900/15m,mock=8/2s' }).queue.platformRateLimits,
    ).toEqual({
      facebook: { calls: 200, windowMs: 3_600_000 },
      x: { calls: 900, windowMs: 900_000 },
      mock: { calls: 8, windowMs: 2000 },
    });
    expect(() => loadConfig({ PLATFORM_RATE_LIMITS: 'facebook=lots' })).toThrow(
      /PLATFORM_RATE_LIMITS: "facebook=lots" is not platform=calls\/window/,
    );
  });

  it('reads OpenID Connect sign-in only with OIDC_ISSUER, its redirect URL from PUBLIC_URL by default', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    const entra = {
      OIDC_ISSUER: 'https://login.microsoftonline.com/4f2c0d1e-0000-4000-8000-000000000000/v2.0',
      OIDC_CLIENT_ID: 'client',
      OIDC_CLIENT_SECRET: 'secret',
      PUBLIC_URL: 'https://verbatim.town.example',
    };
    expect(loadConfig(entra).oidc).toEqual({
      issuer: entra.OIDC_ISSUER,
      clientId: 'client',
      clientSecret: 'secret',
      name: 'single sign-on',
      redirectUrl: 'https://verbatim.town.example/sign-in/oidc/callback',
      requireEmailVerified: true,
      only: false,
    });
    expect(
      loadConfig({
        ...entra,
        OIDC_NAME: 'Microsoft',
        OIDC_REQUIRE_EMAIL_VERIFIED: 'false',
        OIDC_ONLY: 'true',
        OIDC_REDIRECT_URL: 'https://archive.town.example/sign-in/oidc/callback',
      }).oidc,
    ).toMatchObject({
      name: 'Microsoft',
      requireEmailVerified: false,
      only: true,
      redirectUrl: 'https://archive.town.example/sign-in/oidc/callback',
    });
    // A test provider on this machine may answer over plain http.
    expect(loadConfig({ ...entra, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe('http://127.0.0.1:4000');
  });

  it('refuses an incomplete or unsafe OpenID Connect setting by name', () => {
    const issuer = { OIDC_ISSUER: 'https://accounts.google.com', OIDC_CLIENT_ID: 'client', OIDC_CLIENT_SECRET: 's' };
    expect(() => loadConfig({ OIDC_ONLY: 'true' })).toThrow(/OIDC_ONLY: is read only with OIDC_ISSUER; set it too/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://accounts.google.com' })).toThrow(
      /OIDC_CLIENT_ID: is required with OIDC_ISSUER; OIDC_CLIENT_SECRET: is required with OIDC_ISSUER/,
    );
    expect(() => loadConfig(issuer)).toThrow(/OIDC_REDIRECT_URL: set PUBLIC_URL/);
    expect(() =>
      loadConfig({ ...issuer, OIDC_ISSUER: 'http://login.town.example', PUBLIC_URL: 'https://v.example' }),
    ).toThrow(/OIDC_ISSUER: must start with https:\/\//);
    expect(() => loadConfig({ ...issuer, OIDC_REDIRECT_URL: 'https://v.example/callback' })).toThrow(
      /OIDC_REDIRECT_URL: must end with \/sign-in\/oidc\/callback/,
    );
  });

  it('stops with one line naming every bad variable', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', ROLES: 'api,cron' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/REDIS_URL: must start with redis:\/\//);
      expect(message).toMatch(/ROLES/);
    }
  });

  it('reads Object Lock retention and the multipart part size, with their defaults', () => {
    const defaults = loadConfig({ STORAGE_BACKEND: 's3', S3_BUCKET: 'archive' });
    expect(defaults.storage).toMatchObject({ objectLockMode: 'GOVERNANCE', multipartPartSizeBytes: 16 * 1024 * 1024 });
    expect(defaults.storage).toHaveProperty('objectLockRetentionDays', undefined);
    const worm = loadConfig({
      STORAGE_BACKEND: 's3',
      S3_BUCKET: 'archive',
      S3_OBJECT_LOCK_MODE: 'COMPLIANCE',
      S3_OBJECT_LOCK_DAYS: '2555',
      S3_MULTIPART_PART_SIZE_MIB: '64',
    });
    expect(worm.storage).toMatchObject({
      objectLockMode: 'COMPLIANCE',
      objectLockRetentionDays: 2555,
      multipartPartSizeBytes: 64 * 1024 * 1024,
    });
  });

  it('refuses an unknown lock mode, a retention that is not whole days, and parts S3 would refuse, naming each', () => {
    const s3 = { STORAGE_BACKEND: 's3', S3_BUCKET: 'archive' };
    expect(() => loadConfig({ ...s3, S3_OBJECT_LOCK_MODE: 'FOREVER' })).toThrow(/S3_OBJECT_LOCK_MODE/);
    expect(() => loadConfig({ ...s3, S3_OBJECT_LOCK_DAYS: '0' })).toThrow(/S3_OBJECT_LOCK_DAYS/);
    expect(() => loadConfig({ ...s3, S3_OBJECT_LOCK_DAYS: '1.5' })).toThrow(/S3_OBJECT_LOCK_DAYS/);
    expect(() => loadConfig({ ...s3, S3_MULTIPART_PART_SIZE_MIB: '4' })).toThrow(/S3_MULTIPART_PART_SIZE_MIB/);
  });

  it('requires a bucket when S3 is chosen', () => {
    expect(() => loadConfig({ STORAGE_BACKEND: 's3' })).toThrow(/S3_BUCKET/);
  });

  it('reads the Elasticsearch settings only when Elasticsearch is chosen', () => {
    expect(loadConfig({ ELASTICSEARCH_URL: 'not a url' }).search.backend).toBe('sqlite');
    expect(loadConfig({ SEARCH_BACKEND: 'elasticsearch', ELASTICSEARCH_URL: 'http://127.0.0.1:9200' }).search).toEqual({
      backend: 'elasticsearch',
      node: 'http://127.0.0.1:9200',
      index: 'verbatim-records',
      auth: undefined,
    });
    const withKey = loadConfig({
      SEARCH_BACKEND: 'elasticsearch',
      ELASTICSEARCH_URL: 'https://es.town.gov',
      ELASTICSEARCH_INDEX: 'records',
      ELASTICSEARCH_API_KEY: 'a2V5',
    });
    expect(withKey.search).toEqual({
      backend: 'elasticsearch',
      node: 'https://es.town.gov',
      index: 'records',
      auth: { apiKey: 'a2V5' },
    });
    const withPassword = loadConfig({
      SEARCH_BACKEND: 'elasticsearch',
      ELASTICSEARCH_URL: 'https://es.town.gov',
      ELASTICSEARCH_USERNAME: 'verbatim',
      ELASTICSEARCH_PASSWORD: 'secret',
    });
    expect(withPassword.search).toMatchObject({ auth: { username: 'verbatim', password: 'secret' } });
  });

  it('requires a URL with Elasticsearch, and a password with a username', () => {
    expect(() => loadConfig({ SEARCH_BACKEND: 'elasticsearch' })).toThrow(
      /ELASTICSEARCH_URL: is required with SEARCH_BACKEND=elasticsearch/,
    );
    expect(() =>
      loadConfig({
        SEARCH_BACKEND: 'elasticsearch',
        ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
        ELASTICSEARCH_USERNAME: 'verbatim',
      }),
    ).toThrow(/ELASTICSEARCH_PASSWORD: set ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD together/);
    expect(() => loadConfig({ SEARCH_BACKEND: 'opensearch' })).toThrow(
      /SEARCH_BACKEND: must be sqlite or elasticsearch/,
    );
  });

  it('reads the PostgreSQL settings only when the PostgreSQL catalog is chosen, with their defaults', () => {
    expect(loadConfig({ DATABASE_URL: 'not a url', DATABASE_POOL_SIZE: 'many' }).catalog.backend).toBe('sqlite');
    expect(
      loadConfig({ CATALOG_BACKEND: 'postgres', DATABASE_URL: 'postgres://verbatim:secret@db:5432/verbatim' }).catalog,
    ).toEqual({
      backend: 'postgres',
      connectionString: 'postgres://verbatim:secret@db:5432/verbatim',
      schema: 'public',
      poolSize: 10,
    });
    const chosen = loadConfig({
      CATALOG_BACKEND: 'postgres',
      DATABASE_URL: 'postgresql://db/verbatim',
      DATABASE_SCHEMA: 'westport',
      DATABASE_POOL_SIZE: '25',
    });
    expect(chosen.catalog).toEqual({
      backend: 'postgres',
      connectionString: 'postgresql://db/verbatim',
      schema: 'westport',
      poolSize: 25,
    });
    expect(Object.isFrozen(chosen.catalog)).toBe(true);
  });

  it('requires a database URL with the PostgreSQL catalog, and refuses a schema or pool size it cannot use, naming each', () => {
    const postgres = { CATALOG_BACKEND: 'postgres', DATABASE_URL: 'postgres://db/verbatim' };
    expect(() => loadConfig({ CATALOG_BACKEND: 'postgres' })).toThrow(
      /DATABASE_URL: is required with CATALOG_BACKEND=postgres/,
    );
    expect(() => loadConfig({ ...postgres, DATABASE_URL: 'mysql://db/verbatim' })).toThrow(
      /DATABASE_URL: must start with postgres:\/\//,
    );
    expect(() => loadConfig({ ...postgres, DATABASE_SCHEMA: 'Town-1' })).toThrow(/DATABASE_SCHEMA: lower-case letters/);
    expect(() => loadConfig({ ...postgres, DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ ...postgres, DATABASE_POOL_SIZE: '2.5' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ CATALOG_BACKEND: 'mysql' })).toThrow(/CATALOG_BACKEND: must be sqlite or postgres/);
  });
});

describe('loadConfig: town and notifications', () => {
  it('reads the attorney list, SMTP and webhook settings', () => {
    const config = loadConfig({
      ATTORNEY_NOTIFY_EMAILS: 'attorney@town.gov, clerk@town.gov',
      IT_NOTIFY_EMAILS: 'helpdesk@town.gov',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      NOTIFY_WEBHOOK_URL: 'https://hooks.town.gov/foia',
      NOTIFY_WEBHOOK_SECRET: 'a-secret-of-some-length',
      TOWN_NAME: 'Westport',
    });
    expect(config.notify.attorneyEmails).toEqual(['attorney@town.gov', 'clerk@town.gov']);
    expect(config.notify.itEmails).toEqual(['helpdesk@town.gov']);
    expect(loadConfig({}).notify.itEmails).toEqual([]);
    expect(config.notify.smtpUrl).toBe('smtp://127.0.0.1:2525');
    expect(config.notify.webhook).toEqual({ url: 'https://hooks.town.gov/foia', secret: 'a-secret-of-some-length' });
    expect(config.town).toEqual({ name: 'Westport', timeZone: 'America/New_York', publicUrl: undefined });
  });

  it('refuses a webhook without a secret, a bad address and an unknown time zone, naming each', () => {
    expect(() => loadConfig({ NOTIFY_WEBHOOK_URL: 'https://hooks.town.gov/foia' })).toThrow(/NOTIFY_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ATTORNEY_NOTIFY_EMAILS: 'attorney@town.gov, not-an-address' })).toThrow(
      /ATTORNEY_NOTIFY_EMAILS/,
    );
    expect(() => loadConfig({ IT_NOTIFY_EMAILS: 'it at town' })).toThrow(/IT_NOTIFY_EMAILS/);
    expect(() => loadConfig({ TOWN_TIME_ZONE: 'Mars/Olympus' })).toThrow(/TOWN_TIME_ZONE/);
  });
});
