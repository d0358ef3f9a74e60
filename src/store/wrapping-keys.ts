import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { formatISO } from 'date-fns/formatISO';
import { z } from 'zod';
import { gcmOpen, gcmSeal } from './field-cipher.js';
import type { EncryptionKey, KeyRing } from './key-ring.js';

/**
 * The middle of the key hierarchy (ring → wrapping keys → case keys → values). Case keys are wrapped by a wrapping
 * key, never by the ring itself; each wrapping key is a small file in a directory of its own, outside the database,
 * sealed by the ring. After an erasure the retention job starts a new wrapping key, re-wraps every living case key
 * under it and retires the old one; a retired key is destroyed (its file overwritten and removed) once no backup
 * still kept could need it. From then on no copy of the erased case's wrapped key — the database's pages and log, a
 * dump, a copy of the data directory — opens with any key that still exists.
 */
export class WrappingKeys {
  private readonly loaded = new Map<string, WrappingKey>();
  private reloadedAt = 0;
  /** Each loaded file's modification time when it was read. */
  private readonly readAt = new Map<string, number>();
  /** Key files in the directory that this ring could not open at the last reload. */
  private unreadable = 0;
  /** The ring keys those files were sealed by, when the ring lacks them. */
  private readonly lackingRing = new Set<string>();
  /** The identity match secret, once read or created. */
  private match: { key: Buffer; kekId: string } | undefined;

  private constructor(
    readonly dir: string,
    private readonly ring: KeyRing,
  ) {}

  /** Opens (creating it, mode 0700) the directory and loads its keys; starts the first key if none is in use. */
  static open(dir: string, ring: KeyRing, now: Date): WrappingKeys {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = statSync(dir);
    if (!stat.isDirectory()) throw new WrappingKeyError(`${dir} is not a directory (PRE_KEYS_DIR)`);
    if ((stat.mode & 0o077) !== 0)
      throw new WrappingKeyError(`${dir} is open to other users: run chmod 700 ${dir} (it holds the wrapping keys)`);
    const keys = new WrappingKeys(dir, ring);
    keys.reload();
    // A first start: the first key. Files this ring cannot open are not replaced: the start-up check names the
    // ring key they need.
    if (keys.inUse().length === 0 && keys.unreadable === 0) keys.start(now, 0);
    return keys;
  }

  /** The key new case keys are wrapped with: the newest one not retired. */
  get current(): EncryptionKey {
    // Another instance may have retired it: the directory is re-read every few minutes (a case key wrapped by a
    // key just retired is re-wrapped at the next retention run; a key is destroyed days after its retirement).
    if (Date.now() - this.reloadedAt > RELOAD_MS) this.reload();
    const newest = this.inUse()[0] ?? this.reload().inUse()[0];
    if (!newest) throw new WrappingKeyError(`no wrapping key in use in ${this.dir}`);
    return newest;
  }

  /**
   * A wrapping key by id; one another instance started is read from its file. Undefined once destroyed, or when
   * its file does not open with this ring (`missingRingKeys` says which ring key it needs).
   */
  find(id: string): EncryptionKey | undefined {
    if (!ID.test(id)) return undefined;
    const known = this.loaded.get(id);
    if (known) return known;
    try {
      const key = this.read(this.fileOf(id));
      if (key) this.loaded.set(id, key);
      return key;
    } catch (error) {
      if (error instanceof WrappingKeyError) return undefined;
      throw error;
    }
  }

  /** Every key whose file is in the directory, newest first. */
  list(): readonly WrappingKeyInfo[] {
    return [...this.reload().loaded.values()].sort(newestFirst).map(infoOf);
  }

  /**
   * Re-reads the directory: keys another instance started, retired or destroyed. A file this ring cannot open
   * (sealed by a ring key it lacks, or damaged) is left out; the copy already read, if any, stays in use.
   */
  reload(): this {
    const present = new Set<string>();
    this.unreadable = 0;
    this.lackingRing.clear();
    for (const id of this.fileIds()) {
      const changed = modifiedAt(this.fileOf(id));
      if (changed === undefined) continue; // destroyed meanwhile
      present.add(id);
      // A file is only rewritten to retire or re-seal its key: one unchanged since it was read is not read again.
      if (this.loaded.has(id) && this.readAt.get(id) === changed) continue;
      try {
        const key = this.read(this.fileOf(id));
        if (!key) {
          present.delete(id);
          continue;
        }
        this.loaded.set(id, key);
        this.readAt.set(id, changed);
      } catch (error) {
        if (!(error instanceof WrappingKeyError)) throw error;
        if (!this.loaded.has(id)) this.unreadable += 1;
      }
    }
    for (const id of this.loaded.keys())
      if (!present.has(id)) {
        this.loaded.delete(id);
        this.readAt.delete(id);
      }
    this.reloadedAt = Date.now();
    return this;
  }

  /** The key in use, with what it records (its start, the erased cases counted then). */
  currentInfo(): WrappingKeyInfo {
    return infoOf(this.loaded.get(this.current.id) as WrappingKey);
  }

  /**
   * Starts a new wrapping key and retires the ones in use before it. `erasedCases` counts the cases erased so far:
   * the next renewal is due once one more is erased. Returns the new key.
   */
  rotate(at: Date, erasedCases: number): EncryptionKey {
    const previous = this.reload().inUse();
    const started = this.start(at, erasedCases);
    for (const key of previous) this.write({ ...key, retiredAt: at });
    return started;
  }

  /** Retired keys whose retirement is older than `before`: no backup kept since can need them. */
  expired(before: Date): string[] {
    return [...this.reload().loaded.values()]
      .filter((k) => k.retiredAt !== null && k.retiredAt < before)
      .map((k) => k.id);
  }

  /**
   * Destroys a retired key: its file is overwritten, flushed and removed. Refused for a key in use. What it wrapped
   * (in the database and in every copy of it) can no longer be opened.
   */
  destroy(id: string): void {
    const key = this.reload().loaded.get(id);
    if (!key) return;
    if (key.retiredAt === null) throw new WrappingKeyError(`wrapping key ${id} is in use: it cannot be destroyed`);
    const file = this.fileOf(id);
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, randomBytes(statSync(file).size), 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    unlinkSync(file);
    key.key.fill(0);
    this.loaded.delete(id);
  }

  /**
   * Ring rotation: re-seals every key file under the ring's newest key, the identity match secret's too. Returns how
   * many wrapping keys were re-sealed.
   */
  reseal(): number {
    let resealed = 0;
    for (const key of this.reload().loaded.values()) {
      if (key.kekId === this.ring.current.id) continue;
      this.write(key);
      resealed += 1;
    }
    const matchFile = join(this.dir, MATCH_FILE);
    const match = this.readMatch(matchFile);
    if (match && match.kekId !== this.ring.current.id) {
      renameSync(this.writeTemp(matchFile, this.sealMatch(match.key)), matchFile);
      this.match = { key: match.key, kekId: this.ring.current.id };
    }
    return resealed;
  }

  /**
   * The secret the identity match keys are computed with (duplicates, store/identity-match.ts): created once, kept
   * for the installation's life beside the wrapping keys (backed up with them), sealed by the ring. Created with an
   * exclusive link, so that two instances starting together agree on one. Undefined when it cannot be read (the
   * ring lacks its key): duplicates are then not looked for, and nothing else stops.
   */
  matchSecret(): Buffer | undefined {
    if (this.match) return this.match.key;
    const file = join(this.dir, MATCH_FILE);
    try {
      this.match = this.readMatch(file) ?? this.createMatch(file);
      return this.match.key;
    } catch {
      return undefined;
    }
  }

  private readMatch(file: string): { key: Buffer; kekId: string } | undefined {
    const text = textIfExists(file);
    if (text === undefined) return undefined;
    const stored = matchSchema.parse(JSON.parse(text));
    const kek = this.ring.find(stored.kekId);
    if (!kek) throw new WrappingKeyError(`${file} is sealed by key ${stored.kekId}, which the key ring lacks`);
    const key = gcmOpen(kek.key, MATCH_AAD, { iv: stored.iv, ciphertext: stored.wrapped, authTag: stored.authTag });
    return { key, kekId: stored.kekId };
  }

  private createMatch(file: string): { key: Buffer; kekId: string } {
    const key = randomBytes(32);
    const temp = this.writeTemp(file, this.sealMatch(key));
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another instance created it first: theirs is the one.
      unlinkSync(temp);
      const theirs = this.readMatch(file);
      if (!theirs) throw new WrappingKeyError(`${file} vanished while being created`);
      return theirs;
    }
    unlinkSync(temp);
    return { key, kekId: this.ring.current.id };
  }

  private sealMatch(key: Buffer): string {
    const sealed = gcmSeal(this.ring.current.key, MATCH_AAD, key);
    const stored = { kekId: this.ring.current.id, iv: sealed.iv, wrapped: sealed.ciphertext, authTag: sealed.authTag };
    return `${JSON.stringify(stored, null, 2)}\n`;
  }

  /** Writes `text` to a new temporary file beside `file` (0600, synced) and returns its path. */
  private writeTemp(file: string, text: string): string {
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, 0o600);
    return temp;
  }

  /** Ring key ids that sealed a key file and that the ring no longer holds (the file cannot be read). */
  missingRingKeys(): string[] {
    return [...this.reload().lackingRing].sort();
  }

  /** The ids of the key files in the directory. */
  private fileIds(): string[] {
    return readdirSync(this.dir)
      .map((name) => (name.endsWith(SUFFIX) ? name.slice(0, -SUFFIX.length) : ''))
      .filter((id) => ID.test(id));
  }

  private inUse(): WrappingKey[] {
    return [...this.loaded.values()].filter((k) => k.retiredAt === null).sort(newestFirst);
  }

  private start(at: Date, erasedCases: number): WrappingKey {
    const id = `w${formatISO(at, { representation: 'date', format: 'basic' })}${randomBytes(4).toString('hex')}`;
    const key: WrappingKey = {
      id,
      key: randomBytes(32),
      createdAt: at,
      retiredAt: null,
      kekId: this.ring.current.id,
      erasedCases,
    };
    this.write(key);
    return key;
  }

  private write(key: WrappingKey): void {
    const facts = {
      id: key.id,
      createdAt: key.createdAt.toISOString(),
      retiredAt: key.retiredAt?.toISOString() ?? null,
      erasedCases: key.erasedCases,
    };
    const sealed = gcmSeal(this.ring.current.key, aad(facts), key.key);
    const stored: StoredWrappingKey = {
      ...facts,
      kekId: this.ring.current.id,
      iv: sealed.iv,
      wrapped: sealed.ciphertext,
      authTag: sealed.authTag,
    };
    const file = this.fileOf(key.id);
    renameSync(this.writeTemp(file, `${JSON.stringify(stored, null, 2)}\n`), file);
    this.loaded.set(key.id, { ...key, kekId: this.ring.current.id });
  }

  /** A key file, opened; undefined when it is gone (destroyed, possibly by another instance, since it was listed). */
  private read(file: string): WrappingKey | undefined {
    const text = textIfExists(file);
    if (text === undefined) return undefined;
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new WrappingKeyError(`${file} is not a wrapping key file`);
    const stored = parsed.data;
    const kek = this.ring.find(stored.kekId);
    if (!kek) {
      this.lackingRing.add(stored.kekId);
      throw new WrappingKeyError(`${file} is sealed by key ${stored.kekId}, which the key ring lacks`);
    }
    let key: Buffer;
    try {
      key = gcmOpen(kek.key, aad(stored), { iv: stored.iv, ciphertext: stored.wrapped, authTag: stored.authTag });
    } catch {
      throw new WrappingKeyError(`${file} failed authentication (altered, or renamed from another key)`);
    }
    if (key.length !== 32) throw new WrappingKeyError(`${file} does not hold a 32-byte key`);
    return {
      id: stored.id,
      key,
      createdAt: new Date(stored.createdAt),
      retiredAt: stored.retiredAt === null ? null : new Date(stored.retiredAt),
      kekId: stored.kekId,
      erasedCases: stored.erasedCases,
    };
  }

  private fileOf(id: string): string {
    return join(this.dir, `${id}${SUFFIX}`);
  }
}

export interface WrappingKeyInfo {
  id: string;
  createdAt: Date;
  /** When a newer key replaced it; null while new case keys are wrapped with it. */
  retiredAt: Date | null;
  /** The ring key that seals its file. */
  kekId: string;
  /** The cases erased when it started: once more are, the retention job renews the key. */
  erasedCases: number;
}

type WrappingKey = EncryptionKey & WrappingKeyInfo;

/** What may be said of a key: everything but the key. */
const infoOf = ({ id, createdAt, retiredAt, kekId, erasedCases }: WrappingKey): WrappingKeyInfo => ({
  id,
  createdAt,
  retiredAt,
  kekId,
  erasedCases,
});

/** A wrapping key file that cannot be used: a clear message for the operator, no key material in it. */
export class WrappingKeyError extends Error {
  readonly code = 'wrapping_key';
}

const SUFFIX = '.key.json';
/** The identity match secret's file: not a wrapping key (its name is never listed as one). */
const MATCH_FILE = 'identity-match.secret.json';
const MATCH_AAD = Buffer.from('pre-referrals:identity-match', 'utf8');
const matchSchema = z.object({ kekId: z.string().min(1), iv: z.string(), wrapped: z.string(), authTag: z.string() });
const RELOAD_MS = 5 * 60_000;
/** `w`, the day it started (yyyymmdd), 8 random hex digits: never a ring key's id (12 hex digits). */
const ID = /^w\d{8}[0-9a-f]{8}$/;

const fileSchema = z.object({
  id: z.string().regex(ID),
  createdAt: z.iso.datetime(),
  retiredAt: z.iso.datetime().nullable(),
  erasedCases: z.number().int().min(0),
  kekId: z.string().min(1),
  iv: z.string(),
  wrapped: z.string(),
  authTag: z.string(),
});
type StoredWrappingKey = z.infer<typeof fileSchema>;

/** A file's text, or undefined when it does not exist. */
function textIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A file's modification time, or undefined when it does not exist. */
function modifiedAt(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * What a key file says of its key is sealed with it (the associated data): a file renamed, or whose facts were
 * edited (retired or not, the erased cases counted), does not open.
 */
const aad = (f: Pick<StoredWrappingKey, 'id' | 'createdAt' | 'retiredAt' | 'erasedCases'>) =>
  Buffer.from(`pre-referrals:wrapping-key:${f.id}:${f.createdAt}:${f.retiredAt ?? '-'}:${f.erasedCases}`, 'utf8');

const newestFirst = (a: WrappingKeyInfo, b: WrappingKeyInfo) =>
  b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id);

/** What the stores seal and open level-1 values with: the ring (values from before case keys) and the wrapping keys. */
export interface StoreKeys {
  ring: KeyRing;
  wrapping: WrappingKeys;
}

/** Whether a stored key id names a wrapping key (otherwise a ring key: case keys written before wrapping keys). */
export const isWrappingKeyId = (id: string) => ID.test(id);
