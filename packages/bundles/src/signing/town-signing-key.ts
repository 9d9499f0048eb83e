import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The town's Ed25519 key that signs each bundle's manifest; only its public half ever leaves the process. */
export interface TownSigningKey {
  /** SubjectPublicKeyInfo PEM: what `openssl pkeyutl -verify -pubin -inkey` reads. */
  publicKeyPem: string;
  /** SHA-256 of the public key's DER encoding, in hex: short enough to read aloud or print in a letter. */
  fingerprint: string;
  /** A detached Ed25519 signature (64 bytes) of the bytes as they are. */
  sign(data: Uint8Array): Buffer;
}

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

/**
 * Reads the town's signing key from `file` (a PKCS#8 PEM, e.g. made by `openssl genpkey -algorithm ed25519`), or
 * makes one there on first start, readable by its owner only (mode 0600). Two processes starting at once agree:
 * the file is created exclusively, and the loser reads the winner's key.
 */
export async function loadOrCreateTownSigningKey(file: string): Promise<TownSigningKey> {
  const existing = await readKeyFile(file);
  if (existing) return townSigningKeyOf(parsePrivateKey(existing, file));
  await mkdir(path.dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(pem);
    } finally {
      await handle.close();
    }
    return townSigningKeyOf(privateKey);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return townSigningKeyOf(parsePrivateKey((await readKeyFile(file))!, file));
  }
}

async function readKeyFile(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parsePrivateKey(pem: string, file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new SigningKeyError(`${file} is not a private key in PEM: make one with openssl genpkey -algorithm ed25519`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(`${file} holds a ${key.asymmetricKeyType} key; the town signing key must be Ed25519`);
  return key;
}

/** The signing key around an Ed25519 private key (tests make throwaway ones). */
export function townSigningKeyOf(privateKey: KeyObject): TownSigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: publicKeyFingerprint(publicKey),
    sign: (data) => sign(null, data, privateKey),
  };
}

/** SHA-256 of a public key's DER (SubjectPublicKeyInfo), in hex. */
export function publicKeyFingerprint(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Whether `signature` is a valid Ed25519 signature of `data` by the key in `publicKeyPem`; false for a bad key too. */
export function verifyDetachedSignature(publicKeyPem: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    return key.asymmetricKeyType === 'ed25519' && verify(null, data, key, signature);
  } catch {
    return false;
  }
}
