import { anonymiseTable, type PublishedCount, type PublishedTable, publish } from './anonymiser.js';
import type { Axis } from './axes.js';
import type { CaseStatus } from './case-status.js';
import type { ClosureReason } from './pathway.js';
import { CLOSURE_REASONS } from './pathway.js';
import { AGE_BANDS, type AgeBand } from './referral.js';

/** Who a digest is for: one reflection group (its axis), or the cellule (all axes). */
export type DigestAudience = Axis | 'cellule';
export const DIGEST_AUDIENCES: readonly DigestAudience[] = ['schooling', 'parenting', 'health', 'cellule'];

export const DIGEST_STAGES = ['maternelle', 'elementaire', 'college', 'other'] as const;
export type DigestStage = (typeof DIGEST_STAGES)[number];

export const OPEN_STATUSES = [
  'referred',
  'in_analysis',
  'oriented',
  'in_progress',
  'evaluated',
] as const satisfies readonly CaseStatus[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** Exact counts for one week and audience, as computed in SQL. Never published as such. */
export interface DigestStats {
  audience: DigestAudience;
  weekId: string;
  weekStart: Date;
  weekEnd: Date;
  newReferrals: number;
  byAgeBand: Record<AgeBand, number>;
  byStage: Record<DigestStage, number>;
  openByStatus: Record<OpenStatus, number>;
  consents: { given: number; refused: number; pending: number };
  orientationsStarted: { actionId: string; count: number }[];
  daysToAnalysis: { median: number | null; cases: number };
  daysToFirstOrientation: { median: number | null; cases: number };
  closuresByReason: Record<ClosureReason, number>;
  /** Besoins non couverts recorded in the week, by the need's axis (the group's axis only, for a group). */
  uncoveredNeeds: Partial<Record<Axis, number>>;
  /** Orientations answered in the week, by operator: `started`, `not_started:<reason>`, `ended:<attendance>`. */
  operatorAnswers: { operator: string; answer: string; count: number }[];
  /** Days from orientation to start, over the orientations started in the last 12 weeks. */
  daysToStart: { median: number | null; cases: number };
  /** New referrals over the last four weeks, oldest first, this week last. */
  trend: { weekId: string; count: number }[];
}

declare const published: unique symbol;

/** A digest after anonymisation: the only shape the digest message builder accepts. */
export type PublishedDigest = Readonly<{
  audience: DigestAudience;
  weekId: string;
  weekStart: string;
  weekEnd: string;
  threshold: number;
  newReferrals: PublishedCount;
  byAgeBand: PublishedTable;
  byStage: PublishedTable;
  openByStatus: PublishedTable;
  consents: PublishedTable;
  orientationsStarted: PublishedTable;
  daysToAnalysis: PublishedMedian;
  daysToFirstOrientation: PublishedMedian;
  closuresByReason: PublishedTable;
  /** Absent from digests published before besoins non couverts were counted. */
  uncoveredNeeds?: PublishedTable;
  /** Keys `<answer>@<operator>`; absent from digests published before operators answered. */
  operatorAnswers?: PublishedTable;
  daysToStart?: PublishedMedian;
  trend: { weekId: string; count: PublishedCount }[];
}> & { readonly [published]: true };

export type PublishedMedian = { kind: 'value'; days: number; cases: number } | { kind: 'too_few' };

const table = <K extends string>(keys: readonly K[], counts: Record<K, number>) =>
  keys.map((key) => ({ key, count: counts[key] }));

function median(m: { median: number | null; cases: number }, threshold: number): PublishedMedian {
  // A median over fewer cases than the threshold describes too few children to publish.
  return m.median === null || m.cases < threshold
    ? { kind: 'too_few' }
    : { kind: 'value', days: Math.round(m.median * 10) / 10, cases: m.cases };
}

/**
 * Applies the charter's small-count rule to every figure. The two breakdowns of new referrals (age band, school
 * stage) share their total with the headline count: if either must hide its total, the headline is hidden too,
 * and both breakdowns are published without a total.
 */
export function anonymiseDigest(
  stats: DigestStats,
  threshold: number,
  /** Weeks of the trend already published (their headline as it was shown): quoted, never recomputed. */
  publishedWeeks: ReadonlyMap<string, PublishedCount> = new Map(),
): PublishedDigest {
  const breakdown = (withTotal: boolean) => ({
    age: anonymiseTable({ rows: table(AGE_BANDS, stats.byAgeBand), withTotal }, threshold),
    stage: anonymiseTable({ rows: table(DIGEST_STAGES, stats.byStage), withTotal }, threshold),
  });
  let { age, stage } = breakdown(true);
  let headline = publish(stats.newReferrals, threshold);
  if (!age.total || !stage.total) {
    ({ age, stage } = breakdown(false));
    headline = { kind: 'hidden' };
  }
  const trend = stats.trend.map((t, i) => ({
    weekId: t.weekId,
    count: i === stats.trend.length - 1 ? headline : (publishedWeeks.get(t.weekId) ?? publish(t.count, threshold)),
  }));
  const digest = {
    audience: stats.audience,
    weekId: stats.weekId,
    weekStart: stats.weekStart.toISOString(),
    weekEnd: stats.weekEnd.toISOString(),
    threshold,
    newReferrals: headline,
    byAgeBand: age,
    byStage: stage,
    openByStatus: anonymiseTable({ rows: table(OPEN_STATUSES, stats.openByStatus), withTotal: true }, threshold),
    consents: anonymiseTable(
      {
        rows: [
          { key: 'given', count: stats.consents.given },
          { key: 'refused', count: stats.consents.refused },
          { key: 'pending', count: stats.consents.pending },
        ],
        withTotal: false,
      },
      threshold,
    ),
    orientationsStarted: anonymiseTable(
      { rows: stats.orientationsStarted.map((o) => ({ key: o.actionId, count: o.count })), withTotal: true },
      threshold,
    ),
    daysToAnalysis: median(stats.daysToAnalysis, threshold),
    daysToFirstOrientation: median(stats.daysToFirstOrientation, threshold),
    closuresByReason: anonymiseTable(
      { rows: table(CLOSURE_REASONS, stats.closuresByReason), withTotal: true },
      threshold,
    ),
    uncoveredNeeds: anonymiseTable(
      {
        rows: Object.entries(stats.uncoveredNeeds).map(([key, count]) => ({ key, count: count ?? 0 })),
        withTotal: stats.audience === 'cellule',
      },
      threshold,
    ),
    operatorAnswers: anonymiseTable(
      {
        rows: stats.operatorAnswers.map((a) => ({ key: `${a.answer}@${a.operator}`, count: a.count })),
        withTotal: false,
      },
      threshold,
    ),
    daysToStart: median(stats.daysToStart, threshold),
    trend,
  };
  return digest as unknown as PublishedDigest;
}
