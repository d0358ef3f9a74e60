import { addDays, subMonths } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_FILE, type RetentionConfig } from '../../src/config.js';
import { validateIntake } from '../../src/domain/referral.js';
import { runRetention } from '../../src/jobs/retention.js';
import { loadLists } from '../../src/lists-file.js';
import { createLogger } from '../../src/log.js';
import { erasureContext, retentionRender } from '../../src/slack/views/archive-messages.js';
import { computeAnnualReturn } from '../../src/store/annual-return.js';
import { CaseRepository } from '../../src/store/case-repository.js';
import { CaseVault } from '../../src/store/case-vault.js';
import { EliminationBatches } from '../../src/store/elimination-batches.js';
import { Level1Store } from '../../src/store/level1-store.js';
import { ReferralRepository } from '../../src/store/referral-repository.js';
import type { StoreKeys } from '../../src/store/wrapping-keys.js';
import { plantedValues } from '../support/canary.js';
import { intakeValues } from '../support/fixtures.js';
import { storeKeys } from '../support/keys.js';
import { useTestDatabase } from '../support/test-db.js';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const lists = loadLists(DEFAULT_LISTS_FILE);
const erasure = erasureContext(lists);
const logger = createLogger('silent');
const TZ = 'Europe/Paris';
// A Wednesday afternoon, Paris time.
const referredAt = new Date('2025-03-26T14:30:00Z');
const COORDINATOR = 'UCOORD001';

const t = useTestDatabase();
const keysOf = (...material: string[]) => storeKeys(material, t.testDb.keysDir);

async function createCase(keys: StoreKeys, viewId: string, at = referredAt) {
  const checked = validateIntake(intakeValues({}, '2025-03-26'), { today: '2025-03-26', lists });
  if (!checked.ok) throw new Error('invalid fixture');
  return new ReferralRepository(t.db.prisma, keys).create(
    { sourceViewId: viewId, referrerUserId: 'UTEACH001', referredAt: at, year: 2025, form: checked.form },
    () => [],
  );
}

async function writeNote(keys: StoreKeys, referralId: string, text: string, at = referredAt) {
  await t.db.prisma.$transaction((tx) => new CaseVault(keys).write(tx, referralId, { closureNote: text }, at));
}

const sealedRow = (referralId: string, field: string) =>
  t.db.prisma.sensitiveValue.findUniqueOrThrow({ where: { referralId_field: { referralId, field } } });

function deps(keys: StoreKeys) {
  return {
    level1: new Level1Store(t.db.prisma, keys, TZ),
    erasure,
    render: retentionRender(TZ),
    batches: new EliminationBatches(t.db.prisma, TZ),
    coordinators: async () => [COORDINATOR],
    logger,
  };
}

const retention = (mode: RetentionConfig['erasureMode']): RetentionConfig => ({
  closedMonths: 12,
  refusalDays: 90,
  inactiveMonths: 24,
  backupDays: 30,
  erasureMode: mode,
});

const dms = async (prefix: string) =>
  (await t.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: prefix } } })).map((m) => ({
    key: m.dedupeKey,
    text: JSON.stringify(m.payload),
  }));

describe('crypto-shredding (one data key per case)', () => {
  it('makes every other copy of an erased case’s ciphertexts unreadable, a restored backup included', async () => {
    const keys = keysOf(KEY_A);
    const c = await createCase(keys, 'V1');
    const repo = new ReferralRepository(t.db.prisma, keys);
    expect((await repo.readIdentity(c.id)).situation.length).toBeGreaterThan(20);
    // A copy of the rows as a backup, a WAL segment or an old table page holds them.
    const backup = {
      values: await t.db.prisma.sensitiveValue.findMany({ where: { referralId: c.id } }),
      key: await t.db.prisma.caseKey.findUniqueOrThrow({ where: { referralId: c.id } }),
    };
    await new Level1Store(t.db.prisma, keys, TZ).erase({
      referralId: c.id,
      reason: 'rgpd_request',
      actorId: 't',
      at: referredAt,
      context: erasure,
    });
    expect(await t.db.prisma.caseKey.count()).toBe(0);

    // The ciphertexts put back without their key: nothing opens, with every key of the ring.
    await t.db.prisma.sensitiveValue.createMany({ data: backup.values });
    await expect(repo.readIdentity(c.id)).rejects.toMatchObject({ code: 'tampered_value' });

    // A full backup taken before the erasure holds the wrapped key too. The retention run after the erasure moves
    // the living cases under a new wrapping key and retires the old one, kept while a backup may be restored:
    const level1 = new Level1Store(t.db.prisma, keys, TZ);
    const renewed = await level1.maintainKeys(referredAt, 30);
    expect(renewed.started).toMatch(/^w\d{8}[0-9a-f]{8}$/);
    expect(renewed.destroyed).toEqual([]);
    const restore = () => t.db.prisma.caseKey.create({ data: { ...backup.key, versions: backup.key.versions ?? {} } });
    await restore();
    expect((await repo.readIdentity(c.id)).situation.length).toBeGreaterThan(20);
    await t.db.prisma.caseKey.deleteMany({ where: { referralId: c.id } });
    // …then destroyed once the backups' retention has passed: the restored backup no longer opens, with any key
    // that still exists (the ring, and every wrapping key left).
    expect((await level1.maintainKeys(addDays(referredAt, 30), 30)).destroyed).toEqual([]);
    expect((await level1.maintainKeys(addDays(referredAt, 31), 30)).destroyed).toEqual([backup.key.kekId]);
    await restore();
    await expect(new ReferralRepository(t.db.prisma, keysOf(KEY_A)).readIdentity(c.id)).rejects.toMatchObject({
      code: 'unknown_key',
    });
  });

  it('binds each field’s write count: an older ciphertext of the same field cannot be put back', async () => {
    const keys = keysOf(KEY_A);
    const c = await createCase(keys, 'V1');
    await writeNote(keys, c.id, 'Première note');
    const first = await sealedRow(c.id, 'closureNote');
    await writeNote(keys, c.id, 'Note corrigée');
    const repo = new ReferralRepository(t.db.prisma, keys);
    const vault = new CaseVault(keys);
    expect((await vault.read(t.db.prisma, c.id)).closureNote).toBe('Note corrigée');
    // Put the first version back, as an attacker with write access to the table (or an old backup) could.
    const { referralId, field, ...rest } = first;
    await t.db.prisma.sensitiveValue.update({ where: { referralId_field: { referralId, field } }, data: rest });
    await expect(vault.read(t.db.prisma, c.id)).rejects.toMatchObject({ code: 'tampered_value', field: 'closureNote' });
    // The identity fields, untouched, still open; the tampered note is reported, not shown.
    const { values, failures } = await vault.readEach(t.db.prisma, c.id);
    expect(values.closureNote).toBeUndefined();
    expect(failures).toHaveLength(1);
    expect((await t.db.prisma.caseKey.findUniqueOrThrow({ where: { referralId: c.id } })).versions).toMatchObject({
      closureNote: 2,
      situation: 1,
    });
    expect(repo).toBeDefined();
  });
});

describe('an erased case keeps statistics only', () => {
  it('drops who referred, the exact school, class, services, référent and days; counts sex apart', async () => {
    const keys = keysOf(KEY_A);
    const c = await createCase(keys, 'V1');
    await t.db.prisma.catalogueAction.upsert({
      where: { id: 'test-action' },
      create: { id: 'test-action', axis: 'schooling', title: 'Action test', operator: 'OMJA' },
      update: {},
    });
    await t.db.prisma.orientation.create({
      data: {
        id: '00000000-0000-4000-8000-000000000001',
        referralId: c.id,
        actionId: 'test-action',
        status: 'ended',
        proposedOn: '2025-04-03',
        startedOn: '2025-04-10',
        endedOn: '2025-06-19',
        outcome: 'achieved',
      },
    });
    await t.db.prisma.caseEvent.create({
      data: {
        referralId: c.id,
        version: 2,
        type: 'take',
        actorId: 'UTEAM0001',
        at: new Date('2025-04-03T09:12:00Z'),
        details: { on: '2025-04-03', assigneeUserId: 'UTEAM0001' },
      },
    });
    await t.db.prisma.referral.update({
      where: { id: c.id },
      data: {
        assigneeUserId: 'UTEAM0001',
        services: ['ase', 'cmpp'],
        status: 'closed',
        closedAt: new Date('2025-06-20T16:00:00Z'),
      },
    });
    await t.db.prisma.accessLog.createMany({
      data: [
        { referralId: c.id, userId: 'UTEAM0001', at: referredAt, reason: 'follow_up', granted: true },
        { referralId: c.id, userId: 'UOUT00001', at: referredAt, reason: 'refused_before_reason', granted: false },
      ],
    });
    // The pathway as a parcours leaves it: the référent, who received the agreement, exact days.
    await t.db.prisma.referral.update({
      where: { id: c.id },
      data: {
        interpreterNeeded: true,
        pathway: {
          status: 'closed',
          version: 2,
          consent: 'given',
          assigneeUserId: 'UTEAM0001',
          consentRequestedOn: '2025-03-27',
          agreement: { form: 'written', on: '2025-03-28', receivedBy: 'UTEAM0001', scope: ['IEN'] },
          parcours: { enteredOn: '2025-04-02', referentUserId: 'UTEAM0001', nextReviewOn: '2025-07-02' },
          orientations: [],
        },
      },
    });
    // Who was on the case, and the referrer's profile (no role, no other case).
    await t.db.prisma.caseMember.create({
      data: { referralId: c.id, userId: 'UOTHER001', addedBy: 'UTEAM0001', reason: 'partner', addedAt: referredAt },
    });
    await t.db.prisma.member.create({
      data: { slackUserId: 'UTEACH001', roles: [], institution: 'en-ecole', jobTitle: 'Enseignante CM1' },
    });
    await t.db.prisma.member.create({ data: { slackUserId: 'UTEAM0001', roles: ['team'] } });
    // What the outbox holds about it: a receipt sent to the referrer, a thread line sent, a card update pending.
    const at = new Date('2025-04-03T09:12:00Z');
    await t.db.prisma.outboxMessage.createMany({
      data: [
        {
          dedupeKey: `receipt:${c.id}`,
          method: 'post',
          payload: { kind: 'post', destination: { kind: 'user', userId: 'UTEACH001' }, message: { text: 'x' } },
          status: 'sent',
          sentAt: at,
          result: { channel: 'DTEACH001', ts: '1.1' },
        },
        {
          dedupeKey: `thread:${c.id}:2`,
          method: 'thread_reply',
          payload: {
            kind: 'thread_reply',
            message: { text: '<@UTEAM0001> examine la situation — 03/04/2025 à 11:12' },
          },
          status: 'sent',
          sentAt: at,
          result: { channel: 'CCELLULE1', ts: '2.2' },
        },
        { dedupeKey: `card-update:${c.id}:3`, method: 'card_update', payload: { kind: 'card_update' } },
      ],
    });
    await t.db.prisma.referral.update({ where: { id: c.id }, data: { cardChannel: 'CCELLULE1', cardTs: '1.0' } });
    const before = await t.db.prisma.referral.findUniqueOrThrow({ where: { id: c.id } });
    const schoolYear = {
      schoolYear: '2024-2025',
      start: new Date('2024-08-31T22:00:00Z'),
      end: new Date('2025-08-31T22:00:00Z'),
      lists,
    };
    const qpvBefore = (await computeAnnualReturn(t.db.prisma, schoolYear)).tables.qpv;
    expect(qpvBefore.map((r) => r.value)).toEqual([1]);

    await new Level1Store(t.db.prisma, keys, TZ).erase({
      referralId: c.id,
      reason: 'retention_closed',
      actorId: 't',
      at: referredAt,
      context: erasure,
    });

    const row = await t.db.prisma.referral.findUniqueOrThrow({ where: { id: c.id } });
    // What stays: the statistics.
    expect(row).toMatchObject({
      reference: before.reference,
      ageBand: before.ageBand,
      schoolStage: before.schoolStage,
      axes: before.axes,
      difficulties: before.difficulties,
      status: 'closed',
    });
    // Where the child lived, as the QPV table counts it; no interpreter flag.
    expect(row.neighbourhood).toBe(before.neighbourhood === 'centre-ville' ? 'sector:not_qpv' : 'sector:qpv');
    expect(row.interpreterNeeded).toBe(false);
    expect((await computeAnnualReturn(t.db.prisma, schoolYear)).tables.qpv).toEqual(qpvBefore);
    expect(row.pathway).toMatchObject({
      consentRequestedOn: '2025-03-24',
      agreement: { on: '2025-03-24', scope: ['IEN'] },
      parcours: { enteredOn: '2025-03-31', nextReviewOn: '2025-06-30' },
    });
    expect(JSON.stringify(row.pathway)).not.toMatch(/receivedBy|referentUserId|assigneeUserId/);
    expect(await t.db.prisma.caseMember.count({ where: { referralId: c.id } })).toBe(0);
    expect((await t.db.prisma.member.findMany()).map((m) => m.slackUserId)).toEqual(['UTEAM0001']);
    // The outbox: nothing pending about it, nothing sent readable or addressed; in Slack, its thread line deleted
    // and its card redrawn with the reference alone.
    const outbox = await t.db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(outbox.map((m) => [m.dedupeKey, m.status, m.payload, m.result])).toEqual([
      [`receipt:${c.id}`, 'sent', { erased: true }, null],
      [`thread:${c.id}:2`, 'sent', { erased: true }, null],
      [
        expect.stringMatching(/^erased-line:/),
        'pending',
        { kind: 'delete', dedupeKey: expect.any(String), channel: 'CCELLULE1', ts: '2.2' },
        null,
      ],
      [`erased-card:${c.id}`, 'pending', expect.objectContaining({ kind: 'card_update' }), null],
    ]);
    expect(JSON.stringify(outbox[3]?.payload)).toContain(`Dossier ${before.reference} effacé`);
    // Days become the Monday of their week (Paris time).
    expect(row.referredAt.toISOString()).toBe('2025-03-23T23:00:00.000Z');
    expect(row.closedAt?.toISOString()).toBe('2025-06-15T22:00:00.000Z');
    // What goes.
    expect(row).toMatchObject({
      referrerUserId: null,
      referrerRole: null,
      sex: null,
      schoolId: null,
      classLevel: null,
      services: [],
      assigneeUserId: null,
    });
    expect(JSON.stringify(row.pathway)).not.toContain('UTEAM0001');
    const events = await t.db.prisma.caseEvent.findMany({ where: { referralId: c.id }, orderBy: { version: 'asc' } });
    expect(events.map((e) => [e.actorId, e.at.toISOString()])).toEqual([
      ['erased', '2025-03-23T23:00:00.000Z'],
      ['erased', '2025-03-30T22:00:00.000Z'],
    ]);
    expect(events[1]?.details).toEqual({ on: '2025-03-31' });
    expect(await t.db.prisma.orientation.findFirstOrThrow({ where: { referralId: c.id } })).toMatchObject({
      proposedOn: '2025-03-31',
      startedOn: '2025-04-07',
      endedOn: '2025-06-16',
      outcome: 'achieved',
    });
    // The access log becomes counts in the erasure record; sex a count for the school year.
    expect(await t.db.prisma.accessLog.count({ where: { referralId: c.id } })).toBe(0);
    expect(await t.db.prisma.dataOperation.findFirstOrThrow({ where: { kind: 'erasure' } })).toMatchObject({
      details: { accessGranted: 1, accessRefused: 1, reason: 'retention_closed' },
    });
    expect(await t.db.prisma.statisticsTally.findMany()).toEqual([
      { schoolYear: '2024-2025', measure: 'referrals_by_sex', value: before.sex, count: 1 },
    ]);
    const everything = JSON.stringify([row, events, await t.db.prisma.dataOperation.findMany(), outbox], (_k, v) =>
      typeof v === 'bigint' ? String(v) : v,
    );
    for (const v of [...plantedValues(), 'UTEACH001', 'UTEAM0001', 'UOTHER001', before.referrerRole, before.schoolId])
      expect(everything).not.toContain(v);
  });

  it('brings cases erased by an earlier version to the same state', async () => {
    const keys = keysOf(KEY_A);
    const c = await createCase(keys, 'V1');
    await t.db.prisma.sensitiveValue.deleteMany();
    await t.db.prisma.caseKey.deleteMany();
    await t.db.prisma.referral.update({ where: { id: c.id }, data: { erasedAt: referredAt } });
    expect(await new Level1Store(t.db.prisma, keys, TZ).scrubErasedRows(erasure)).toBe(1);
    expect(await t.db.prisma.referral.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      referrerUserId: null,
      sex: null,
      classLevel: null,
    });
    expect(await new Level1Store(t.db.prisma, keys, TZ).scrubErasedRows(erasure)).toBe(0);
  });
});

describe('cases that never close', () => {
  it('are proposed for closure after PRE_INACTIVE_MONTHS, once; then count as closed for retention', async () => {
    const keys = keysOf(KEY_A);
    const idle = await createCase(keys, 'V-idle');
    const busy = await createCase(keys, 'V-busy');
    const now = addDays(referredAt, 365 * 2 + 10); // a little over 24 months later
    // The busy case had a step last month.
    await t.db.prisma.caseEvent.create({
      data: { referralId: busy.id, version: 2, type: 'take', actorId: 'UTEAM0001', at: subMonths(now, 1) },
    });
    const d = deps(keys);
    const first = await runRetention(d, { now, retention: retention('automatic'), dryRun: false });
    const idleRef = (await t.db.prisma.referral.findUniqueOrThrow({ where: { id: idle.id } })).reference;
    expect(first.proposedForClosure).toEqual([idleRef]);
    expect(first.candidates).toEqual([]);
    const proposals = await dms('inactive:');
    expect(proposals.map((p) => p.key)).toEqual([`inactive:${idle.id}:${COORDINATOR}`]);
    expect(proposals[0]?.text).toContain(idleRef);
    expect(proposals[0]?.text).toContain('Clore le dossier');
    // Once only.
    expect(
      (await runRetention(d, { now, retention: retention('automatic'), dryRun: false })).proposedForClosure,
    ).toEqual([]);

    // Twelve more months with nothing: treated as closed, its delay is over.
    const later = addDays(subMonths(now, -12), 1);
    const due = await runRetention(d, { now: later, retention: retention('automatic'), dryRun: false });
    expect(due.candidates.map((c) => [c.reference, c.rule])).toEqual([[idleRef, 'inactive']]);
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: idle.id } })).toBe(0);
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: busy.id } })).toBe(7);
  });

  it('a step on a case proposed for closure withdraws the proposal', async () => {
    const keys = keysOf(KEY_A);
    const c = await createCase(keys, 'V1');
    const now = addDays(referredAt, 365 * 2 + 10);
    await runRetention(deps(keys), { now, retention: retention('visa'), dryRun: false });
    const row = await t.db.prisma.referral.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.inactivityProposedAt).not.toBeNull();
    const cases = new CaseRepository(t.db.prisma, keys);
    const done = await cases.commit({
      id: c.id,
      expectedVersion: row.version,
      fromStatus: 'referred',
      next: {
        status: 'in_analysis',
        version: row.version + 1,
        consent: 'not_requested',
        orientations: [],
        assigneeUserId: 'UTEAM0001',
      },
      event: { type: 'take', actorId: 'UTEAM0001' },
      at: now,
      messages: () => [],
    } as never);
    expect(done.ok).toBe(true);
    expect((await t.db.prisma.referral.findUniqueOrThrow({ where: { id: c.id } })).inactivityProposedAt).toBeNull();
  });
});

describe('the outbox keeps no sent text longer than needed', () => {
  it('clears a sent message’s text and recipient after seven days, keeps where it landed, leaves pending ones', async () => {
    const keys = keysOf(KEY_A);
    const now = new Date('2025-05-20T10:00:00Z');
    const message = (text: string) => ({
      kind: 'post',
      destination: { kind: 'user', userId: 'UTEACH001' },
      message: { text, blocks: [] },
    });
    await t.db.prisma.outboxMessage.createMany({
      data: [
        {
          dedupeKey: 'old',
          method: 'post',
          payload: message('ancien'),
          status: 'sent',
          sentAt: new Date('2025-05-12T10:00:00Z'),
          result: { channel: 'D1', ts: '1.1' },
        },
        { dedupeKey: 'recent', method: 'post', payload: message('récent'), status: 'sent', sentAt: now },
        { dedupeKey: 'pending', method: 'post', payload: message('à envoyer') },
      ],
    });
    await runRetention(deps(keys), { now, retention: retention('visa'), dryRun: false });
    const rows = await t.db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.dedupeKey, r.payload, r.result])).toEqual([
      ['old', { cleared: true, kind: 'post' }, { channel: 'D1', ts: '1.1' }],
      ['recent', message('récent'), null],
      ['pending', message('à envoyer'), null],
    ]);
  });
});

describe('activity is a step or a journal entry', () => {
  it('a case followed only in its journal is not proposed, nor erased as inactive; an entry withdraws a proposal', async () => {
    const keys = keysOf(KEY_A);
    const followed = await createCase(keys, 'V-followed');
    const proposed = await createCase(keys, 'V-proposed');
    const now = addDays(referredAt, 365 * 2 + 10);
    const cases = new CaseRepository(t.db.prisma, keys);
    const entry = { on: '2027-03-01', kind: 'call' as const, authorId: 'UTEAM0001', text: 'Appel à la mère' };
    // No step in two years, but the référent wrote in the journal last month.
    await cases.addJournalEntry({ referralId: followed.id, entry, at: subMonths(now, 1) });
    const d = deps(keys);
    const first = await runRetention(d, { now, retention: retention('automatic'), dryRun: false });
    const refOf = async (id: string) => (await t.db.prisma.referral.findUniqueOrThrow({ where: { id } })).reference;
    expect(first.proposedForClosure).toEqual([await refOf(proposed.id)]);

    // The proposed case's référent writes in its journal: the proposal is withdrawn (the EPS agenda reads it).
    await cases.addJournalEntry({ referralId: proposed.id, entry, at: addDays(now, 1) });
    expect((await t.db.prisma.referral.findUniqueOrThrow({ where: { id: proposed.id } })).inactivityProposedAt).toBe(
      null,
    );
    // Twelve more months: neither is erased as inactive, the journal's dates count as activity.
    const later = addDays(subMonths(now, -12), 1);
    const due = await runRetention(d, { now: later, retention: retention('automatic'), dryRun: false });
    expect(due.candidates.map((c) => c.rule)).not.toContain('inactive');
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: followed.id } })).toBe(8);
  });
});

describe('public archives: bordereau d’élimination and visa', () => {
  it('keeps due cases in intermediate archive until a coordinator records the visa, then erases them', async () => {
    const keys = keysOf(KEY_A);
    const closed = await createCase(keys, 'V1');
    const open = await createCase(keys, 'V2');
    const closedAt = new Date('2025-06-20T16:00:00Z');
    await t.db.prisma.referral.update({ where: { id: closed.id }, data: { status: 'closed', closedAt } });
    const now = addDays(closedAt, 400);
    // Activity on the open case so that it is not proposed for closure.
    await t.db.prisma.caseEvent.create({
      data: { referralId: open.id, version: 2, type: 'take', actorId: 'UTEAM0001', at: subMonths(now, 1) },
    });
    const d = deps(keys);
    const run = await runRetention(d, { now, retention: retention('visa'), dryRun: false });
    const reference = (await t.db.prisma.referral.findUniqueOrThrow({ where: { id: closed.id } })).reference;
    expect(run.drafted?.number).toBe(`BE-${now.getUTCFullYear()}-001`);
    expect(run.drafted?.lines).toEqual([{ reference, rule: 'closed', since: '2025-06' }]);
    expect(run.erasedCases).toBe(0);
    // Nothing is erased before the visa; a second run drafts nothing new.
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: closed.id } })).toBe(7);
    expect((await runRetention(d, { now, retention: retention('visa'), dryRun: false })).drafted).toBeUndefined();
    const [bordereau] = await dms('bordereau:');
    expect(bordereau?.text).toContain(reference);
    expect(bordereau?.text).toContain('Enregistrer le visa');
    for (const v of plantedValues()) expect(bordereau?.text).not.toContain(v);

    const number = run.drafted?.number ?? '';
    expect(
      await d.batches.recordVisa({
        number,
        receivedOn: '2026-07-30',
        reference: 'AD93-2026-114',
        by: COORDINATOR,
        at: now,
      }),
    ).toBe('recorded');
    expect(await d.batches.recordVisa({ number, receivedOn: '2026-07-30', by: COORDINATOR, at: now })).toBe(
      'already_recorded',
    );
    const after = await runRetention(d, { now, retention: retention('visa'), dryRun: false });
    expect(after.erasedCases).toBe(1);
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: closed.id } })).toBe(0);
    expect(await t.db.prisma.caseKey.count({ where: { referralId: closed.id } })).toBe(0);
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: open.id } })).toBe(7);
    expect((await d.batches.find(number))?.status).toBe('erased');
    const [done] = await dms('bordereau-erased:');
    expect(done?.text).toContain('1 dossier éliminé');
  });

  it('a case reopened after it was listed leaves the bordereau and is kept', async () => {
    const keys = keysOf(KEY_A);
    const c = await createCase(keys, 'V1');
    const closedAt = new Date('2025-06-20T16:00:00Z');
    await t.db.prisma.referral.update({ where: { id: c.id }, data: { status: 'closed', closedAt } });
    const now = addDays(closedAt, 400);
    const d = deps(keys);
    const number = (await runRetention(d, { now, retention: retention('visa'), dryRun: false })).drafted?.number ?? '';
    await t.db.prisma.referral.update({ where: { id: c.id }, data: { status: 'in_analysis', closedAt: null } });
    await d.batches.recordVisa({ number, receivedOn: '2026-07-30', by: COORDINATOR, at: now });
    const after = await runRetention(d, { now, retention: retention('visa'), dryRun: false });
    expect(after.erasedCases).toBe(0);
    expect(await t.db.prisma.sensitiveValue.count({ where: { referralId: c.id } })).toBe(7);
    expect((await t.db.prisma.referral.findUniqueOrThrow({ where: { id: c.id } })).eliminationBatchId).toBeNull();
  });
});
