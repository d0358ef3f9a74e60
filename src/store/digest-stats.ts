import { AXES, type Axis } from '../domain/axes.js';
import type { DigestAudience, DigestStage, PeriodStats } from '../domain/digest.js';
import { DIGEST_STAGES } from '../domain/digest.js';
import { CLOSURE_REASONS, type ClosureReason } from '../domain/pathway.js';
import { AGE_BANDS, type AgeBand } from '../domain/referral.js';
import { Prisma, type PrismaClient } from './generated/client.js';

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const n = (v: unknown) => Number(v ?? 0);

/**
 * An event by which a case entered a parcours individualisé (by the référent, or decided by the EPS): the one
 * definition every digest and return counts. `alias`: the events' table alias in the statement, if it has one.
 */
export function enteredParcours(alias?: 'e'): Prisma.Sql {
  const c = Prisma.raw(alias ? `${alias}.` : '');
  return Prisma.sql`(${c}type = 'enter_parcours' OR (${c}type = 'eps_decision' AND ${c}details->>'decision' = 'parcours'))`;
}

/** New referrals over `[from, to)` (a week of the digests' trend), for one audience. */
export async function countNewReferrals(
  prisma: PrismaClient,
  input: { audience: DigestAudience; from: Date; to: Date },
): Promise<number> {
  const axis = input.audience === 'cellule' ? null : input.audience;
  const rows = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM counted_referrals
     WHERE referred_at >= ${input.from} AND referred_at < ${input.to}
       AND (${axis}::text IS NULL OR ${axis}::text = ANY(axes))`;
  return n(rows[0]?.n);
}

/**
 * What one audience's cases did over `[from, to)` (a month, for the digests), in SQL over indexed columns
 * (referrals.referred_at, case_events(type, at), case_events(to_status, at)) so that cost follows the period's
 * activity and the number of cases, not memory. The cellule's: every axis.
 */
export async function computePeriodStats(
  prisma: PrismaClient,
  input: {
    audience: DigestAudience;
    from: Date;
    to: Date;
    /** The lists' difficulty ids by axis: the intake's signs of fragility. */
    difficulties?: Readonly<Record<Axis, readonly string[]>>;
  },
): Promise<PeriodStats> {
  const axis = input.audience === 'cellule' ? null : input.audience;
  const start = input.from;
  const end = input.to;
  const difficultyIds = (a: Axis) => [...(input.difficulties?.[a] ?? [])];

  const [referrals, consentsInWeek, pending, toAnalysis, toOrientation, closures, toStart, counts] = await Promise.all([
    prisma.$queryRaw<{ age_band: string; school_stage: string; n: bigint }[]>`
        SELECT age_band, school_stage, count(*) AS n FROM counted_referrals
         WHERE referred_at >= ${start} AND referred_at < ${end}
           AND (${axis}::text IS NULL OR ${axis}::text = ANY(axes))
         GROUP BY age_band, school_stage`,
    // Agreements by their one definition (family_agreements: an update is not a new one); refusals as recorded.
    prisma.$queryRaw<{ type: string; n: bigint }[]>`
          SELECT 'record_consent_given' AS type, count(*) AS n FROM family_agreements a
            JOIN counted_referrals r ON r.id = a.referral_id
           WHERE a.at >= ${start} AND a.at < ${end} AND (${axis}::text IS NULL OR ${axis}::text = ANY(r.axes))
          UNION ALL
          SELECT 'record_consent_refused' AS type, count(*) AS n FROM counted_case_events e
            JOIN counted_referrals r ON r.id = e.referral_id
           WHERE e.type = 'record_consent_refused' AND e.at >= ${start} AND e.at < ${end}
             AND (${axis}::text IS NULL OR ${axis}::text = ANY(r.axes))`,
    prisma.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM (
            SELECT DISTINCT ON (e.referral_id) e.referral_id, e.type
              FROM counted_case_events e
             WHERE e.at < ${end}
               AND e.type IN ('request_consent', 'record_consent_given', 'record_consent_refused', 'withdraw_consent')
             ORDER BY e.referral_id, e.version DESC) c
            JOIN counted_referrals r ON r.id = c.referral_id
           WHERE c.type = 'request_consent' AND (${axis}::text IS NULL OR ${axis}::text = ANY(r.axes))`,
    medianDays(prisma, axis, start, end, 'analysis'),
    medianDays(prisma, axis, start, end, 'orientation'),
    // Exits by their one definition (case_exits: whatever closed the case), as the annual return counts them.
    prisma.$queryRaw<{ reason: string; n: bigint }[]>`
          SELECT x.reason, count(*) AS n
            FROM case_exits x JOIN counted_referrals r ON r.id = x.referral_id
           WHERE x.at >= ${start} AND x.at < ${end}
             AND (${axis}::text IS NULL OR ${axis}::text = ANY(r.axes))
           GROUP BY 1`,
    // Days from the orientation to its start, for the orientations started in the period.
    prisma.$queryRaw<{ median: number | null; cases: bigint }[]>`
          SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median, count(*) AS cases FROM (
            SELECT (s.details->>'on')::date - (o.details->>'on')::date AS days
              FROM counted_case_events s
              JOIN counted_referrals r ON r.id = s.referral_id
              JOIN counted_case_events o ON o.referral_id = s.referral_id AND o.type = 'orient'
                                AND o.details->'orientationIds' ? (s.details->>'orientationId')
             WHERE s.type = 'start_orientation' AND s.at >= ${start} AND s.at < ${end}
               AND (${axis}::text IS NULL OR ${axis}::text = ANY(r.axes))) x`,
    windowCounts(prisma, axis, start, end, difficultyIds),
  ]);

  const byAgeBand = zeros(AGE_BANDS);
  const byStage = zeros(DIGEST_STAGES);
  let newReferrals = 0;
  for (const row of referrals) {
    const count = n(row.n);
    newReferrals += count;
    if (row.age_band in byAgeBand) byAgeBand[row.age_band as AgeBand] += count;
    const stage = (DIGEST_STAGES as readonly string[]).includes(row.school_stage)
      ? (row.school_stage as DigestStage)
      : 'other';
    byStage[stage] += count;
  }
  const closuresByReason = zeros(CLOSURE_REASONS);
  for (const row of closures) {
    if (row.reason in closuresByReason) closuresByReason[row.reason as ClosureReason] = n(row.n);
  }
  return {
    newReferrals,
    byAgeBand,
    byStage,
    consents: {
      given: n(consentsInWeek.find((c) => c.type === 'record_consent_given')?.n),
      refused: n(consentsInWeek.find((c) => c.type === 'record_consent_refused')?.n),
      pending: n(pending[0]?.n),
    },
    daysToAnalysis: toAnalysis,
    daysToFirstOrientation: toOrientation,
    closuresByReason,
    ...counts,
    daysToStart: {
      median: toStart[0]?.median === null || toStart[0]?.median === undefined ? null : Number(toStart[0].median),
      cases: n(toStart[0]?.cases),
    },
  };
}

/**
 * What a group follows over a window `[from, to)`: signs of fragility at referral and besoins non couverts by axis
 * (the group's own), entries into a parcours, and orientations by action and outcome (started, not started, ended).
 */
async function windowCounts(
  prisma: PrismaClient,
  axis: Axis | null,
  from: Date,
  to: Date,
  difficultyIds: (a: Axis) => string[],
): Promise<Pick<PeriodStats, 'fragilityByAxis' | 'uncoveredNeeds' | 'parcoursEntered' | 'orientationOutcomes'>> {
  const axes = AXES.filter((a) => !axis || a === axis);
  const [fragility, needs, entered, outcomes] = await Promise.all([
    // New referrals of the window with at least one difficulty of the axis (a group: its own).
    Promise.all(
      axes.map(async (a) => {
        const rows = await prisma.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM counted_referrals
           WHERE referred_at >= ${from} AND referred_at < ${to} AND difficulties && ${difficultyIds(a)}::text[]`;
        return [a, n(rows[0]?.n)] as const;
      }),
    ),
    // Besoins non couverts by the need's own axis (a group learns of the needs on its axis).
    prisma.$queryRaw<{ axis: string; n: bigint }[]>`
        SELECT need.axis, count(*) AS n
          FROM counted_case_events e, jsonb_array_elements_text(COALESCE(e.details->'uncoveredNeeds', '[]'::jsonb)) AS need(axis)
         WHERE e.type = 'orient' AND e.at >= ${from} AND e.at < ${to}
           AND (${axis}::text IS NULL OR need.axis = ${axis}::text)
         GROUP BY 1`,
    // Entries into a parcours individualisé (by the référent, or decided by the EPS).
    prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM counted_case_events e JOIN counted_referrals r ON r.id = e.referral_id
         WHERE ${enteredParcours('e')}
           AND e.at >= ${from} AND e.at < ${to}
           AND (${axis}::text IS NULL OR ${axis}::text = ANY(r.axes))`,
    prisma.$queryRaw<{ type: string; action_id: string; n: bigint }[]>`
        SELECT e.type, e.details->>'actionId' AS action_id, count(*) AS n
          FROM counted_case_events e JOIN counted_referrals r ON r.id = e.referral_id
         WHERE e.type IN ('start_orientation', 'orientation_not_started', 'end_orientation')
           AND e.at >= ${from} AND e.at < ${to}
           AND (${axis}::text IS NULL OR ${axis}::text = ANY(r.axes))
         GROUP BY 1, 2`,
  ]);
  const uncoveredNeeds = zeros(axes);
  for (const row of needs) if (row.axis in uncoveredNeeds) uncoveredNeeds[row.axis as Axis] = n(row.n);
  return {
    fragilityByAxis: Object.fromEntries(fragility),
    uncoveredNeeds,
    parcoursEntered: n(entered[0]?.n),
    orientationOutcomes: outcomes
      .map((o) => ({ key: outcomeKey(o.type, o.action_id), count: n(o.n) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** What an orientation's answer event says became of it. */
export function outcomeOfEvent(type: string): 'started' | 'not_started' | 'ended' {
  return type === 'start_orientation' ? 'started' : type === 'orientation_not_started' ? 'not_started' : 'ended';
}

/** How an orientation's outcome is counted: `started@<action>`, `not_started@<action>`, `ended@<action>`. */
function outcomeKey(type: string, actionId: string): string {
  return `${outcomeOfEvent(type)}@${actionId}`;
}

/** Median days from referral to the first analysis (or first orientation), for cases that got there in the window. */
async function medianDays(
  prisma: PrismaClient,
  axis: string | null,
  from: Date,
  to: Date,
  milestone: 'analysis' | 'orientation',
): Promise<{ median: number | null; cases: number }> {
  /** The milestone reached by the event `alias`. */
  const reachedBy = (alias: 'e' | 'p') =>
    milestone === 'analysis'
      ? Prisma.sql`${Prisma.raw(alias)}.to_status = 'in_analysis'`
      : Prisma.sql`${Prisma.raw(alias)}.type = 'orient'`;
  // The cases that first reached the milestone in the period: reached in it, and not before (the period's events
  // and a look at each one's case, not every case's history).
  const rows = await prisma.$queryRaw<{ median: number | null; cases: bigint }[]>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median, count(*) AS cases FROM (
      SELECT EXTRACT(EPOCH FROM (min(e.at) - r.referred_at)) / 86400 AS days
        FROM counted_case_events e JOIN counted_referrals r ON r.id = e.referral_id
       WHERE ${reachedBy('e')} AND e.at >= ${from} AND e.at < ${to}
         AND NOT EXISTS (SELECT 1 FROM case_events p WHERE p.referral_id = e.referral_id AND ${reachedBy('p')} AND p.at < ${from})
         AND (${axis}::text IS NULL OR ${axis}::text = ANY(r.axes))
       GROUP BY r.id, r.referred_at) x`;
  const row = rows[0];
  return {
    median: row?.median === null || row?.median === undefined ? null : Number(row.median),
    cases: n(row?.cases),
  };
}
