import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../src/store/referral-repository.js';
import { useTestDatabase } from '../support/test-db.js';

const t = useTestDatabase();

/**
 * The data part of a committed migration (from its "-- Data" comment on, or all of it), run again over rows written
 * the way earlier versions wrote them.
 */
const migration = (name: string) => {
  const sql = readFileSync(`prisma/migrations/${name}/migration.sql`, 'utf8');
  const data = sql.indexOf('-- Data');
  return data >= 0 ? sql.slice(data) : sql;
};

async function oldStyleCase(id: string, familyInformed: string, pathway: unknown) {
  await t.db.prisma.referral.create({
    data: {
      id,
      reference: `PRE-2025-${id.slice(-4)}`,
      year: 2025,
      sequence: Number(id.slice(-4)),
      status: 'closed',
      sourceViewId: `V-${id}`,
      referredAt: new Date('2025-10-06T09:00:00Z'),
      referrerUserId: 'UTEACH001',
      referrerInstitution: 'en-ecole',
      referrerRole: 'Enseignante',
      ageBand: '6-10',
      sex: 'girl',
      schoolId: 'elem-condorcet',
      schoolStage: 'elementaire',
      classLevel: 'cm1',
      neighbourhood: 'landy',
      axes: ['schooling'],
      difficulties: [],
      services: [],
      familyAgreement: familyInformed,
      interpreterNeeded: false,
      pathway: pathway as never,
    },
  });
}

describe('data migrations keep existing cases readable', () => {
  it('turns "family informed?" into the first answer, and ended-by-closure orientations into annulée / arrêtée', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    await oldStyleCase(id, 'yes', {
      status: 'closed',
      version: 6,
      consent: 'given',
      orientations: [
        {
          id: 'a',
          actionId: 'clubs-lecture',
          status: 'ended',
          proposedAt: '2025-10-08',
          endedAt: '2025-11-03',
          outcome: 'case_closed',
        },
        {
          id: 'b',
          actionId: 'mediation-familiale',
          status: 'ended',
          proposedAt: '2025-10-08',
          startedAt: '2025-10-10',
          endedAt: '2025-11-03',
          outcome: 'case_closed',
        },
        {
          id: 'c',
          actionId: 'ecoute-colleges',
          status: 'ended',
          proposedAt: '2025-10-08',
          startedAt: '2025-10-09',
          endedAt: '2025-10-30',
          outcome: 'achieved',
        },
      ],
    });
    await oldStyleCase('00000000-0000-4000-8000-000000000002', 'unknown', {});
    await t.db.prisma.orientation.createMany({
      data: [
        {
          id: '00000000-0000-4000-8000-00000000000a',
          referralId: id,
          actionId: 'clubs-lecture',
          status: 'ended',
          proposedOn: '2025-10-08',
          endedOn: '2025-11-03',
          outcome: 'case_closed',
        },
        {
          id: '00000000-0000-4000-8000-00000000000b',
          referralId: id,
          actionId: 'mediation-familiale',
          status: 'ended',
          proposedOn: '2025-10-08',
          startedOn: '2025-10-10',
          endedOn: '2025-11-03',
          outcome: 'case_closed',
        },
      ],
    });

    await t.db.withRawSession(async (session) => {
      await session.exec(migration('20261129045735_consent_first'));
      await session.exec(migration('20261129060000_orientation_outcomes'));
    });

    const rows = await t.db.prisma.referral.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.familyAgreement)).toEqual(['informed', 'not_informed']);
    const [first] = rows;
    if (!first) throw new Error('no case');
    expect(summaryOf(first).orientations).toEqual([
      { actionId: 'clubs-lecture', status: 'cancelled' },
      { actionId: 'mediation-familiale', status: 'stopped' },
      { actionId: 'ecoute-colleges', status: 'ended' },
    ]);
    const projected = await t.db.prisma.orientation.findMany({ orderBy: { actionId: 'asc' } });
    expect(projected.map((o) => [o.actionId, o.status])).toEqual([
      ['clubs-lecture', 'cancelled'],
      ['mediation-familiale', 'stopped'],
    ]);
    // A second run changes nothing (the app applies each migration once; still, no damage if replayed).
    await t.db.withRawSession((session) => session.exec(migration('20261129060000_orientation_outcomes')));
    expect((await t.db.prisma.referral.findUniqueOrThrow({ where: { id } })).pathway).toEqual(first.pathway);
  });
});

describe('one entry per partner', () => {
  it('gives the OMJA, the CMPP and ANGI one name, and each partner one key in agreements, orientations and operators', async () => {
    const id = '00000000-0000-4000-8000-000000000003';
    const omja = 'op:office-municipal-de-la-jeunesse-d-aubervilliers-omja';
    const scope = [omja, 'in:asso-omja', 'in:asso-afev', 'op:ien', 'in:en-ecole'];
    await t.db.prisma.catalogueAction.updateMany({
      where: { id: 'accompagnement-scolaire-renforce' },
      data: { operator: 'Office Municipal de la Jeunesse d’Aubervilliers (OMJA)' },
    });
    await t.db.prisma.catalogueAction.updateMany({
      where: { id: 'ecoute-colleges' },
      data: { operator: 'CMPP d’Aubervilliers' },
    });
    await oldStyleCase(id, 'agreed_written', {
      status: 'oriented',
      version: 5,
      consent: 'given',
      agreement: { on: '2025-10-06', form: 'written', representatives: [], scope, version: 1 },
      orientations: [{ id: 'a', actionId: 'accompagnement-scolaire-renforce', status: 'proposed', operator: omja }],
    });
    await t.db.prisma.caseEvent.create({
      data: {
        referralId: id,
        version: 4,
        type: 'record_consent_given',
        actorId: 'U1',
        at: new Date(),
        details: { scope },
      },
    });
    await t.db.prisma.orientation.create({
      data: {
        id: '00000000-0000-4000-8000-00000000000c',
        referralId: id,
        actionId: 'accompagnement-scolaire-renforce',
        status: 'proposed',
        proposedOn: '2025-10-08',
        operatorKey: omja,
      },
    });
    const at = new Date();
    await t.db.prisma.operator.createMany({
      data: [
        { key: omja, name: 'Office Municipal de la Jeunesse d’Aubervilliers (OMJA)', updatedBy: 'U1', updatedAt: at },
        { key: 'op:omja', name: 'OMJA', channelId: 'COMJA', updatedBy: 'U1', updatedAt: at },
        {
          key: 'op:cmpp-d-aubervilliers',
          name: 'CMPP d’Aubervilliers',
          channelId: 'CCMPP',
          updatedBy: 'U1',
          updatedAt: at,
        },
      ],
    });
    await t.db.prisma.operatorReferent.create({
      data: { operatorKey: omja, userId: 'UREF1', addedBy: 'U1', addedAt: at },
    });

    await t.db.withRawSession((session) => session.exec(migration('20261204050000_one_entry_per_partner')));

    const operators = await t.db.prisma.catalogueAction.findMany({ select: { operator: true } });
    expect(operators.map((o) => o.operator)).not.toContain('CMPP d’Aubervilliers');
    expect(operators.map((o) => o.operator)).toContain('OMJA');
    const referral = await t.db.prisma.referral.findUniqueOrThrow({ where: { id } });
    const pathway = referral.pathway as { agreement: { scope: string[] }; orientations: { operator: string }[] };
    expect([...pathway.agreement.scope].sort()).toEqual(['in:en-ecole', 'op:afev', 'op:ien', 'op:omja']);
    expect(pathway.orientations[0]?.operator).toBe('op:omja');
    const event = await t.db.prisma.caseEvent.findFirstOrThrow({ where: { referralId: id } });
    expect([...(event.details as { scope: string[] }).scope].sort()).toEqual(pathway.agreement.scope.sort());
    expect((await t.db.prisma.orientation.findFirstOrThrow({ where: { referralId: id } })).operatorKey).toBe('op:omja');
    // The OMJA configured twice keeps its new name's channel, and the other's referent; the CMPP is renamed.
    const rows = await t.db.prisma.operator.findMany({ include: { referents: true }, orderBy: { key: 'asc' } });
    expect(rows.map((r) => [r.key, r.name, r.channelId, r.referents.map((x) => x.userId)])).toEqual([
      ['op:cmpp', 'CMPP', 'CCMPP', []],
      ['op:omja', 'OMJA', 'COMJA', ['UREF1']],
    ]);
  });
});

describe('the catalogue as French is written', () => {
  it('has typographic apostrophes after the migrations, even re-run over a straight one', async () => {
    const titles = (await t.db.prisma.catalogueAction.findMany()).flatMap((a) => [a.title, a.operator]);
    expect(titles.some((x) => x.includes('’'))).toBe(true);
    expect(titles.filter((x) => x.includes("'"))).toEqual([]);
    await t.db.prisma.catalogueAction.update({
      where: { id: 'point-ecoute-parents' },
      data: { title: "Point d'écoute parents/enfants" },
    });
    await t.db.withRawSession((session) => session.exec(migration('20261203090000_typographic_apostrophes')));
    const fixed = await t.db.prisma.catalogueAction.findUniqueOrThrow({ where: { id: 'point-ecoute-parents' } });
    expect(fixed.title).toBe('Point d’écoute parents/enfants');
  });
});

describe('the agreement received at the referral', () => {
  it('is in force in the cases referred with it and never asked since, as their first record, counted once', async () => {
    const ids = {
      oral: '00000000-0000-4000-8000-000000000101',
      asked: '00000000-0000-4000-8000-000000000102',
      situation: '00000000-0000-4000-8000-000000000103',
    };
    const referredAt = new Date('2025-10-05T22:30:00Z'); // 6 October in Paris
    const event = (referralId: string, version: number, type: string, details: object = {}) =>
      t.db.prisma.caseEvent.create({
        data: { referralId, version, type, actorId: 'UTEAM001', at: referredAt, details },
      });
    const intake = { axes: ['schooling'], ageBand: '6-10' };
    await oldStyleCase(ids.oral, 'agreed_oral', {
      status: 'in_analysis',
      version: 2,
      consent: 'not_requested',
      orientations: [],
    });
    await oldStyleCase(ids.asked, 'agreed_written', {
      status: 'in_analysis',
      version: 2,
      consent: 'requested',
      consentRequestedOn: '2025-10-08',
      orientations: [],
    });
    await oldStyleCase(ids.situation, 'informed', {
      status: 'referred',
      version: 1,
      consent: 'not_requested',
      preReferral: true,
      orientations: [],
    });
    await t.db.prisma.referral.updateMany({ data: { status: 'in_analysis', referredAt } });
    await t.db.prisma.referral.update({ where: { id: ids.situation }, data: { preReferral: true } });
    await event(ids.oral, 1, 'referred', intake);
    await event(ids.oral, 2, 'take');
    await event(ids.asked, 1, 'referred', intake);
    await event(ids.asked, 2, 'request_consent', { on: '2025-10-08', channel: 'phone' });
    await event(ids.situation, 1, 'referred', intake);
    const pathways = async () =>
      Object.fromEntries(
        (await t.db.prisma.referral.findMany()).map((r) => [r.id, r.pathway as Record<string, unknown>]),
      );
    const before = await pathways();

    // Run twice: the second run finds nothing left to do.
    for (let run = 0; run < 2; run += 1)
      await t.db.withRawSession((session) => session.exec(migration('20261204100000_agreement_at_referral')));

    const after = await pathways();
    expect(after[ids.oral]).toMatchObject({
      consent: 'given',
      agreement: {
        on: '2025-10-06',
        form: 'oral',
        representatives: [],
        scope: [],
        version: 1,
        atReferral: true,
      },
    });
    expect(after[ids.asked]).toEqual(before[ids.asked]);
    expect(after[ids.situation]).toEqual(before[ids.situation]);
    const first = await t.db.prisma.caseEvent.findFirstOrThrow({ where: { referralId: ids.oral, version: 1 } });
    expect(first.details).toEqual({ ...intake, agreement: { on: '2025-10-06', form: 'oral' } });
    const oral = await t.db.prisma.referral.findUniqueOrThrow({ where: { id: ids.oral } });
    expect(summaryOf(oral)).toMatchObject({ consent: 'given', agreementToComplete: true });
    expect(oral.consentStatus).toBe('given');

    // Completed by the team: still one agreement in the figures.
    await event(ids.oral, 3, 'record_consent_given', { on: '2025-10-06', form: 'written', scope: [] });
    const counted = await t.db.prisma.$queryRaw<{ id: string }[]>`
      SELECT referral_id::text AS id FROM family_agreements ORDER BY referral_id`;
    expect(counted).toEqual([{ id: ids.oral }]);
  });
});
