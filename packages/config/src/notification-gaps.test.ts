import { loadConfig } from './load-config';
import { notificationGaps, notificationWarnings } from './notification-gaps';

const gapsOf = (env: Record<string, string>) => notificationGaps(loadConfig(env).notify).map((gap) => gap.missing);
const WEBHOOK = { NOTIFY_WEBHOOK_URL: 'https://hooks.town.gov/foia', NOTIFY_WEBHOOK_SECRET: 'a-secret-of-some-length' };

describe('notificationGaps', () => {
  it('names nothing when the attorney list has a mail server', () => {
    expect(gapsOf({ ATTORNEY_NOTIFY_EMAILS: 'attorney@town.gov', SMTP_URL: 'smtp://127.0.0.1:25' })).toEqual([]);
    expect(
      gapsOf({ ATTORNEY_NOTIFY_EMAILS: 'attorney@town.gov', SMTP_URL: 'smtp://127.0.0.1:25', ...WEBHOOK }),
    ).toEqual([]);
  });

  it('names exactly the settings that are missing', () => {
    expect(gapsOf({})).toEqual(['ATTORNEY_NOTIFY_EMAILS', 'SMTP_URL or NOTIFY_WEBHOOK_URL']);
    expect(gapsOf({ ATTORNEY_NOTIFY_EMAILS: 'attorney@town.gov' })).toEqual(['SMTP_URL']);
    expect(gapsOf({ ATTORNEY_NOTIFY_EMAILS: 'attorney@town.gov', ...WEBHOOK })).toEqual(['SMTP_URL']);
    expect(gapsOf({ SMTP_URL: 'smtp://127.0.0.1:25' })).toEqual(['ATTORNEY_NOTIFY_EMAILS']);
    expect(gapsOf(WEBHOOK)).toEqual(['ATTORNEY_NOTIFY_EMAILS']);
  });

  it('says what happens meanwhile', () => {
    const [gap] = notificationGaps(loadConfig({ ATTORNEY_NOTIFY_EMAILS: 'attorney@town.gov' }).notify);
    expect(gap.problem).toMatch(/wait, pending, until the service starts with SMTP_URL set/);
  });

  it('warns, without calling notifications not ready, when IT_NOTIFY_EMAILS leaves account notices to the IT administrators', () => {
    const ready = { ATTORNEY_NOTIFY_EMAILS: 'attorney@town.gov', SMTP_URL: 'smtp://127.0.0.1:25' };
    expect(notificationGaps(loadConfig(ready).notify)).toEqual([]);
    expect(notificationWarnings(loadConfig(ready).notify)).toEqual([
      { missing: 'IT_NOTIFY_EMAILS', problem: expect.stringContaining('active IT administrators') as string },
    ]);
    expect(notificationWarnings(loadConfig({ ...ready, IT_NOTIFY_EMAILS: 'it@town.gov' }).notify)).toEqual([]);
  });
});
