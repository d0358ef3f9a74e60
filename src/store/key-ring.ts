import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isKeyMaterial } from '../config.js';

export interface EncryptionKey {
  /** Derived from the key itself, so operators never have to name keys and a typo cannot mislabel one. */
  id: string;
  key: Buffer;
}

/** Ordered keys, newest first: new writes use the newest, reads use the key id stored with each value. */
export class KeyRing {
  readonly keys: readonly EncryptionKey[];

  constructor(material: readonly string[]) {
    if (material.length === 0) throw new Error('a key ring needs at least one key');
    this.keys = material.map((m) => {
      const key = Buffer.from(m, 'base64');
      return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
    });
  }

  get current(): EncryptionKey {
    return this.keys[0] as EncryptionKey;
  }

  find(id: string): EncryptionKey | undefined {
    return this.keys.find((k) => k.id === id);
  }

  has(id: string): boolean {
    return this.find(id) !== undefined;
  }
}

/** Where earlier versions kept the generated key: inside the data directory, so every backup of the data held it. */
export const LEGACY_KEY_FILE = 'encryption.key';

export class KeyFileError extends Error {
  readonly code = 'key_file_unsafe';
}

/** The key file must be this user's and readable by nobody else: it opens every child's file. */
function checkKeyFile(file: string): void {
  const stat = statSync(file);
  if ((stat.mode & 0o077) !== 0)
    throw new KeyFileError(`${file} is readable or writable by others: run chmod 600 ${file} (it holds the key)`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid)
    throw new KeyFileError(`${file} belongs to another user (uid ${stat.uid}): the app must own its key file`);
}

/**
 * Embedded mode only: with no key configured, one is generated once into `keyFile` (mode 0600), outside the data
 * directory, so that a first `npm start` works. A key an earlier version left inside the data directory is moved
 * there. The caller warns the operator; a server deployment must set its key explicitly.
 */
export function loadOrCreateEmbeddedKey(
  dataDir: string,
  keyFile: string,
): { material: string; created: boolean; moved: boolean } {
  const legacy = join(dataDir, LEGACY_KEY_FILE);
  let moved = false;
  if (!existsSync(keyFile) && existsSync(legacy)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    renameSync(legacy, keyFile);
    moved = true;
  }
  if (existsSync(keyFile)) {
    checkKeyFile(keyFile);
    const material = readFileSync(keyFile, 'utf8').trim();
    if (!isKeyMaterial(material)) throw new Error(`${keyFile} does not hold a 32-byte base64 key`);
    return { material, created: false, moved };
  }
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const material = randomBytes(32).toString('base64');
  writeFileSync(keyFile, `${material}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  return { material, created: true, moved: false };
}

/**
 * The key material in force: the configured ring, or in embedded mode the generated key in `keyFile` (created on
 * first start when `create` is set).
 */
export function resolveKeyMaterial(
  configured: readonly string[],
  dataDir: string,
  keyFile: string,
  create: boolean,
): { material: string[]; created: boolean; moved: boolean } {
  if (configured.length > 0) return { material: [...configured], created: false, moved: false };
  if (!create && !existsSync(keyFile) && !existsSync(join(dataDir, LEGACY_KEY_FILE))) {
    throw new Error(`no encryption key configured and none in ${keyFile}`);
  }
  const { material, created, moved } = loadOrCreateEmbeddedKey(dataDir, keyFile);
  return { material: [material], created, moved };
}
