import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey, KeyRing } from './key-ring.js';

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

/**
 * The associated data binds a ciphertext to its case and field: moving it elsewhere makes it fail to open. Values
 * sealed under a case's data key (v2) also bind the field's write count, so an older ciphertext cannot be put back.
 */
function associatedData(referralId: string, field: string, version?: number): Buffer {
  return Buffer.from(
    version === undefined
      ? `pre-referrals:v1:${referralId}:${field}`
      : `pre-referrals:v2:${referralId}:${field}:${version}`,
    'utf8',
  );
}

/** The associated data of a wrapped case key: a wrapped key moved to another case does not open. */
function wrapAssociatedData(referralId: string): Buffer {
  return Buffer.from(`pre-referrals:case-key:${referralId}`, 'utf8');
}

/** GCM's full-length tag and its standard nonce: a shorter tag would let a forgery through by guessing. */
const TAG_BYTES = 16;
const IV_BYTES = 12;

/** The marker in `sensitive_values.key_id` of a value sealed under its case's data key. */
export const CASE_KEY_ID = 'case';

/** A case's data key wrapped by a key-ring key, as stored in case_keys. */
export interface WrappedKey {
  kekId: string;
  iv: string;
  wrapped: string;
  authTag: string;
}

export function gcmSeal(
  key: Buffer,
  aad: Buffer,
  plaintext: Buffer,
): { iv: string; ciphertext: string; authTag: string } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
  };
}

/** Throws on any failure, including a short tag or nonce (Node would accept a truncated tag unless told its length). */
export function gcmOpen(key: Buffer, aad: Buffer, sealed: { iv: string; ciphertext: string; authTag: string }): Buffer {
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.authTag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('bad sizes');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
}

/** Keys that wrap case keys: the newest for new wrappings, any by id to unwrap. */
export interface KeySource {
  readonly current: EncryptionKey;
  find(id: string): EncryptionKey | undefined;
}

/** A fresh 256-bit data key for one case, wrapped by the current wrapping key. */
export function newCaseKey(keys: KeySource, referralId: string): { key: Buffer; wrapped: WrappedKey } {
  const key = randomBytes(32);
  return { key, wrapped: wrapCaseKey(keys, referralId, key) };
}

export function wrapCaseKey(keys: KeySource, referralId: string, key: Buffer): WrappedKey {
  const { iv, ciphertext, authTag } = gcmSeal(keys.current.key, wrapAssociatedData(referralId), key);
  return { kekId: keys.current.id, iv, wrapped: ciphertext, authTag };
}

export function unwrapCaseKey(keys: KeySource, referralId: string, wrapped: WrappedKey): Buffer {
  const kek = keys.find(wrapped.kekId);
  if (!kek) throw new UnknownKeyError(wrapped.kekId);
  try {
    const key = gcmOpen(kek.key, wrapAssociatedData(referralId), { ...wrapped, ciphertext: wrapped.wrapped });
    if (key.length !== 32) throw new Error('bad key size');
    return key;
  } catch {
    throw new TamperedValueError('case key');
  }
}

/** Seals one field under its case's data key, bound to the field's write count. */
export function sealWithCaseKey(
  caseKey: Buffer,
  referralId: string,
  field: string,
  version: number,
  plaintext: string,
): SealedValue {
  return {
    keyId: CASE_KEY_ID,
    ...gcmSeal(caseKey, associatedData(referralId, field, version), Buffer.from(plaintext, 'utf8')),
  };
}

export function openWithCaseKey(
  caseKey: Buffer,
  referralId: string,
  field: string,
  version: number,
  sealed: SealedValue,
): string {
  try {
    return gcmOpen(caseKey, associatedData(referralId, field, version), sealed).toString('utf8');
  } catch {
    throw new TamperedValueError(field);
  }
}

/**
 * Legacy sealing directly under the ring's newest key, as values were written before case keys: kept to read them
 * and to test their upgrade. New values are sealed with `sealWithCaseKey`.
 */
export function seal(keys: KeyRing, referralId: string, field: string, plaintext: string): SealedValue {
  const { id, key } = keys.current;
  return { keyId: id, ...gcmSeal(key, associatedData(referralId, field), Buffer.from(plaintext, 'utf8')) };
}

/** Opens a value sealed directly under a key-ring key (before case keys existed). */
export function open(keys: KeyRing, referralId: string, field: string, sealed: SealedValue): string {
  const key = keys.find(sealed.keyId);
  if (!key) throw new UnknownKeyError(sealed.keyId);
  try {
    return gcmOpen(key.key, associatedData(referralId, field), sealed).toString('utf8');
  } catch {
    throw new TamperedValueError(field);
  }
}
