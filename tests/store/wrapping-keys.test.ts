import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyRing } from '../../src/store/key-ring.js';
import { WrappingKeyError, WrappingKeys } from '../../src/store/wrapping-keys.js';
import { KEY_A, KEY_B } from '../support/keys.js';

const day = (d: string) => new Date(`${d}T03:00:00Z`);

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));
const dirOf = () => {
  root = mkdtempSync(join(tmpdir(), 'pre-wrap-'));
  return join(root, 'keys');
};

describe('wrapping keys', () => {
  it('start in a private directory, are shared by instances, renewed by one and seen by the other', () => {
    const dir = dirOf();
    const a = WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-01-05'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const [file] = readdirSync(dir);
    expect(statSync(join(dir, file as string)).mode & 0o777).toBe(0o600);
    // The file holds the key sealed, never in clear.
    expect(readFileSync(join(dir, file as string), 'utf8')).not.toContain(a.current.key.toString('base64'));
    const b = WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-01-06'));
    expect(b.current.id).toBe(a.current.id);

    const first = a.current.id;
    const renewed = a.rotate(day('2026-02-01'), 1);
    expect(a.current.id).toBe(renewed.id);
    // The other instance opens the new key when a case key names it, and takes it up once it re-reads.
    expect(b.find(renewed.id)?.key.equals(renewed.key)).toBe(true);
    expect(b.reload().current.id).toBe(renewed.id);
    expect(b.list().map((k) => [k.id, k.retiredAt?.toISOString() ?? null])).toEqual([
      [renewed.id, null],
      [first, day('2026-02-01').toISOString()],
    ]);
  });

  it('are destroyed only once retired longer than asked, and are then gone for every instance', () => {
    const dir = dirOf();
    const a = WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-01-05'));
    const b = WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-01-05'));
    const first = a.current.id;
    expect(() => a.destroy(first)).toThrow(WrappingKeyError);
    a.rotate(day('2026-02-01'), 1);
    expect(a.expired(day('2026-02-01'))).toEqual([]);
    expect(a.expired(day('2026-02-02'))).toEqual([first]);
    expect(b.find(first)).toBeDefined();
    a.destroy(first);
    expect(existsSync(join(dir, `${first}.key.json`))).toBe(false);
    expect(b.reload().find(first)).toBeUndefined();
    expect(WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-03-01')).find(first)).toBeUndefined();
  });

  it('follow the ring: re-sealed under its new key; a ring without it says which key it lacks', () => {
    const dir = dirOf();
    const a = WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-01-05'));
    const id = a.current.id;
    const rotated = WrappingKeys.open(dir, new KeyRing([KEY_B, KEY_A]), day('2026-01-05'));
    expect(rotated.reseal()).toBe(1);
    expect(rotated.reseal()).toBe(0);
    const newOnly = WrappingKeys.open(dir, new KeyRing([KEY_B]), day('2026-01-05'));
    expect(newOnly.find(id)?.key.equals(a.current.key)).toBe(true);
    // The old ring alone no longer opens the file, and no new key is started in its place.
    const oldOnly = WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-01-05'));
    expect(oldOnly.missingRingKeys()).toEqual([new KeyRing([KEY_B]).current.id]);
    expect(oldOnly.find(id)).toBeUndefined();
    expect(() => oldOnly.current).toThrow(WrappingKeyError);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('refuse a directory others can open and a file that was altered', () => {
    const dir = dirOf();
    const a = WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-01-05'));
    const file = join(dir, `${a.current.id}.key.json`);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    // Neither its key nor what the file says of it (retired or not, the erased cases counted) can be altered.
    const wrapped = Buffer.from(stored.wrapped, 'base64');
    wrapped[0] = (wrapped[0] as number) ^ 1;
    for (const altered of [
      { erasedCases: 7 },
      { retiredAt: day('2026-01-06').toISOString() },
      { wrapped: wrapped.toString('base64') },
    ]) {
      writeFileSync(file, JSON.stringify({ ...stored, ...altered }));
      const damaged = WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-01-05'));
      expect(damaged.find(a.current.id)).toBeUndefined();
      expect(() => damaged.current).toThrow(WrappingKeyError);
    }
    writeFileSync(file, JSON.stringify(stored));
    expect(WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-01-05')).current.id).toBe(a.current.id);
    chmodSync(dir, 0o755);
    expect(() => WrappingKeys.open(dir, new KeyRing([KEY_A]), day('2026-01-05'))).toThrow(/chmod 700/);
  });
});
