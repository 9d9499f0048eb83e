import { hashInts } from '../../mock/prng';

/**
 * Identifiers shaped like the platform's: DIDs (`did:plc:` + 24 base32 characters), record keys (TIDs: 13
 * base32-sortable characters of a microsecond timestamp and a clock id) and CIDs. The fake encodes each
 * item's position in its TID, so an at:// URI leads back to the item without any index in memory.
 */

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';

/** `length` base32 characters drawn from a seeded hash chain. */
export function base32Of(seed: number, length: number): string {
  let out = '';
  for (let index = 0; out.length < length; index++) {
    let word = hashInts(seed, index, 0x1d);
    for (let bits = 0; bits < 6 && out.length < length; bits++, word >>>= 5) out += BASE32[word & 31];
  }
  return out;
}

export function didOfSeed(seed: number): string {
  return `did:plc:${base32Of(seed, 24)}`;
}

/** A CID-looking string (`bafyrei…` for records, `bafkrei…` for blobs), unique per seed. */
export function cidOf(prefix: 'bafyrei' | 'bafkrei', seed: number): string {
  return prefix + base32Of(seed, 52);
}

/** The TID of a microsecond timestamp. */
export function tidOf(micros: number, clockId: number): string {
  let value = (BigInt(micros) << 10n) | BigInt(clockId & 1023);
  let out = '';
  for (let index = 0; index < 13; index++, value >>= 5n) out = BASE32_SORTABLE[Number(value & 31n)] + out;
  return out;
}

/** The microsecond timestamp of a TID, or undefined when it is not one. */
export function microsOfTid(tid: string): number | undefined {
  if (!/^[2-7a-z]{13}$/.test(tid)) return undefined;
  let value = 0n;
  for (const char of tid) value = (value << 5n) | BigInt(BASE32_SORTABLE.indexOf(char));
  return Number(value >> 10n);
}
