import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import { parseSchoolYear } from '../../src/domain/annual-return.js';
import { difficultyIds } from '../../src/domain/lists.js';
import { type Month, monthContaining, parseMonth } from '../../src/domain/month.js';
import { loadLists } from '../../src/lists-file.js';
import { computeAnnualReturn } from '../../src/store/annual-return.js';
import { type Database, openDatabase } from '../../src/store/db.js';
import { computePeriodStats } from '../../src/store/digest-stats.js';
import { generateCases, insertCases, type SeededCase } from '../support/seed-cases.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

const TZ = 'Europe/Paris';
const lists = loadLists(DEFAULT_LISTS_FILE);
const difficulties = difficultyIds(lists);
const year = parseSchoolYear('2026-2027', TZ) as NonNullable<ReturnType<typeof parseSchoolYear>>;
let testDb: TestDatabase;
let db: Database;
let cases: SeededCase[];

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase(testDb.target);
  // A school year's referrals from its first full week, each pathway walked by the pathway's rules (every kind of
  // event: EPS decisions, bilans, exits of every kind, agreements updated, withdrawn and given again).
  cases = generateCases(400, {
    seed: 27,
    from: new Date('2026-09-07T00:00:00Z'),
    to: new Date('2026-11-29T00:00:00Z'),
  });
  await insertCases(db.prisma, cases);
  // One referral merged into another case (a duplicate): counted nowhere, on every surface.
  const [kept, merged] = await db.prisma.referral.findMany({ orderBy: { sequence: 'asc' }, take: 2 });
  if (!kept || !merged) throw new Error('no cases');
  await db.prisma.referral.update({ where: { id: merged.id }, data: { mergedInto: kept.id } });
}, 180_000);
afterAll(async () => {
  await db?.close();
  await testDb?.dispose();
});

describe('every figure counts the same thing', () => {
  it('the months of the digests add up to the annual return', async () => {
    const sum = { referred: 0, entries: 0, agreements: 0, exits: new Map<string, number>() };
    // The school year is its twelve months, end to end.
    for (
      let month = parseMonth('2026-09', TZ) as Month;
      month.start < year.end;
      month = monthContaining(month.end, TZ)
    ) {
      const stats = await computePeriodStats(db.prisma, {
        audience: 'cellule',
        from: month.start,
        to: month.end,
        difficulties,
      });
      sum.referred += stats.newReferrals;
      sum.entries += stats.parcoursEntered;
      sum.agreements += stats.consents.given;
      for (const [reason, n] of Object.entries(stats.closuresByReason))
        if (n > 0) sum.exits.set(reason, (sum.exits.get(reason) ?? 0) + n);
    }
    const annual = await computeAnnualReturn(db.prisma, {
      schoolYear: year.id,
      start: year.start,
      end: year.end,
      lists,
    });
    const row = (table: keyof typeof annual.tables, key: string) =>
      annual.tables[table].find((r) => r.key === key)?.value ?? 0;
    // A child: one referral counted once (the merged one nowhere); an entry into a parcours; an exit and its reason.
    expect(sum.referred).toBe(cases.length - 1);
    expect(row('activity', 'referred')).toBe(sum.referred);
    expect(row('entries_exits', 'entries')).toBe(sum.entries);
    const exits = new Map(
      annual.tables.entries_exits.filter((r) => r.key.startsWith('exit:')).map((r) => [r.key.slice(5), r.value]),
    );
    expect(Object.fromEntries(exits)).toEqual(Object.fromEntries(sum.exits));
    expect([...exits.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // An agreement: as many as the families who gave one (an update of the scope is the same agreement).
    const given = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM family_agreements`;
    expect(sum.agreements).toBe(Number(given[0]?.n));
    const updates = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM counted_case_events WHERE type = 'record_consent_given'`;
    expect(Number(updates[0]?.n)).toBeGreaterThan(sum.agreements);
  }, 600_000);
});
