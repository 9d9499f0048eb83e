import { loadConfig } from '@verbatim/config';
import { configurationWithoutSecrets } from './configuration-without-secrets';

describe('the configuration a backup keeps', () => {
  it('keeps every setting but masks keys, passwords, tokens and passwords inside URLs', () => {
    const config = loadConfig({
      DATA_DIR: '/srv/verbatim',
      STORAGE_BACKEND: 's3',
      S3_BUCKET: 'town-archive',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'very-secret-key',
      CATALOG_BACKEND: 'postgres',
      DATABASE_URL: 'postgres://verbatim:db-password@db.internal:5432/verbatim',
      SMTP_URL: 'smtp://mailer:mail-password@smtp.town.example:587',
      NOTIFY_WEBHOOK_URL: 'https://hooks.town.example/foia',
      NOTIFY_WEBHOOK_SECRET: 'webhook-secret-123456',
      BOOTSTRAP_ADMIN_TOKEN: 'bootstrap-token-0123456789abcdef',
      TOWN_NAME: 'Town of Westport',
    });
    const kept = configurationWithoutSecrets(config) as Record<string, Record<string, unknown>>;
    const text = JSON.stringify(kept);
    for (const secret of [
      'AKIAEXAMPLE',
      'very-secret-key',
      'db-password',
      'mail-password',
      'webhook-secret',
      'bootstrap-token',
    ])
      expect(text).not.toContain(secret);
    expect(kept.town.name).toBe('Town of Westport');
    expect(kept.storage).toMatchObject({ bucket: 'town-archive', secretAccessKey: '***', accessKeyId: '***' });
    expect(kept.catalog.connectionString).toBe('postgres://verbatim:***@db.internal:5432/verbatim');
    expect(kept.notify.smtpUrl).toBe('smtp://mailer:***@smtp.town.example:587');
    expect(kept.notify.webhook).toEqual({ url: 'https://hooks.town.example/foia', secret: '***' });
    expect(kept.bootstrapAdminToken).toBe('***');
  });
});
