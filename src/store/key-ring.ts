import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

export const GENERATED_KEY_FILE = 'encryption.key';

/**
 * Embedded mode only: with no key configured, one is generated once into the data directory (mode 0600) so that a
 * first `npm start` works. The caller warns the operator; a server deployment must set its key explicitly.
 */
export function loadOrCreateEmbeddedKey(dataDir: string): { material: string; created: boolean } {
  const file = join(dataDir, GENERATED_KEY_FILE);
  if (existsSync(file)) {
    const material = readFileSync(file, 'utf8').trim();
    if (!isKeyMaterial(material)) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return { material, created: false };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const material = randomBytes(32).toString('base64');
  writeFileSync(file, `${material}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { material, created: true };
}

/**
 * The key material in force: the configured ring, or in embedded mode the key kept in the data directory
 * (created on first start when `create` is set).
 */
export function resolveKeyMaterial(
  configured: readonly string[],
  dataDir: string,
  create: boolean,
): { material: string[]; created: boolean } {
  if (configured.length > 0) return { material: [...configured], created: false };
  if (!create && !existsSync(join(dataDir, GENERATED_KEY_FILE))) {
    throw new Error(`no encryption key configured and none in ${dataDir}/${GENERATED_KEY_FILE}`);
  }
  const { material, created } = loadOrCreateEmbeddedKey(dataDir);
  return { material: [material], created };
}
