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
