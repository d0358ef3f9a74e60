import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import type { CaseSummary } from '../../src/domain/case-summary.js';
import { referenceOf } from '../../src/domain/reference.js';
import { validateIntake } from '../../src/domain/referral.js';
import { loadLists } from '../../src/lists-file.js';
import { CaseRepository, type LoadedCase } from '../../src/store/case-repository.js';
import { openDatabase } from '../../src/store/db.js';
import { open, seal, TamperedValueError, UnknownKeyError } from '../../src/store/field-cipher.js';
import { KeyFileError, KeyRing, resolveKeyMaterial } from '../../src/store/key-ring.js';
import { applyMigrations } from '../../src/store/migrations.js';
import { enqueue, OutboxStore } from '../../src/store/outbox.js';
import { PgliteThread } from '../../src/store/pglite-link.js';
import { ReferralRepository } from '../../src/store/referral-repository.js';
import { intakeValues } from '../support/fixtures.js';
import { storeKeys } from '../support/keys.js';
import { onPostgres, useTestDatabase } from '../support/test-db.js';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const lists = loadLists(DEFAULT_LISTS_FILE);

function form() {
  const checked = validateIntake(intakeValues({}, '2026-11-28'), { today: '2026-11-28', lists });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.form;
}

const t = useTestDatabase();
const keysOf = (...material: string[]) => storeKeys(material, t.testDb.keysDir);

describe('migrations', () => {
  it('apply once, are recorded in Prisma’s table, and a second run applies nothing', async () => {
    const again = await applyMigrations(t.db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThan(0);
    const rows = await t.db.withRawSession((s) =>
      s.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations'),
    );
    expect(rows.map((r) => r.migration_name)).toContain('20261128000000_init');
  });
});

describe('field encryption', () => {
  it('round-trips, binds a value to its case and field, and detects tampering', () => {
    const ring = new KeyRing([KEY_A]);
    const sealed = seal(ring, 'case-1', 'childFirstName', 'Inès');
    expect(sealed.ciphertext).not.toContain('Inès');
    expect(open(ring, 'case-1', 'childFirstName', sealed)).toBe('Inès');
    expect(() => open(ring, 'case-2', 'childFirstName', sealed)).toThrow(TamperedValueError);
    expect(() => open(ring, 'case-1', 'childLastName', sealed)).toThrow(TamperedValueError);
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => open(ring, 'case-1', 'childFirstName', { ...sealed, ciphertext: flipped.toString('base64') })).toThrow(
      TamperedValueError,
    );
    // A truncated tag (GCM would accept 4 bytes) or a nonce of another size does not open it.
    const tag = Buffer.from(sealed.authTag, 'base64');
    expect(() =>
      open(ring, 'case-1', 'childFirstName', { ...sealed, authTag: tag.subarray(0, 4).toString('base64') }),
    ).toThrow(TamperedValueError);
    expect(() =>
      open(ring, 'case-1', 'childFirstName', { ...sealed, iv: Buffer.alloc(16).toString('base64') }),
    ).toThrow(TamperedValueError);
    // A fresh nonce each time: the same value never encrypts the same way twice.
    expect(seal(ring, 'case-1', 'childFirstName', 'Inès').ciphertext).not.toBe(sealed.ciphertext);
  });

  it('reads with the key that wrote, and names a missing key', () => {
    const old = new KeyRing([KEY_A]);
    const sealed = seal(old, 'c', 'f', 'x');
    const rotated = new KeyRing([KEY_B, KEY_A]);
    expect(open(rotated, 'c', 'f', sealed)).toBe('x');
    expect(seal(rotated, 'c', 'f', 'x').keyId).toBe(rotated.current.id);
    expect(() => open(new KeyRing([KEY_B]), 'c', 'f', sealed)).toThrow(UnknownKeyError);
  });
});

describe('referrals', () => {
  it('number references per year without gaps or duplicates under concurrent submissions', async () => {
    const repo = new ReferralRepository(t.db.prisma, keysOf(KEY_A));
    const f = form();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        repo.create(
          { sourceViewId: `V${i}`, referrerUserId: 'U1', referredAt: new Date(), year: 2026, form: f },
          () => [],
        ),
      ),
    );
    const refs = results.map((r) => r.summary.reference).sort();
    expect(refs).toEqual(Array.from({ length: 25 }, (_, i) => `PRE-2026-${String(i + 1).padStart(4, '0')}`));
    const next = await repo.create(
      { sourceViewId: 'V-next', referrerUserId: 'U1', referredAt: new Date(), year: 2027, form: f },
      () => [],
    );
    expect(next.summary.reference).toBe('PRE-2027-0001');
  });

  it('writes the same reference as referenceOf past 9,999 cases in a year, and stores no pending one', async () => {
    const repo = new ReferralRepository(t.db.prisma, keysOf(KEY_A));
    await t.db.prisma.$executeRaw`INSERT INTO reference_counters (year, last) VALUES (2030, 998)`;
    const created: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await repo.create(
        { sourceViewId: `W${i}`, referrerUserId: 'U1', referredAt: new Date(), year: 2030, form: form() },
        () => [],
      );
      created.push(r.summary.reference);
    }
    await t.db.prisma.$executeRaw`UPDATE reference_counters SET last = 9999 WHERE year = 2030`;
    const big = await repo.create(
      { sourceViewId: 'W-big', referrerUserId: 'U1', referredAt: new Date(), year: 2030, form: form() },
      () => [],
    );
    expect([...created, big.summary.reference]).toEqual([
      'PRE-2030-0999',
      'PRE-2030-1000',
      'PRE-2030-1001',
      'PRE-2030-10000',
    ]);
    const stored = await t.db.prisma.referral.findMany({ where: { year: 2030 }, orderBy: { sequence: 'asc' } });
    expect(stored.map((r) => r.reference)).toEqual([...created, big.summary.reference]);
    // The intake's statement spells the rule in SQL: the two agree.
    expect(stored.map((r) => r.reference)).toEqual(stored.map((r) => referenceOf(2030, r.sequence)));
    expect(await t.db.prisma.referral.count({ where: { reference: { startsWith: 'pending-' } } })).toBe(0);
  });

  it('stores level 1 encrypted only, and reads it back for an authorised reader', async () => {
    const repo = new ReferralRepository(t.db.prisma, keysOf(KEY_A));
    const f = form();
    const created = await repo.create(
      { sourceViewId: 'V1', referrerUserId: 'U1', referredAt: new Date(), year: 2026, form: f },
      () => [],
    );
    if (f.kind !== 'referral') throw new Error('a referral with the family’s agreement');
    const identity = await repo.readIdentity(created.id);
    expect(identity.childFirstName).toBe(f.identity.childFirstName);
    expect(identity.guardianPhone).toBe('06 48 27 93 15');
    const raw = await t.db.withRawSession((s) => s.query<Record<string, unknown>>('SELECT * FROM sensitive_values'));
    expect(JSON.stringify(raw)).not.toContain(f.identity.childFirstName);
    expect(await new ReferralRepository(t.db.prisma, keysOf(KEY_B)).unknownKeyIds()).toEqual([
      new KeyRing([KEY_A]).current.id,
    ]);
  });
});

describe('a step on a case', () => {
  /** The card redraw of a step, its text the summary it was drawn from (the reference left out). */
  const redraw = (id: string) => (summary: CaseSummary) => [
    {
      dedupeKey: `card-update:${id}:${summary.version}`,
      kind: 'card_update' as const,
      referralId: id,
      message: { text: JSON.stringify({ ...summary, reference: undefined }), blocks: [] },
    },
  ];
  const take = (loaded: LoadedCase, at: Date) => ({
    id: loaded.id,
    expectedVersion: loaded.state.version,
    fromStatus: loaded.state.status,
    next: {
      ...loaded.state,
      status: 'in_analysis' as const,
      version: loaded.state.version + 1,
      assigneeUserId: 'UTEAM0001',
    },
    event: { type: 'take' as const, actorId: 'UTEAM0001' },
    at,
    messages: redraw(loaded.id),
  });
  const written = async (id: string) => {
    const row = await t.db.prisma.referral.findUniqueOrThrow({ where: { id } });
    const events = await t.db.prisma.caseEvent.findMany({ where: { referralId: id }, orderBy: { version: 'asc' } });
    const messages = await t.db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `card-update:${id}:` } },
    });
    return {
      row: {
        ...row,
        id: undefined,
        reference: undefined,
        sequence: undefined,
        sourceViewId: undefined,
        updatedAt: undefined,
        createdAt: undefined,
      },
      events: events.map((e) => ({ ...e, id: undefined, referralId: undefined })),
      messages: messages.map((m) => ({
        method: m.method,
        text: (m.payload as { message: { text: string } }).message.text,
      })),
    };
  };

  it('is one statement when it writes no text and changes no orientation: what the transaction would write', async () => {
    const keys = keysOf(KEY_A);
    const repo = new ReferralRepository(t.db.prisma, keys);
    const at = new Date('2026-11-30T09:00:00Z');
    const make = (view: string) =>
      repo.create({ sourceViewId: view, referrerUserId: 'U1', referredAt: at, year: 2026, form: form() }, () => []);
    const [a, b] = [await make('VA'), await make('VB')];
    // Without a transaction at hand, only the one statement can write.
    const noTransaction = new Proxy(t.db.prisma, {
      get: (target, name) =>
        name === '$transaction' ? () => Promise.reject(new Error('a transaction')) : Reflect.get(target, name),
    });
    const oneStatement = new CaseRepository(noTransaction, keys);
    const inTransaction = new CaseRepository(t.db.prisma, keys);
    const loadedA = await inTransaction.load(a.summary.reference);
    const loadedB = await inTransaction.load(b.summary.reference);
    if (!loadedA || !loadedB) throw new Error('the cases');
    expect(await oneStatement.commit({ ...take(loadedA, at), loaded: loadedA })).toMatchObject({ ok: true });
    expect(await inTransaction.commit(take(loadedB, at))).toMatchObject({ ok: true });
    const [one, two] = [await written(a.id), await written(b.id)];
    expect(one.messages).toHaveLength(1);
    expect(one).toEqual(two);

    // Read before the card's link was recorded: the statement does not write, the transaction draws it with the link.
    const again = await inTransaction.load(a.summary.reference);
    if (!again) throw new Error('the case');
    await t.db.prisma.referral.update({ where: { id: a.id }, data: { cardPermalink: 'https://slack.test/p1' } });
    const next = {
      ...take(again, at),
      next: { ...again.state, version: again.state.version + 1, assigneeUserId: 'UTEAM0002' },
    };
    await expect(oneStatement.commit({ ...next, loaded: again })).rejects.toThrow('a transaction');
    const linked = await inTransaction.commit({ ...next, loaded: again });
    expect(linked).toMatchObject({ ok: true, summary: { cardLink: 'https://slack.test/p1' } });
    // A version gone by writes nothing, in either way.
    const outbox = await t.db.prisma.outboxMessage.count();
    expect(await inTransaction.commit({ ...next, loaded: again })).toEqual({ ok: false });
    expect(await t.db.prisma.outboxMessage.count()).toBe(outbox);
  });
});

describe('closing the database', () => {
  it('turns away the queries still waiting for a connection instead of leaving them waiting forever', async () => {
    // More queries than connections (PGlite has one): most wait in the pool's queue when the database closes.
    const work = Promise.allSettled(Array.from({ length: 30 }, () => t.db.prisma.$queryRaw`SELECT pg_sleep(0.02)`));
    await t.db.close();
    const settled = await work;
    expect(settled.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
  });
});

describe('outbox', () => {
  it('never hands the same message to two dispatchers, and hands back an expired lease', async () => {
    const store = new OutboxStore(t.db.prisma);
    const message = { text: 'x', blocks: [] };
    await enqueue(
      t.db.prisma,
      Array.from({ length: 30 }, (_, i) => ({
        dedupeKey: `k${i}`,
        kind: 'post' as const,
        destination: { kind: 'cellule' as const },
        message,
      })),
    );
    // Enqueuing the same key again changes nothing.
    await enqueue(t.db.prisma, [{ dedupeKey: 'k0', kind: 'post', destination: { kind: 'cellule' }, message }]);
    expect(await t.db.prisma.outboxMessage.count()).toBe(30);

    const [a, b] = await Promise.all([store.claim('A', 20, 60_000), store.claim('B', 20, 60_000)]);
    const ids = [...a, ...b].map((m) => String(m.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
    expect(await store.claim('C', 20, 60_000)).toEqual([]);

    // A dispatcher that died: its lease runs out and another takes the message.
    const first = a[0];
    if (!first) throw new Error('nothing claimed');
    await t.db.prisma.outboxMessage.update({
      where: { id: first.id },
      data: { lockedUntil: new Date(Date.now() - 1) },
    });
    const retaken = await store.claim('C', 20, 60_000);
    expect(retaken.map((m) => String(m.id))).toEqual([String(first.id)]);
  });
});

describe.skipIf(onPostgres())('the embedded database directory', () => {
  it('fails a connection at once when its PGlite thread has stopped, rather than leave it unanswered', async () => {
    const { dataDir } = t.testDb.target as { dataDir: string };
    await t.db.close();
    const thread = await PgliteThread.start(dataDir);
    await thread.close();
    const client = new pg.Client({ stream: () => thread.stream() as never });
    await expect(client.connect()).rejects.toThrow(/PGlite thread stopped/);
  });

  it('belongs to one process at a time; a lock left by a process that died is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pre-lock-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir: dir });
      await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(/in use by another process/);
      await first.close();
      // A crashed holder: a pid no process has.
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      }).stdout;
      writeFileSync(join(dir, 'pre-referrals.lock'), dead);
      const again = await openDatabase({ kind: 'pglite', dataDir: dir });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('may be a symbolic link to the directory (another disk): opened, locked and kept private there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pre-link-'));
    try {
      mkdirSync(join(dir, 'disk'));
      symlinkSync(join(dir, 'disk'), join(dir, 'data'));
      const db = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
      await expect(openDatabase({ kind: 'pglite', dataDir: join(dir, 'disk') })).rejects.toThrow(/in use/);
      await db.close();
      expect(readdirSync(join(dir, 'disk'))).toContain('PG_VERSION');
      expect(statSync(join(dir, 'disk')).mode & 0o077).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is made owner-only, with everything in it, even when it was created open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pre-modes-'));
    try {
      const dataDir = join(dir, 'data');
      mkdirSync(dataDir, { mode: 0o755 });
      chmodSync(dataDir, 0o755);
      writeFileSync(join(dataDir, 'left-open'), 'x', { mode: 0o666 });
      chmodSync(join(dataDir, 'left-open'), 0o666);
      const db = await openDatabase({ kind: 'pglite', dataDir });
      await db.close();
      const open: string[] = [];
      const visit = (path: string) => {
        const stat = statSync(path);
        if ((stat.mode & 0o077) !== 0)
          open.push(`${path.slice(dataDir.length) || '/'} ${(stat.mode & 0o777).toString(8)}`);
        if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
      };
      visit(dataDir);
      expect(open).toEqual([]);
      expect(readdirSync(dataDir).length).toBeGreaterThan(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the generated key', () => {
  it('lives outside the data directory, moves out of it when an earlier version left it there, and must be private', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pre-key-'));
    try {
      const dataDir = join(dir, 'data');
      const keyFile = join(dir, 'data.key');
      mkdirSync(dataDir);
      const legacy = join(dataDir, 'encryption.key');
      writeFileSync(legacy, `${Buffer.alloc(32, 4).toString('base64')}\n`, { mode: 0o600 });
      const moved = resolveKeyMaterial([], dataDir, keyFile, true);
      expect(moved).toMatchObject({ created: false, moved: true });
      expect(existsSync(legacy)).toBe(false);
      expect(moved.material).toEqual([Buffer.alloc(32, 4).toString('base64')]);
      chmodSync(keyFile, 0o644);
      expect(() => resolveKeyMaterial([], dataDir, keyFile, true)).toThrow(KeyFileError);
      chmodSync(keyFile, 0o600);
      expect(resolveKeyMaterial([], dataDir, keyFile, true).material).toEqual(moved.material);
      const fresh = resolveKeyMaterial([], join(dir, 'other'), join(dir, 'other.key'), true);
      expect(fresh.created).toBe(true);
      expect(statSync(join(dir, 'other.key')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
