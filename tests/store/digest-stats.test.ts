import { subWeeks } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import { AXES } from '../../src/domain/axes.js';
import type { DigestAudience, PeriodStats } from '../../src/domain/digest.js';
import { DIGEST_AUDIENCES } from '../../src/domain/digest.js';
import { type IsoWeek, parseIsoWeek } from '../../src/domain/iso-week.js';
import { difficultyIds } from '../../src/domain/lists.js';
import { type Month, parseMonth } from '../../src/domain/month.js';
import type { CaseCommandType } from '../../src/domain/pathway.js';
import { loadLists } from '../../src/lists-file.js';
import { type Database, openDatabase } from '../../src/store/db.js';
import { computePeriodStats } from '../../src/store/digest-stats.js';
import { generateCases, insertCases, type SeededCase } from '../support/seed-cases.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

const TZ = 'Europe/Paris';
const lists = loadLists(DEFAULT_LISTS_FILE);
const difficulties = difficultyIds(lists);
/** Every event the pathway records (a list the compiler checks against CaseCommandType). */
const EVENT_KINDS_RECORD: Record<CaseCommandType, true> = {
  take: true,
  complete_identity: true,
  orientation_not_started: true,
  record_information_preoccupante: true,
  enter_parcours: true,
  eps_decision: true,
  change_referent: true,
  set_objectives: true,
  review: true,
  request_consent: true,
  record_consent_given: true,
  record_consent_refused: true,
  withdraw_consent: true,
  orient: true,
  start_orientation: true,
  end_orientation: true,
  evaluate: true,
  close: true,
  merge_into: true,
  reopen: true,
};
/**
 * The kinds the seeded years hold: all but a merge, which names another case (the generator draws none); a merged
 * referral counts in no figure (counted_* views), tested with the duplicates (tests/slack/duplicates.test.ts).
 */
const EVENT_KINDS = Object.keys(EVENT_KINDS_RECORD).filter((k) => k !== 'merge_into');
const week = parseIsoWeek('2026-W46', TZ) as IsoWeek;
/** A digest's month, inside the seeded weeks. */
const period = parseMonth('2026-10', TZ) as Month;
let testDb: TestDatabase;
let db: Database;
let cases: SeededCase[];

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase(testDb.target);
  cases = generateCases(10_000, { seed: 46, from: subWeeks(week.start, 14), to: week.end });
  await insertCases(db.prisma, cases);
}, 180_000);
afterAll(async () => {
  await db?.close();
  await testDb?.dispose();
});

/** The same figures, the plain way: every case in memory, no SQL. */
function reference(audience: DigestAudience): PeriodStats {
  const on = cases.filter((c) => audience === 'cellule' || c.axes.includes(audience));
  const inWeek = (d: Date) => d >= period.start && d < period.end;
  const count = <T>(items: T[], key: (t: T) => string, keys: readonly string[]) =>
    Object.fromEntries(keys.map((k) => [k, items.filter((i) => key(i) === k).length]));
  const fresh = on.filter((c) => inWeek(c.referredAt));
  const lastConsent = (c: SeededCase) =>
    c.events
      .filter((e) => e.at < period.end)
      .filter((e) =>
        ['request_consent', 'record_consent_given', 'record_consent_refused', 'withdraw_consent'].includes(e.type),
      )
      .at(-1)?.type;
  const events = on.flatMap((c) => c.events);
  const med = (values: number[]) => {
    if (values.length === 0) return null;
    const s = [...values].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  const firstDays = (pred: (e: SeededCase['events'][number]) => boolean) => {
    const values = on.flatMap((c) => {
      const first = c.events.filter((e) => pred(e) && e.at < period.end)[0];
      return first && first.at >= period.start ? [(first.at.getTime() - c.referredAt.getTime()) / 86_400_000] : [];
    });
    return { median: med(values), cases: values.length };
  };
  const windowCounts = (from: Date, to: Date) => {
    const within = (d: Date) => d >= from && d < to;
    const outcome = { start_orientation: 'started', orientation_not_started: 'not_started', end_orientation: 'ended' };
    const outcomes = new Map<string, number>();
    for (const e of events)
      if (e.type in outcome && within(e.at)) {
        const key = `${outcome[e.type as keyof typeof outcome]}@${e.details.actionId}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    return {
      // By the need's own axis, over every case (not only the cases on the group's axis).
      uncoveredNeeds: Object.fromEntries(
        (audience === 'cellule' ? AXES : [audience]).map((axis) => [
          axis,
          cases
            .flatMap((c) => c.events)
            .filter((e) => e.type === 'orient' && within(e.at))
            .flatMap((e) => (e.details.uncoveredNeeds as string[] | undefined) ?? [])
            .filter((a) => a === axis).length,
        ]),
      ),
      // Signs of fragility by axis: new referrals with a difficulty of the axis (a group: its own axis only).
      fragilityByAxis: Object.fromEntries(
        (audience === 'cellule' ? AXES : [audience]).map((axis) => [
          axis,
          cases.filter(
            (c) => within(c.referredAt) && c.difficulties.some((d) => lists.difficulties[axis].some((x) => x.id === d)),
          ).length,
        ]),
      ),
      parcoursEntered: events.filter(
        (e) =>
          within(e.at) &&
          (e.type === 'enter_parcours' || (e.type === 'eps_decision' && e.details.decision === 'parcours')),
      ).length,
      orientationOutcomes: [...outcomes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => ({ key, count })),
    };
  };
  return {
    newReferrals: fresh.length,
    byAgeBand: count(fresh, (c) => c.ageBand, ['2-5', '6-10', '11-13', '14-16']) as PeriodStats['byAgeBand'],
    byStage: count(
      fresh,
      (c) => (['maternelle', 'elementaire', 'college'].includes(c.schoolStage) ? c.schoolStage : 'other'),
      ['maternelle', 'elementaire', 'college', 'other'],
    ) as PeriodStats['byStage'],
    consents: {
      // A family's agreement, not its updates: a record that follows no other record of it (a refusal or a
      // withdrawal between two makes the second a new agreement).
      given: on
        .flatMap((c) =>
          c.events
            .filter((e) =>
              ['request_consent', 'record_consent_given', 'record_consent_refused', 'withdraw_consent'].includes(
                e.type,
              ),
            )
            .filter((e, i, all) => e.type === 'record_consent_given' && all[i - 1]?.type !== 'record_consent_given'),
        )
        .filter((e) => inWeek(e.at)).length,
      refused: events.filter((e) => e.type === 'record_consent_refused' && inWeek(e.at)).length,
      pending: on.filter((c) => lastConsent(c) === 'request_consent').length,
    },
    daysToAnalysis: firstDays((e) => e.toStatus === 'in_analysis'),
    daysToFirstOrientation: firstDays((e) => e.type === 'orient'),
    // Every exit, whatever closed the case (the button, an EPS relais or sans suite, a bilan's exit).
    closuresByReason: count(
      on.flatMap((c) =>
        c.events.filter((e, i) => e.toStatus === 'closed' && c.events[i - 1]?.toStatus !== 'closed' && inWeek(e.at)),
      ),
      (e) =>
        String(e.details.reason ?? e.details.exitReason ?? (e.details.decision === 'relay' ? 'redirected' : 'other')),
      ['objectives_met', 'moved_away', 'family_refused', 'redirected', 'age_limit', 'child_protection', 'other'],
    ) as PeriodStats['closuresByReason'],
    ...windowCounts(period.start, period.end),
    daysToStart: (() => {
      const values = on.flatMap((c) =>
        c.events
          .filter((e) => e.type === 'start_orientation' && inWeek(e.at))
          .flatMap((s) => {
            const orient = c.events.find(
              (e) =>
                e.type === 'orient' && (e.details.orientationIds as string[]).includes(String(s.details.orientationId)),
            );
            if (!orient) return [];
            const days = (Date.parse(String(s.details.on)) - Date.parse(String(orient.details.on))) / 86_400_000;
            return [days];
          }),
      );
      return { median: med(values), cases: values.length };
    })(),
  };
}

describe('digest statistics in SQL', () => {
  it('are compared over cases that went through every kind of event, in the month and before it', () => {
    const kinds = (pred: (e: SeededCase['events'][number]) => boolean) =>
      new Set(cases.flatMap((c) => c.events.filter(pred).map((e) => e.type)));
    const everyKind = ['referred', ...EVENT_KINDS].sort();
    expect([...kinds(() => true)].sort()).toEqual(everyKind);
    expect([...kinds((e) => e.at >= period.start && e.at < period.end)].sort()).toEqual(everyKind);
  });

  it.each(DIGEST_AUDIENCES)('match a straightforward computation over 10,000 cases (%s)', async (audience) => {
    const stats = await computePeriodStats(db.prisma, { audience, from: period.start, to: period.end, difficulties });
    const expected = reference(audience);
    const { daysToAnalysis, daysToFirstOrientation, daysToStart, ...rest } = stats;
    const { daysToAnalysis: a, daysToFirstOrientation: o, daysToStart: st, ...expectedRest } = expected;
    expect(rest).toEqual(expectedRest);
    expect(stats.newReferrals).toBeGreaterThan(50);
    expect(Object.values(stats.uncoveredNeeds).every((v) => (v ?? 0) > 0)).toBe(true);
    expect(Object.values(stats.fragilityByAxis).every((v) => (v ?? 0) > 0)).toBe(true);
    expect(stats.orientationOutcomes.length).toBeGreaterThan(3);
    expect(daysToAnalysis.cases).toBe(a.cases);
    expect(daysToAnalysis.median).toBeCloseTo(a.median ?? Number.NaN, 6);
    expect(daysToFirstOrientation.cases).toBe(o.cases);
    expect(daysToFirstOrientation.median).toBeCloseTo(o.median ?? Number.NaN, 6);
    expect(daysToStart.cases).toBe(st.cases);
    expect(daysToStart.cases).toBeGreaterThan(10);
    expect(daysToStart.median).toBeCloseTo(st.median ?? Number.NaN, 6);
  });
});
