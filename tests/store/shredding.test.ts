import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, subMonths } from 'date-fns';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DEFAULT_LISTS_FILE, type RetentionConfig } from '../../src/config.js';
import { validateIntake } from '../../src/domain/referral.js';
import { runRetention } from '../../src/jobs/retention.js';
import { loadLists } from '../../src/lists-file.js';
import { createLogger } from '../../src/log.js';
import { erasureContext, retentionRender } from '../../src/slack/views/archive-messages.js';
import { type Database, openDatabase } from '../../src/store/db.js';
import { EliminationBatches } from '../../src/store/elimination-batches.js';
import { unwrapCaseKey } from '../../src/store/field-cipher.js';
import type { EncryptionKey } from '../../src/store/key-ring.js';
import { Level1Store } from '../../src/store/level1-store.js';
import { ReferralRepository } from '../../src/store/referral-repository.js';
import type { StoreKeys } from '../../src/store/wrapping-keys.js';
import { intakeValues } from '../support/fixtures.js';
import { storeKeys } from '../support/keys.js';
import { killStartedProcessesAfterEach, runTracked } from '../support/processes.js';
import { onPostgres, useTestDatabase } from '../support/test-db.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const lists = loadLists(DEFAULT_LISTS_FILE);
const TZ = 'Europe/Paris';
const referredAt = new Date('2025-01-15T09:00:00Z');
const erasedOn = new Date('2026-03-02T03:00:00Z');
const retention: RetentionConfig = {
  closedMonths: 12,
  refusalDays: 90,
  inactiveMonths: 24,
  erasureMode: 'automatic',
  backupDays: 30,
};

killStartedProcessesAfterEach();
const t = useTestDatabase();

let root: string | undefined;
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
});

/**
 * What an attacker holding every file and every key that still exists would try: each (iv, wrapped key, tag) a
 * case key row leaves in a table page, a log record or a backup — three base64 texts a byte or so apart — opened
 * as the erased case's key with each key. Returns the files where one opened.
 */
function openableCopies(dirs: string[], referralId: string, keys: EncryptionKey[]): string[] {
  const opened: string[] = [];
  const triplet = /([A-Za-z0-9+/]{16})[\s\S]{1,4}?([A-Za-z0-9+/]{43}=)[\s\S]{1,4}?([A-Za-z0-9+/]{22}==)/g;
  for (const file of dirs.flatMap(filesUnder)) {
    const text = readFileSync(file).toString('latin1');
    for (const [, iv, wrapped, authTag] of text.matchAll(triplet)) {
      for (const key of keys) {
        try {
          unwrapCaseKey({ current: key, find: () => key }, referralId, {
            kekId: key.id,
            iv: iv as string,
            wrapped: wrapped as string,
            authTag: authTag as string,
          });
          opened.push(file);
        } catch {
          // Not this key, or not a key of this case.
        }
      }
    }
  }
  return opened;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every key that exists: the ring's, and each wrapping key left in the keys directory. */
function everyKeyLeft(keys: StoreKeys): EncryptionKey[] {
  const wrapping = keys.wrapping
    .list()
    .map((k) => keys.wrapping.find(k.id))
    .filter((k): k is EncryptionKey => k !== undefined);
  return [...keys.ring.keys, ...wrapping];
}

describe.skipIf(onPostgres())('erasure that cannot be undone', () => {
  it('leaves no copy of an erased case that any remaining key opens — pages, log, a backup taken before', async () => {
    root = mkdtempSync(join(tmpdir(), 'pre-shred-'));
    const dataDir = join(root, 'data');
    const keysDir = join(root, 'keys');
    const backupDir = join(root, 'backup-before-erasure');
    cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
    const keys = storeKeys([KEY], keysDir, referredAt);
    db = await openDatabase({ kind: 'pglite', dataDir });

    const create = async (viewId: string) => {
      const checked = validateIntake(intakeValues({}, '2025-01-15'), { today: '2025-01-15', lists });
      if (!checked.ok) throw new Error('invalid fixture');
      return new ReferralRepository((db as Database).prisma, keys).create(
        { sourceViewId: viewId, referrerUserId: 'UTEACH001', referredAt, year: 2024, form: checked.form },
        () => [],
      );
    };
    const erased = await create('V-erased');
    const kept = await create('V-kept');
    await db.prisma.referral.update({
      where: { id: erased.id },
      data: { status: 'closed', closedAt: subMonths(erasedOn, 13), closureReason: 'moved_away' },
    });
    const wrappedBefore = await db.prisma.caseKey.findUniqueOrThrow({ where: { referralId: erased.id } });
    // The backup the operator took the night before the erasure (the database stopped, its directory copied).
    await db.close();
    cpSync(dataDir, backupDir, { recursive: true });
    db = await openDatabase({ kind: 'pglite', dataDir });

    const level1 = new Level1Store(db.prisma, keys, TZ);
    const deps = {
      level1,
      erasure: erasureContext(lists),
      render: retentionRender(TZ),
      batches: new EliminationBatches(db.prisma, TZ),
      coordinators: async () => ['UCOORD001'],
      logger: createLogger('silent'),
    };
    const run = await runRetention(deps, { now: erasedOn, retention, dryRun: false });
    expect(run.erasedCases).toBe(1);
    expect(run.keys?.started).toBeDefined();
    expect(run.keys?.rewrapped).toBe(1);

    // Within the backups' retention the old wrapping key is kept: the backup can be restored, the erased case in it
    // opens (what the README says holds during the delay). The search finds it there — it can find.
    await db.close();
    db = undefined;
    expect(openableCopies([backupDir], erased.id, everyKeyLeft(keys))).not.toEqual([]);

    db = await openDatabase({ kind: 'pglite', dataDir });
    const later = await runRetention(
      { ...deps, level1: new Level1Store(db.prisma, keys, TZ), batches: new EliminationBatches(db.prisma, TZ) },
      { now: addDays(erasedOn, 31), retention, dryRun: false },
    );
    expect(later.keys?.destroyed).toHaveLength(1);
    // The living case still opens.
    expect((await new ReferralRepository(db.prisma, keys).readIdentity(kept.id)).situation).toContain('absences');
    await db.close();
    db = undefined;

    // After the delay: every file of the data directory (its tables, its write-ahead log) and of the backup, with
    // every key that still exists — nothing of the erased case opens. The living case's key is found and opens,
    // so the search works; the erased case's wrapped key is still there in the backup, closed for good.
    const remaining = everyKeyLeft(storeKeys([KEY], keysDir));
    expect(remaining.length).toBe(2);
    expect(openableCopies([dataDir, backupDir], erased.id, remaining)).toEqual([]);
    expect(openableCopies([dataDir], kept.id, remaining)).not.toEqual([]);
    const copies = filesUnder(backupDir).filter((f) => readFileSync(f).includes(wrappedBefore.wrapped, 0, 'latin1'));
    expect(copies).not.toEqual([]);
  });
});

/** pg_dump of the server's major version (Debian: /usr/lib/postgresql/<n>/bin), else the one on PATH. */
function pgDump(): string {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    : [];
  const bin = versions.map((v) => `/usr/lib/postgresql/${v}/bin/pg_dump`).find((f) => existsSync(f));
  return bin ?? 'pg_dump';
}

describe.runIf(onPostgres())('erasure that cannot be undone, on a PostgreSQL server', () => {
  it('leaves nothing of an erased case that any remaining key opens in a pg_dump taken before the erasure', async () => {
    if (t.testDb.target.kind !== 'postgres') throw new Error('PostgreSQL lane only');
    root = mkdtempSync(join(tmpdir(), 'pre-shred-pg-'));
    const keys = storeKeys([KEY], t.testDb.keysDir, referredAt);
    const create = async (viewId: string) => {
      const checked = validateIntake(intakeValues({}, '2025-01-15'), { today: '2025-01-15', lists });
      if (!checked.ok) throw new Error('invalid fixture');
      return new ReferralRepository(t.db.prisma, keys).create(
        { sourceViewId: viewId, referrerUserId: 'UTEACH001', referredAt, year: 2024, form: checked.form },
        () => [],
      );
    };
    const erased = await create('V-erased');
    const kept = await create('V-kept');
    await t.db.prisma.referral.update({
      where: { id: erased.id },
      data: { status: 'closed', closedAt: subMonths(erasedOn, 13), closureReason: 'moved_away' },
    });
    const dump = async (file: string) => {
      const run = await runTracked(
        pgDump(),
        ['--format=plain', '--data-only', '--table=case_keys', `--dbname=${(t.testDb.target as { url: string }).url}`],
        { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
      );
      expect(run.status, run.stderr).toBe(0);
      writeFileSync(file, run.stdout);
    };
    const before = join(root, 'before.sql');
    await dump(before);

    const deps = {
      level1: new Level1Store(t.db.prisma, keys, TZ),
      erasure: erasureContext(lists),
      render: retentionRender(TZ),
      batches: new EliminationBatches(t.db.prisma, TZ),
      coordinators: async () => ['UCOORD001'],
      logger: createLogger('silent'),
    };
    expect((await runRetention(deps, { now: erasedOn, retention, dryRun: false })).erasedCases).toBe(1);
    // Within the delay, the dump can be restored: the erased case opens from it.
    expect(openableCopies([root], erased.id, everyKeyLeft(keys))).not.toEqual([]);
    const later = await runRetention(deps, { now: addDays(erasedOn, 31), retention, dryRun: false });
    expect(later.keys?.destroyed).toHaveLength(1);
    await dump(join(root, 'after.sql'));

    const remaining = everyKeyLeft(storeKeys([KEY], t.testDb.keysDir));
    expect(openableCopies([root], erased.id, remaining)).toEqual([]);
    expect(openableCopies([root], kept.id, remaining)).toEqual([join(root, 'after.sql')]);
  });
});
