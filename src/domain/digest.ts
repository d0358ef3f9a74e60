import { anonymiseTable, type PublishedCount, type PublishedTable, publish } from './anonymiser.js';
import type { Axis } from './axes.js';
import { CASE_STATUSES, type CaseStatus } from './case-status.js';
import type { ClosureReason } from './pathway.js';
import { CLOSURE_REASONS } from './pathway.js';
import type { AgeBand } from './referral.js';

/** Who a digest is for: one reflection group (its axis), or the cellule (all axes). */
export type DigestAudience = Axis | 'cellule';
export const DIGEST_AUDIENCES: readonly DigestAudience[] = ['schooling', 'parenting', 'health', 'cellule'];

export const DIGEST_STAGES = ['maternelle', 'elementaire', 'college', 'other'] as const;
export type DigestStage = (typeof DIGEST_STAGES)[number];

/** Every status but closed: a case still followed. */
export const OPEN_STATUSES = CASE_STATUSES.filter((s): s is Exclude<CaseStatus, 'closed'> => s !== 'closed');
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** Weeks of a digest's trend, this week last (earlier weeks as their own digests published them). */
export const TREND_WEEKS = 8;
/** Months of a digest's monthly trend, the month it publishes last. */
export const TREND_MONTHS = 6;

/**
 * What one audience's cases did over a period `[from, to)` (a calendar month for the digests), as computed in SQL.
 * Exact counts, never published as such.
 */
export interface PeriodStats {
  newReferrals: number;
  byAgeBand: Record<AgeBand, number>;
  byStage: Record<DigestStage, number>;
  /** Agreements given and refusals recorded in the period; requests still unanswered at its end. */
  consents: { given: number; refused: number; pending: number };
  closuresByReason: Record<ClosureReason, number>;
  /** New referrals of the period with a sign of fragility on each axis (the group's axis only, for a group). */
  fragilityByAxis: Partial<Record<Axis, number>>;
  /** Besoins non couverts recorded in the period, by the need's axis (the group's axis only, for a group). */
  uncoveredNeeds: Partial<Record<Axis, number>>;
  /** Entries into a parcours individualisé. */
  parcoursEntered: number;
  /** Orientations answered, by action and outcome, non-zero rows only: `started@<action>`, `not_started@…`, `ended@…`. */
  orientationOutcomes: { key: string; count: number }[];
  /** Days from referral to the first analysis, for the cases analysed in the period. */
  daysToAnalysis: { median: number | null; cases: number };
  /** Days from referral to the first orientation, for the cases first oriented in the period. */
  daysToFirstOrientation: { median: number | null; cases: number };
  /** Days from orientation to start, for the orientations started in the period. */
  daysToStart: { median: number | null; cases: number };
}

declare const published: unique symbol;

/** A median with its case count, "too few" (under the threshold), or withdrawn to protect another figure. */
export type PublishedMedian =
  | { kind: 'value'; days: number; cases: number }
  | { kind: 'too_few' }
  | { kind: 'withdrawn' };

/**
 * The rows a month's tables are published by: coarser than what is counted, so that a month of a PRE's size says
 * something (four age bands over a dozen children are mostly "< 3"; two are mostly exact).
 */
export const MONTH_AGE_BANDS = ['2-10', '11-16'] as const;
export const MONTH_STAGES = ['primaire', 'secondaire'] as const;
export const MONTH_EXITS = ['exits'] as const;
export const MONTH_OUTCOMES = ['started', 'not_started', 'ended'] as const;
export type MonthAgeBand = (typeof MONTH_AGE_BANDS)[number];
export type MonthStage = (typeof MONTH_STAGES)[number];
export type MonthExit = (typeof MONTH_EXITS)[number];
export type MonthOutcome = (typeof MONTH_OUTCOMES)[number];

/** A month's tables as published: each table once, in the first digest after the month, quoted after that. */
export interface PublishedMonth {
  /** "2026-10" */
  id: string;
  start: string;
  end: string;
  newReferrals: PublishedCount;
  byAgeBand: PublishedTable;
  byStage: PublishedTable;
  consents: PublishedTable;
  closuresByReason: PublishedTable;
  fragilityByAxis: PublishedTable;
  uncoveredNeeds: PublishedTable;
  parcoursEntered: PublishedTable;
  /** Orientations answered in the month, by outcome: `started`, `not_started`, `ended`. */
  orientationOutcomes: PublishedTable;
  daysToAnalysis: PublishedMedian;
  daysToFirstOrientation: PublishedMedian;
  daysToStart: PublishedMedian;
}

/** The tables of a month, by name. */
export const MONTH_TABLES = [
  'byAgeBand',
  'byStage',
  'consents',
  'closuresByReason',
  'fragilityByAxis',
  'uncoveredNeeds',
  'parcoursEntered',
  'orientationOutcomes',
] as const;
export type MonthTable = (typeof MONTH_TABLES)[number];
export const MONTH_MEDIANS = ['daysToAnalysis', 'daysToFirstOrientation', 'daysToStart'] as const;
export type MonthMedian = (typeof MONTH_MEDIANS)[number];

/** A table of a digest published before months (the week's figures with windows): read back, never produced. */
export interface LegacyWindow {
  fragilityByAxis: PublishedTable;
  uncoveredNeeds: PublishedTable;
  parcoursEntered: PublishedTable;
  orientationOutcomes: PublishedTable;
}
export type LegacyTables = {
  byAgeBand: PublishedTable;
  byStage: PublishedTable;
  openByStatus: PublishedTable;
  consents: PublishedTable;
  orientationsStarted: PublishedTable;
  orientationOutcomes: PublishedTable;
  daysToAnalysis: PublishedMedian;
  daysToFirstOrientation: PublishedMedian;
  closuresByReason: PublishedTable;
  uncoveredNeeds: PublishedTable;
  fragilityByAxis: PublishedTable;
  parcoursEntered: PublishedTable;
  operatorAnswers: PublishedTable;
  daysToStart: PublishedMedian;
  windows: { schoolYearStart: string; twelveWeeks: LegacyWindow; schoolYear: LegacyWindow };
};

/**
 * A digest after anonymisation: the only shape the digest message builder accepts. The week says its new referrals
 * (and the weeks before, as they were published); the tables describe the last month over, published once.
 */
export type PublishedDigest = Readonly<
  {
    audience: DigestAudience;
    weekId: string;
    weekStart: string;
    weekEnd: string;
    threshold: number;
    /** The week's new referrals. */
    newReferrals: PublishedCount;
    /** Earlier weeks as their digests published them (a week never published is left out), this week last. */
    trend: { weekId: string; count: PublishedCount }[];
    /** The last month over at the week's end; absent from digests published before months. */
    month?: PublishedMonth;
    /** New referrals month by month, as each month was first published (this digest's month last). */
    monthTrend?: { monthId: string; count: PublishedCount }[];
  } & Partial<LegacyTables>
> & { readonly [published]: true };

function median(m: { median: number | null; cases: number }, threshold: number): PublishedMedian {
  // A median over fewer cases than the threshold describes too few children to publish.
  return m.median === null || m.cases < threshold
    ? { kind: 'too_few' }
    : { kind: 'value', days: Math.round(m.median * 10) / 10, cases: m.cases };
}

/**
 * A breakdown of children where every child falls in one row says something of each of them ("all the month's
 * referrals were 11–13"): withdrawn, whatever the counts.
 */
function oneRowOnly(table: PublishedTable, counts: readonly { count: number }[]): PublishedTable {
  if (counts.filter((c) => c.count > 0).length !== 1) return table;
  return {
    rows: table.rows.map((r) => ({ key: r.key, count: { kind: 'hidden' } })),
    ...(table.total ? { total: { kind: 'hidden' } as PublishedCount } : {}),
    withdrawn: true,
  };
}

/**
 * A month's tables with the charter's small-count rule applied to each cell ("< m", zeros shown); the suppression
 * that protects them together with everything else published (`protectDigests`) comes after.
 */
export function anonymiseMonth(
  month: { id: string; start: Date; end: Date },
  stats: PeriodStats,
  threshold: number,
): PublishedMonth {
  const plain = (rows: { key: string; count: number }[], withTotal = false) =>
    anonymiseTable({ rows, withTotal }, threshold);
  const breakdown = (rows: { key: string; count: number }[]) => oneRowOnly(plain(rows), rows);
  const byAxis = (counts: Partial<Record<Axis, number>>) =>
    Object.entries(counts).map(([key, count]) => ({ key, count: count ?? 0 }));
  const consents = [
    { key: 'given', count: stats.consents.given },
    { key: 'refused', count: stats.consents.refused },
    { key: 'pending', count: stats.consents.pending },
  ];
  return {
    id: month.id,
    start: month.start.toISOString(),
    end: month.end.toISOString(),
    newReferrals: publish(stats.newReferrals, threshold),
    byAgeBand: breakdown([
      { key: '2-10', count: stats.byAgeBand['2-5'] + stats.byAgeBand['6-10'] },
      { key: '11-16', count: stats.byAgeBand['11-13'] + stats.byAgeBand['14-16'] },
    ]),
    byStage: breakdown([
      { key: 'primaire', count: stats.byStage.maternelle + stats.byStage.elementaire },
      { key: 'secondaire', count: stats.byStage.college + stats.byStage.other },
    ]),
    consents: plain(consents),
    // Exits by reason are the annual return's (a month's few exits spread over seven reasons are all "< 3").
    closuresByReason: plain([
      { key: 'exits', count: CLOSURE_REASONS.reduce((n, r) => n + stats.closuresByReason[r], 0) },
    ]),
    fragilityByAxis: plain(byAxis(stats.fragilityByAxis)),
    uncoveredNeeds: plain(byAxis(stats.uncoveredNeeds)),
    parcoursEntered: plain([{ key: 'entered', count: stats.parcoursEntered }]),
    orientationOutcomes: plain(
      MONTH_OUTCOMES.map((outcome) => ({
        key: outcome,
        count: stats.orientationOutcomes
          .filter((o) => o.key.startsWith(`${outcome}@`))
          .reduce((n, o) => n + o.count, 0),
      })),
    ),
    daysToAnalysis: median(stats.daysToAnalysis, threshold),
    daysToFirstOrientation: median(stats.daysToFirstOrientation, threshold),
    daysToStart: median(stats.daysToStart, threshold),
  };
}

/**
 * One audience's digest of a week before suppression: the week's new referrals ("< m" when small), the earlier
 * weeks as they were published, and the month's tables (new, or quoted as first published).
 */
export function draftDigest(input: {
  audience: DigestAudience;
  week: { id: string; start: Date; end: Date };
  newReferrals: number;
  threshold: number;
  /** Earlier weeks of the trend as published, oldest first. */
  earlier: readonly { weekId: string; count: PublishedCount }[];
  month?: PublishedMonth;
  /** Earlier months' new referrals as published, oldest first. */
  earlierMonths: readonly { monthId: string; count: PublishedCount }[];
}): PublishedDigest {
  const digest = {
    audience: input.audience,
    weekId: input.week.id,
    weekStart: input.week.start.toISOString(),
    weekEnd: input.week.end.toISOString(),
    threshold: input.threshold,
    newReferrals: publish(input.newReferrals, input.threshold),
    trend: [...input.earlier.slice(-(TREND_WEEKS - 1))],
    ...(input.month ? { month: input.month } : {}),
    monthTrend: [
      ...input.earlierMonths.filter((m) => m.monthId !== input.month?.id).slice(-(TREND_MONTHS - 1)),
      ...(input.month ? [{ monthId: input.month.id, count: input.month.newReferrals }] : []),
    ],
  };
  digest.trend.push({ weekId: input.week.id, count: digest.newReferrals });
  return digest as unknown as PublishedDigest;
}
