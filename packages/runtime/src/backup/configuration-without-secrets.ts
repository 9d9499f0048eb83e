import type { AppConfig } from '@verbatim/config';

const SECRET_NAMES = /secret|password|token|apikey|accesskey|auth/i;

/**
 * The configuration as a backup keeps it: every setting, with secrets (keys, passwords, tokens, and passwords in
 * URLs) replaced by `***`, so a backup can be stored where secrets may not be.
 */
export function configurationWithoutSecrets(config: Readonly<AppConfig>): unknown {
  return mask(config);
}

function mask(value: unknown, name = ''): unknown {
  if (value === undefined || value === null) return value;
  if (SECRET_NAMES.test(name)) return '***';
  if (Array.isArray(value)) return value.map((item) => mask(item));
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, mask(child, key)]));
  if (typeof value === 'string') return withoutUrlPassword(value);
  return value;
}

function withoutUrlPassword(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  try {
    const url = new URL(text);
    if (!url.password) return text;
    url.password = '***';
    return url.toString();
  } catch {
    return text;
  }
}
