import { existsSync, mkdtempSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subDays, subMonths } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import { validateIntake } from '../../src/domain/referral.js';
import { runRetention } from '../../src/jobs/retention.js';
import { loadLists } from '../../src/lists-file.js';
import { createLogger } from '../../src/log.js';
import { erasureContext, retentionRender } from '../../src/slack/views/archive-messages.js';
import { CaseRepository } from '../../src/store/case-repository.js';
import { openDatabase } from '../../src/store/db.js';
import { EliminationBatches } from '../../src/store/elimination-batches.js';
import { seal, unwrapCaseKey, wrapCaseKey } from '../../src/store/field-cipher.js';
import { Level1Store } from '../../src/store/level1-store.js';
import { ReferralRepository } from '../../src/store/referral-repository.js';
import type { StoreKeys } from '../../src/store/wrapping-keys.js';
import { plantedValues } from '../support/canary.js';
import { intakeValues } from '../support/fixtures.js';
import { storeKeys } from '../support/keys.js';
import { killStartedProcessesAfterEach, runTracked } from '../support/processes.js';
import { onPostgres, useTestDatabase } from '../support/test-db.js';

killStartedProcessesAfterEach();

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const lists = loadLists(DEFAULT_LISTS_FILE);
const erasure = erasureContext(lists);
const now = new Date('2026-11-28T10:00:00Z');
const logger = createLogger('silent');

const t = useTestDatabase();
const keysOf = (...material: string[]) => storeKeys(material, t.testDb.keysDir);

function retentionDeps(level1: Level1Store) {
  return {
    level1,
    erasure,
    render: retentionRender('Europe/Paris'),
    batches: new EliminationBatches(t.db.prisma, 'Europe/Paris'),
    coordinators: async () => ['UCOORD001'],
    logger,
  };
}

async function createCase(keys: StoreKeys, viewId: string) {
  const checked = validateIntake(
    intakeValues({ schoolId: 'autre', schoolOther: 'École privée Saint-X' }, '2026-11-28'),
    {
      today: '2026-11-28',
      lists,
    },
  );
  if (!checked.ok) throw new Error('invalid fixture');
  return new ReferralRepository(t.db.prisma, keys).create(
    { sourceViewId: viewId, referrerUserId: 'U1', referredAt: subMonths(now, 20), year: 2025, form: checked.form },
    () => [],
  );
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
const dumpLevel1 = async () =>
  json(await t.db.prisma.sensitiveValue.findMany()) + json(await t.db.prisma.dataOperation.findMany());

describe('key rotation', () => {
  it('re-wraps case keys under the newest key without touching values, resumably, and moves older values', async () => {
    const old = keysOf(KEY_A);
    const a = await createCase(old, 'V1');
    await createCase(old, 'V2');
    const perCase = await t.db.prisma.sensitiveValue.count({ where: { referralId: a.id } });
    expect(perCase).toBe(8); // every level-1 field, "autre" school name included
    // A value sealed before case keys existed (directly under the ring's key) is read and then moved.
    const legacy = await createCase(old, 'V3');
    await t.db.prisma.sensitiveValue.deleteMany({ where: { referralId: legacy.id } });
    await t.db.prisma.caseKey.deleteMany({ where: { referralId: legacy.id } });
    await t.db.prisma.sensitiveValue.create({
      data: { referralId: legacy.id, field: 'situation', ...seal(old.ring, legacy.id, 'situation', 'Texte ancien') },
    });
    // A case key wrapped by the ring itself, as before wrapping keys existed: re-wrapped under a wrapping key.
    const v2 = await t.db.prisma.referral.findFirstOrThrow({ where: { sourceViewId: 'V2' } });
    const v2Key = await t.db.prisma.caseKey.findUniqueOrThrow({ where: { referralId: v2.id } });
    await t.db.prisma.caseKey.update({
      where: { referralId: v2.id },
      data: wrapCaseKey(old.ring, v2.id, unwrapCaseKey(old.wrapping, v2.id, v2Key)),
    });
    const valuesBefore = await t.db.prisma.sensitiveValue.findMany({
      where: { keyId: 'case' },
      orderBy: [{ referralId: 'asc' }, { field: 'asc' }],
    });

    const ring = keysOf(KEY_B, KEY_A);
    const level1 = new Level1Store(t.db.prisma, ring);
    const first = await level1.rotate('test', now, 1);
    expect(first).toEqual({ resealed: 1, rewrapped: 1, upgraded: 1, alreadyCurrent: 1, tampered: 0, unknownKey: 0 });
    // The wrapping key's file is sealed by the ring's new key now.
    expect(ring.wrapping.list().map((k) => k.kekId)).toEqual([ring.ring.current.id]);
    // The values themselves were not re-encrypted: only their cases' keys were re-wrapped.
    expect(
      await t.db.prisma.sensitiveValue.findMany({
        where: { referralId: { not: legacy.id } },
        orderBy: [{ referralId: 'asc' }, { field: 'asc' }],
      }),
    ).toEqual(valuesBefore);
    // A second run (as after an interruption) has nothing left to do.
    expect(await level1.rotate('test', now)).toEqual({
      resealed: 0,
      rewrapped: 0,
      upgraded: 0,
      alreadyCurrent: 3,
      tampered: 0,
      unknownKey: 0,
    });

    // The old key can go: everything opens with the new one alone.
    const newOnly = new ReferralRepository(t.db.prisma, keysOf(KEY_B));
    expect((await newOnly.readIdentity(v2.id)).schoolOther).toBe('École privée Saint-X');
    expect((await newOnly.readIdentity(legacy.id)).situation).toBe('Texte ancien');
    expect(await newOnly.unknownKeyIds()).toEqual([]);
    // A ring without the key that sealed the wrapping keys says which key is missing.
    const withoutB = new ReferralRepository(t.db.prisma, keysOf(KEY_A));
    expect(await withoutB.unknownKeyIds()).toEqual([keysOf(KEY_B).ring.current.id]);
    await expect(withoutB.readIdentity(a.id)).rejects.toMatchObject({ code: 'unknown_key' });
    const ops = await t.db.prisma.dataOperation.findMany({ where: { kind: 'key_rotation' } });
    expect(ops).toHaveLength(2);
    for (const v of plantedValues()) expect(json(ops)).not.toContain(v);
  });
});

describe('retention and the family’s rights', () => {
  it('erases level 1 of cases closed over 12 months ago or refused over 90 days ago; level 2 stays', async () => {
    const keys = keysOf(KEY_A);
    const old = await createCase(keys, 'V-old');
    const recent = await createCase(keys, 'V-recent');
    const refused = await createCase(keys, 'V-refused');
    await t.db.prisma.referral.update({
      where: { id: old.id },
      data: { status: 'closed', closedAt: subMonths(now, 13), closureReason: 'moved_away' },
    });
    await t.db.prisma.referral.update({
      where: { id: recent.id },
      data: { status: 'closed', closedAt: subMonths(now, 11) },
    });
    await t.db.prisma.referral.update({ where: { id: refused.id }, data: { consentStatus: 'refused' } });
    await t.db.prisma.caseEvent.create({
      data: { referralId: refused.id, version: 2, type: 'record_consent_refused', actorId: 'U2', at: subDays(now, 91) },
    });
    await t.db.prisma.sensitiveValue.create({
      data: {
        referralId: refused.id,
        field: 'consentRefusalReason',
        keyId: 'x',
        iv: 'x',
        ciphertext: 'x',
        authTag: 'x',
      },
    });
    const level1 = new Level1Store(t.db.prisma, keys);
    const deps = retentionDeps(level1);
    const retention = {
      closedMonths: 12,
      refusalDays: 90,
      inactiveMonths: 24,
      erasureMode: 'automatic' as const,
      backupDays: 30,
    };

    const dry = await runRetention(deps, { now, retention, dryRun: true });
    expect(dry.candidates.map((c) => [c.id, c.rule]).sort()).toEqual(
      [
        [old.id, 'closed'],
        [refused.id, 'refused'],
      ].sort(),
    );
    expect(await t.db.prisma.sensitiveValue.count()).toBe(8 * 3 + 1);
    // Each identity has its match keys (duplicates) until it is erased.
    expect(await t.db.prisma.identityKeys.count({ where: { referralId: { in: [old.id, recent.id] } } })).toBe(2);

    const run = await runRetention(deps, { now, retention, dryRun: false });
    // The refusal's free text goes with the rest (its coded reason stays in the event).
    expect(run.erasedValues).toBe(17);
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: old.id } })).toBe(0);
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: refused.id } })).toBe(0);
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: recent.id } })).toBe(8);
    // Level 2 and the history stay for statistics.
    const kept = await t.db.prisma.referral.findUniqueOrThrow({ where: { id: old.id } });
    expect(kept).toMatchObject({ ageBand: '6-10', axes: ['schooling', 'health'], closureReason: 'moved_away' });
    expect(kept.erasedAt).not.toBeNull();
    expect(await t.db.prisma.caseEvent.count({ where: { referralId: old.id } })).toBe(1);
    expect(await t.db.prisma.caseKey.count({ where: { referralId: old.id } })).toBe(0);
    // Nothing derived from the name outlives the erasure: the match keys go with the identity.
    expect(await t.db.prisma.identityKeys.count({ where: { referralId: old.id } })).toBe(0);
    expect(await t.db.prisma.identityKeys.count({ where: { referralId: recent.id } })).toBe(1);
    // The purge is recorded, without the erased values; a second run finds nothing.
    expect(await t.db.prisma.dataOperation.count({ where: { kind: 'erasure' } })).toBe(2);
    expect((await runRetention(deps, { now, retention, dryRun: false })).candidates).toEqual([]);

    // A closure note written after the erasure is level 1 again: the next run erases it.
    await t.db.prisma.sensitiveValue.create({
      data: { referralId: old.id, field: 'closureNote', keyId: 'x', iv: 'x', ciphertext: 'x', authTag: 'x' },
    });
    const again = await runRetention(deps, { now, retention, dryRun: false });
    expect(again.candidates.map((c) => c.id)).toEqual([old.id]);
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: old.id } })).toBe(0);
  });

  it('exports everything held about a case, decrypted, and erases it on request', async () => {
    const keys = keysOf(KEY_A);
    const c = await createCase(keys, 'V1');
    await t.db.prisma.accessLog.create({
      data: { referralId: c.id, userId: 'UTEAM', at: now, reason: 'follow_up', granted: true },
    });
    // A note of the journal de suivi, sealed with the case's key like the rest.
    await new CaseRepository(t.db.prisma, keys).addJournalEntry({
      referralId: c.id,
      entry: { on: '2026-11-20', kind: 'call', authorId: 'UTEAM', text: 'Appel à la mère, rendez-vous pris' },
      at: now,
    });
    // Staff ids where the pathway and the history keep them: the référent, who received the agreement, whom a
    // step added, a thread line's mention.
    await t.db.prisma.referral.update({
      where: { id: c.id },
      data: {
        assigneeUserId: 'UTEAM',
        pathway: { assigneeUserId: 'UTEAM', agreement: { receivedBy: 'UTEAM', on: '2026-11-02' }, team: ['UCOORD1'] },
      },
    });
    await t.db.prisma.caseEvent.create({
      data: {
        referralId: c.id,
        version: 2,
        type: 'add_member',
        actorId: 'UTEAM',
        at: now,
        details: { userId: 'UCOORD1', line: 'ajouté par <@UTEAM>' },
      },
    });
    const level1 = new Level1Store(t.db.prisma, keys);
    const data = (await level1.export(
      c.id,
      'test',
      now,
      async (id) => `role of ${id === 'UTEAM' ? 'team' : 'other'}`,
    )) as {
      nominativeData: Record<string, string>;
      journal: unknown[];
      history: unknown[];
      accessLog: unknown[];
    };
    // About the child and family, not about the staff: roles, never a Slack id.
    const exported = JSON.stringify(data);
    expect(exported).not.toMatch(/U(TEAM|COORD1)/);
    expect(exported).toContain('"receivedBy":"role of team"');
    expect(exported).toContain('ajouté par role of team');
    expect(data.accessLog).toEqual([expect.objectContaining({ who: 'role of team' })]);
    expect(data.nominativeData.schoolOther).toBe('École privée Saint-X');
    expect(data.nominativeData.guardianPhone).toBe('06 48 27 93 15');
    expect(data.history).toHaveLength(2);
    expect(data.accessLog).toHaveLength(1);
    // The journal as the family reads it: who wrote it as a role.
    expect(data.journal).toEqual([
      { on: '2026-11-20', kind: 'call', text: 'Appel à la mère, rendez-vous pris', author: 'role of team' },
    ]);
    expect(Object.keys(data.nominativeData).some((f) => f.startsWith('journal:'))).toBe(false);
    // Erased with the rest: the journal is one of the case's sealed values.
    expect(
      await level1.erase({ referralId: c.id, reason: 'rgpd_request', actorId: 'test', at: now, context: erasure }),
    ).toBe(9);
    const dump = await dumpLevel1();
    for (const v of plantedValues()) expect(dump).not.toContain(v);
    expect(await t.db.prisma.dataOperation.findMany({ orderBy: { id: 'asc' } })).toMatchObject([
      { kind: 'export' },
      { kind: 'erasure', details: { reason: 'rgpd_request', values: 9 } },
    ]);
  });
});

// Both lanes: on PostgreSQL the commands reach the server through DATABASE_URL, as an operator's would.
describe('maintenance commands', () => {
  it('npm run rgpd / retention / keys:rotate work from the command line', async () => {
    const c = await createCase(keysOf(KEY_A), 'V1');
    const reference = (await t.db.prisma.referral.findUniqueOrThrow({ where: { id: c.id } })).reference;
    const dir = mkdtempSync(join(tmpdir(), 'pre-rgpd-'));
    const run = (args: string[], env: Record<string, string> = {}) =>
      runTracked('npm', ['run', '--silent', ...args], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/root',
          DOTENV_CONFIG_PATH: '/nonexistent',
          ...t.testDb.env,
          PRE_ENCRYPTION_KEY: KEY_A,
          ...env,
        },
      });
    // Beside a process that has the database open: refused on the embedded database (one process owns it), run
    // safely on a PostgreSQL server.
    for (const command of [['retention', '--', '--dry-run'], ['db:migrate']]) {
      const beside = await run(command);
      if (onPostgres()) expect(beside.status, beside.stderr).toBe(0);
      else {
        expect(beside.status, command[0]).toBe(2);
        expect(beside.stderr).toContain('in use by another process');
      }
    }
    // Another instance of the app, running with the old key only (its row, as it writes it every 30 s).
    const ringA = keysOf(KEY_A);
    const ringBA = keysOf(KEY_B, KEY_A);
    const seen = new Date();
    await t.db.prisma.runningInstance.create({
      data: { id: 'web-2', host: 'web-2', pid: 4242, keyIds: [ringA.ring.current.id], startedAt: seen, seenAt: seen },
    });
    await t.db.close();
    const file = join(dir, 'export.json');
    const exported = await run(['rgpd', '--', 'export', reference, file]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Never over an existing file, never through a symbolic link.
    const again = await run(['rgpd', '--', 'export', reference, file]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
    const elsewhere = join(dir, 'elsewhere.json');
    symlinkSync(elsewhere, join(dir, 'link.json'));
    expect((await run(['rgpd', '--', 'export', reference, join(dir, 'link.json')])).status).toBe(2);
    expect(existsSync(elsewhere)).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8')).nominativeData.schoolOther).toBe('École privée Saint-X');
    expect(exported.stdout).not.toContain('Saint-X');

    // Rotating to B while it runs with A alone would leave it unable to read the re-wrapped cases: refused.
    const ring = { PRE_ENCRYPTION_KEY: '', PRE_ENCRYPTION_KEYS: `${KEY_B},${KEY_A}` };
    const refused = await run(['keys:rotate'], ring);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      `not rotated: 1 running instance(s) do not write with key ${ringBA.ring.current.id}`,
    );
    expect(refused.stderr).toContain('web-2 pid 4242');
    // Restarted with B first in its ring: the rotation goes ahead.
    const db = await openDatabase(t.testDb.target);
    await db.prisma.runningInstance.update({
      where: { id: 'web-2' },
      data: { keyIds: ringBA.ring.keys.map((k) => k.id) },
    });
    await db.close();
    const rotated = await run(['keys:rotate'], ring);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain('1 wrapping key file(s) re-sealed');

    const dry = await run(['retention', '--', '--dry-run'], { PRE_ENCRYPTION_KEY: KEY_B });
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing changed (erasure mode: visa)');
    const erased = await run(['rgpd', '--', 'erase', reference], { PRE_ENCRYPTION_KEY: KEY_B });
    expect(erased.status, erased.stderr).toBe(0);
    expect((await run(['rgpd', '--', 'frobnicate'])).status).toBe(2);
    t.db = await openDatabase(t.testDb.target);
    expect(await t.db.prisma.sensitiveValue.count()).toBe(0);
    expect(await t.db.prisma.caseKey.count()).toBe(0);
  });
});
