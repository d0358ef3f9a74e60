import { KeyRing } from '../../src/store/key-ring.js';
import { type StoreKeys, WrappingKeys } from '../../src/store/wrapping-keys.js';

/** The stores' keys for a test: a ring of `material` (newest first) over the wrapping keys in `keysDir`. */
export function storeKeys(material: string[], keysDir: string, now = new Date()): StoreKeys {
  const ring = new KeyRing(material);
  return { ring, wrapping: WrappingKeys.open(keysDir, ring, now) };
}

/** Two ring keys for tests (32 bytes each, base64), A older than B. */
export const KEY_A = Buffer.alloc(32, 1).toString('base64');
export const KEY_B = Buffer.alloc(32, 2).toString('base64');
