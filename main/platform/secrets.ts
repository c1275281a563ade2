import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE, tightenIfPresent } from './privateFiles';

/**
 * Turns a secret into text that is safe to store, and back: SIP passwords, provider credentials, and any
 * later secret (voice-engine keys, webhook secrets). The desktop app seals with the OS keychain
 * (Electron safeStorage); the headless host, the CLIs and the tests with a key file beside the database.
 */
export interface SecretSealer {
  /** What the sealed values name as their maker: 'aes-256-gcm' (the key file), 'safe-storage' (the desktop app). */
  readonly kind: string;
  seal(plain: string): string;
  /** Throws when the value was not sealed by this sealer or was changed since. */
  open(sealed: string): string;
}

/**
 * Every sealed value starts with this, then the kind of sealer that made it: a value stored before sealing
 * existed is told apart (and sealed when the workspace opens), and one sealed by another kind fails by name
 * instead of being dialed with as if it were the password.
 */
export const SEALED_PREFIX = 'sealed:';

export const isSealed = (value: string): boolean => value.startsWith(SEALED_PREFIX);

const kindOf = (sealed: string) => sealed.slice(SEALED_PREFIX.length).split(':')[0];

/** A sealer from a cipher: its values read `sealed:<kind>:<base64 of the cipher's bytes>`. */
export function taggedSealer(kind: string, encrypt: (plain: string) => Buffer, decrypt: (bytes: Buffer) => string): SecretSealer {
  const tag = `${SEALED_PREFIX}${kind}:`;
  return {
    kind,
    seal: (plain) => tag + encrypt(plain).toString('base64'),
    open(sealed) {
      if (!isSealed(sealed)) throw new Error('This secret is not sealed');
      if (!sealed.startsWith(tag)) throw new Error(`This secret was sealed by ${kindOf(sealed)}, not ${kind}`);
      try {
        return decrypt(Buffer.from(sealed.slice(tag.length), 'base64'));
      } catch (error) {
        throw new Error(`A stored secret cannot be opened with this ${kind} key (was it replaced?): ${(error as Error).message}`);
      }
    },
  };
}

/**
 * Seals with `primary` and opens what it sealed, and what `other` sealed as well: the desktop app seals with
 * the keychain, yet reads a secret a CLI sealed with the key file on the same workspace. `other` is made
 * the first time it is needed.
 */
export function alsoOpening(primary: SecretSealer, other: () => SecretSealer): SecretSealer {
  let fallback: SecretSealer | undefined;
  return {
    kind: primary.kind,
    seal: (plain) => primary.seal(plain),
    open: (sealed) => (kindOf(sealed) === primary.kind ? primary : (fallback ??= other())).open(sealed),
  };
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** AES-256-GCM: a fresh nonce per value; the auth tag refuses a value changed on disk or sealed with another key. */
export function aesGcmSealer(key: Buffer): SecretSealer {
  return taggedSealer(
    'aes-256-gcm',
    (plain) => {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]);
    },
    (bytes) => {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
      decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  );
}

/**
 * The key-file sealer: `file` holds 32 random bytes, 0600, made on first use. The key is written to a
 * temporary file and hard-linked into place, so two processes starting at once agree on one whole key.
 */
export function keyFileSealer(file: string): SecretSealer {
  return aesGcmSealer(readOrCreateKey(file));
}

function readOrCreateKey(file: string): Buffer {
  try {
    return checkedKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, randomBytes(KEY_BYTES), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return checkedKey(file);
}

function checkedKey(file: string): Buffer {
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) throw new Error(`${file} is not a Dialwell key (${KEY_BYTES} bytes expected, ${key.length} found)`);
  tightenIfPresent(file);
  return key;
}
