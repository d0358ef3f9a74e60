import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import { type AnnualRow, parseSchoolYear, publishAnnualReturn } from '../../src/domain/annual-return.js';
import { AXES, type Axis } from '../../src/domain/axes.js';
import { loadLists } from '../../src/lists-file.js';
import { computeAnnualReturn, SURVEY_AGE_BAND } from '../../src/store/annual-return.js';
import { type Database, openDatabase } from '../../src/store/db.js';
import { generateCases, insertCases, type SeededCase, type SeededEvent } from '../support/seed-cases.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

const TZ = 'Europe/Paris';
const lists = loadLists(DEFAULT_LISTS_FILE);
const year = parseSchoolYear('2026-2027', TZ) as NonNullable<ReturnType<typeof parseSchoolYear>>;
let testDb: TestDatabase;
let db: Database;
let cases: SeededCase[];
let catalogue: Map<string, { axis: string; operator: string }>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase(testDb.target);
  // Referrals from June to November 2026: some before the school year, most in it; their pathways run on.
  cases = generateCases(10_000, {
    seed: 2026,
    from: new Date('2026-06-01T00:00:00Z'),
    to: new Date('2026-11-20T00:00:00Z'),
  });
  await insertCases(db.prisma, cases);
  // The EPS met twice in the year (the generated decisions name meeting 1) and twice before it.
  await db.prisma.epsMeeting.createMany({
    data: [
      { id: 1n, heldOn: '2026-10-05', institutions: [], createdBy: 'USEED', agenda: [] },
      { id: 2n, heldOn: '2026-11-09', institutions: [], createdBy: 'USEED', agenda: [] },
      { id: 3n, heldOn: '2026-06-15', institutions: [], createdBy: 'USEED', agenda: [] },
      // The day before the school year (its start is 1 September 00:00 in Paris, still 31 August in UTC).
      { id: 4n, heldOn: '2026-08-31', institutions: [], createdBy: 'USEED', agenda: [] },
    ],
  });
  catalogue = new Map(
    (await db.prisma.catalogueAction.findMany()).map((a) => [a.id, { axis: a.axis, operator: a.operator }]),
  );
}, 180_000);
afterAll(async () => {
  await db?.close();
  await testDb?.dispose();
});

/** The same figures, the plain way: every case in memory, one definition at a time. */
function reference(): Record<string, AnnualRow[]> {
  const inYear = (d: Date) => d >= year.start && d < year.end;
  const events = cases.flatMap((c) => c.events);
  const yearEvents = events.filter((e) => inYear(e.at));
  const count = (keys: string[]) => {
    const out = new Map<string, number>();
    for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
    return [...out].map(([key, value]) => ({ key, value })).sort((a, b) => a.key.localeCompare(b.key));
  };
  const isEntry = (e: SeededEvent) =>
    e.type === 'enter_parcours' || (e.type === 'eps_decision' && e.details.decision === 'parcours');
  const closedBefore = (c: SeededCase) =>
    c.events.some(
      (x) => x.toStatus === 'closed' && x.at < year.start && !c.events.some((r) => r.type === 'reopen' && r.at > x.at),
    );
  const parcours = cases.filter((c) => c.events.some((e) => isEntry(e) && e.at < year.end) && !closedBefore(c));
  const started = new Set(yearEvents.filter((e) => e.type === 'start_orientation').map((e) => e.referralId));
  const referred = cases.filter((c) => inYear(c.referredAt));
  const closures = yearEvents.filter((e) => e.toStatus === 'closed' && e.type !== 'referred');
  const exitReason = (e: SeededEvent) =>
    String(e.details.reason ?? e.details.exitReason ?? (e.details.decision === 'relay' ? 'redirected' : 'other'));
  const qpv = new Map(lists.neighbourhoods.map((x) => [x.id, x.qpv]));
  const education = new Map(lists.schools.map((x) => [x.id, x.education]));
  const kind = new Map(lists.institutions.map((x) => [x.id, x.kind]));
  const axisOf = new Map<string, Axis>();
  for (const axis of AXES) for (const d of lists.difficulties[axis]) axisOf.set(d.id, axis);
  const answers = yearEvents.filter((e) =>
    ['start_orientation', 'orientation_not_started', 'end_orientation'].includes(e.type),
  );
  const answer = (e: SeededEvent) =>
    e.type === 'start_orientation' ? 'started' : e.type === 'orientation_not_started' ? 'not_started' : 'ended';
  const by = (field: 'id' | 'axis' | 'operator') =>
    count(
      answers.flatMap((e) => {
        const action = catalogue.get(String(e.details.actionId));
        if (!action) return [];
        const key = field === 'id' ? String(e.details.actionId) : action[field];
        return [`${key}|${answer(e)}`];
      }),
    );
  const prestations = yearEvents.filter((e) => e.type === 'orient' && e.details.prestation);
  const funders = [...new Set(prestations.map((e) => (e.details.prestation as { funder: string }).funder))].sort();
  const lengths = closures.flatMap((x) => {
    const c = cases.find((k) => k.id === x.referralId) as SeededCase;
    const entry = c.events.filter((e) => e.version < x.version && isEntry(e)).at(-1);
    if (!entry) return [];
    const from = Date.parse(String(entry.details.on));
    return [(Date.parse(x.at.toISOString().slice(0, 10)) - from) / 86_400_000];
  });
  const sorted = [...lengths].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const decisions = events.filter((e) => e.type === 'eps_decision' && e.details.meetingId === '1');
  return {
    activity: [
      { key: 'referred', value: referred.length },
      {
        key: 'examined',
        value: new Set(
          yearEvents
            .filter((e) => e.type === 'take' || e.type === 'eps_decision' || e.toStatus === 'in_analysis')
            .map((e) => e.referralId),
        ).size,
      },
      { key: 'in_parcours', value: parcours.length },
      { key: 'beneficiaries', value: new Set([...parcours.map((c) => c.id), ...started]).size },
    ],
    entries_exits: [
      { key: 'entries', value: yearEvents.filter(isEntry).length },
      ...count(closures.map(exitReason)).map((r) => ({ ...r, key: `exit:${r.key}` })),
    ],
    sex: count(referred.map((c) => c.sex)),
    age_band: count(referred.map((c) => SURVEY_AGE_BAND[c.ageBand] ?? 'unknown')),
    school_level: count(referred.map((c) => c.schoolStage)),
    qpv: count(
      referred.map((c) => (!qpv.has(c.neighbourhood) ? 'unknown' : qpv.get(c.neighbourhood) ? 'qpv' : 'not_qpv')),
    ),
    education_priority: count(referred.map((c) => education.get(c.schoolId) ?? 'unknown')),
    origin: count(referred.map((c) => kind.get(c.referrerInstitution) ?? 'other')),
    fragility: count(referred.flatMap((c) => c.difficulties.map((d) => `${axisOf.get(d) ?? 'unknown'}:${d}`))),
    orientations_by_action: by('id'),
    orientations_by_axis: by('axis'),
    orientations_by_operator: by('operator'),
    prestations: funders.flatMap((funder) => {
      const mine = prestations.filter((e) => (e.details.prestation as { funder: string }).funder === funder);
      const cents = mine.reduce((s, e) => s + (e.details.prestation as { costCents: number }).costCents, 0);
      return [
        { key: `${funder}:cases`, value: mine.length },
        { key: `${funder}:cost_euros`, value: cents / 100 },
      ];
    }),
    uncovered_needs: count(
      yearEvents
        .filter((e) => e.type === 'orient')
        .flatMap((e) => (e.details.uncoveredNeeds as string[] | undefined) ?? []),
    ),
    parcours_length: [
      { key: 'mean_days', value: Math.round((lengths.reduce((s, v) => s + v, 0) / lengths.length) * 10) / 10 },
      { key: 'median_days', value: median },
      { key: 'cases', value: lengths.length },
    ],
    eps: [
      { key: 'meetings', value: 2 },
      { key: 'situations_examined', value: new Set(decisions.map((d) => d.referralId)).size },
      ...count(decisions.map((d) => `decision:${d.details.decision}`)),
    ],
  };
}

describe('the annual return', () => {
  it('matches a plain computation over 10,000 generated cases, table by table', async () => {
    const computed = await computeAnnualReturn(db.prisma, {
      schoolYear: year.id,
      start: year.start,
      end: year.end,
      lists,
    });
    const expected = reference();
    for (const [name, rows] of Object.entries(expected)) {
      expect(computed.tables[name as keyof typeof computed.tables], name).toEqual(rows);
    }
    // The data exercises every table.
    for (const [name, rows] of Object.entries(computed.tables)) expect(rows.length, name).toBeGreaterThan(0);
    expect(computed.tables.activity.find((r) => r.key === 'referred')?.value).toBeGreaterThan(3000);
  });

  it('publishes exact counts at level 2, and hides small ones (and what would give them back) at level 3', async () => {
    const computed = await computeAnnualReturn(db.prisma, {
      schoolYear: year.id,
      start: year.start,
      end: year.end,
      lists,
    });
    const level2 = publishAnnualReturn(computed, 2, 3);
    const level3 = publishAnnualReturn(computed, 3, 3);
    expect(level2.tables.sex.map((r) => r.value)).toEqual(
      computed.tables.sex.map((r) => ({ kind: 'value', value: r.value })),
    );
    for (const [name, rows] of Object.entries(level3.tables))
      for (const [i, row] of rows.entries()) {
        const exact = computed.tables[name as keyof typeof computed.tables][i]?.value ?? 0;
        if (row.value.kind === 'value') expect(row.value.value, `${name} ${row.key}`).toBe(exact);
        if (Number.isInteger(exact) && exact > 0 && exact < 3 && !name.startsWith('parcours_length'))
          expect(row.value.kind, `${name} ${row.key}`).not.toBe('value');
      }
  });
});
