import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring.js';

/** An encrypted value as stored: binary parts in base64. */
export interface SealedValue {
  keyId: string;
  iv: string;
  ciphertext: string;
  authTag: string;
}

/** A stored value that fails authentication: altered, or sealed for another case or field. Never shown. */
export class TamperedValueError extends Error {
  readonly code = 'tampered_value';
  constructor(readonly field: string) {
    super(`stored value for field "${field}" failed authentication`);
  }
}

export class UnknownKeyError extends Error {
  readonly code = 'unknown_key';
  constructor(readonly keyId: string) {
    super(`no configured encryption key has id ${keyId}`);
  }
}

/** The associated data binds a ciphertext to its case and field: moving it elsewhere makes it fail to open. */
function associatedData(referralId: string, field: string): Buffer {
  return Buffer.from(`pre-referrals:v1:${referralId}:${field}`, 'utf8');
}

/** GCM's full-length tag and its standard nonce: a shorter tag would let a forgery through by guessing. */
const TAG_BYTES = 16;
const IV_BYTES = 12;

/** AES-256-GCM with a fresh 96-bit nonce per value. */
export function seal(keys: KeyRing, referralId: string, field: string, plaintext: string): SealedValue {
  const { id, key } = keys.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(referralId, field));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    keyId: id,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
  };
}

export function open(keys: KeyRing, referralId: string, field: string, sealed: SealedValue): string {
  const key = keys.find(sealed.keyId);
  if (!key) throw new UnknownKeyError(sealed.keyId);
  try {
    const iv = Buffer.from(sealed.iv, 'base64');
    const tag = Buffer.from(sealed.authTag, 'base64');
    // Node accepts a truncated tag unless told its length: a 4-byte prefix of the tag would open the value.
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('bad sizes');
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(referralId, field));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new TamperedValueError(field);
  }
}
