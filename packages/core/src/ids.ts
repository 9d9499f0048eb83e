import { randomBytes } from 'node:crypto';
import { sha256Hex } from './hash';

const ID_PREFIXES = {
  agency: 'agy',
  account: 'acc',
  token: 'tok',
  quarantine: 'qua',
  record: 'rec',
  foiaRequest: 'req',
  delivery: 'dlv',
  savedSearch: 'srch',
  bundle: 'bdl',
  user: 'usr',
  policyDocument: 'pol',
  policyVersion: 'polv',
  policyReceipt: 'rcpt',
  peopleChange: 'apc',
  exportImport: 'imp',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

/** A new random id such as `agy_4f9c0a1b2d3e4f5a6b7c`: prefixed so a reader knows what it names. */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${randomBytes(10).toString('hex')}`;
}

/**
 * A record's id is derived from its account and platform id, so every capture of the same item, by any worker,
 * in any retry, lands on the same record.
 */
export function recordIdFor(accountId: string, platformId: string): string {
  return `rec_${sha256Hex(`${accountId}\u0000${platformId}`).slice(0, 24)}`;
}
