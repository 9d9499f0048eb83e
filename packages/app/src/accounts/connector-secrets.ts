import type { Account } from '@verbatim/core';

/** Setting names that hold credentials: accepted, stored, used by the connector, never shown back. */
const SECRET_SETTING = /secret|token|password|passphrase|key|credential/i;

/** The mask shown in place of a secret setting's value. */
export const SECRET_MASK = '••••';

export function isSecretSetting(name: string): boolean {
  return SECRET_SETTING.test(name);
}

/** The connector settings with every secret-looking value replaced by the mask. */
export function maskConnectorSecrets(connector: Account['connector']): Account['connector'] {
  return Object.fromEntries(
    Object.entries(connector).map(([name, value]) => [name, isSecretSetting(name) ? SECRET_MASK : value]),
  ) as Account['connector'];
}

/**
 * Settings as submitted on an edit form, where a secret left blank (or still showing the mask) means "keep what
 * is stored": the form never receives the stored secret, so it cannot send it back.
 */
export function keepStoredSecrets(submitted: Account['connector'], stored: Account['connector']): Account['connector'] {
  if (submitted.type !== stored.type) return submitted;
  const merged: Record<string, unknown> = { ...submitted };
  for (const [name, value] of Object.entries(submitted)) {
    const blank = value === '' || value === SECRET_MASK || value === undefined;
    if (isSecretSetting(name) && blank && name in stored) merged[name] = stored[name];
  }
  return merged as Account['connector'];
}
