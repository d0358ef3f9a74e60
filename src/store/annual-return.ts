import type { AnnualReturn, AnnualRow, AnnualTable } from '../domain/annual-return.js';
import { AXES, type Axis } from '../domain/axes.js';
import { qpvStatusOf } from '../domain/erasure.js';
import type { Lists } from '../domain/lists.js';
import { enteredParcours, outcomeOfEvent } from './digest-stats.js';
import { EpsMeetings } from './eps-meetings.js';
import type { PrismaClient } from './generated/client.js';

const n = (v: unknown) => Number(v ?? 0);
const rows = (list: { key: string; n: unknown }[]): AnnualRow[] =>
  list.map((r) => ({ key: r.key, value: n(r.n) })).sort((a, b) => a.key.localeCompare(b.key));

/** The age bands of the State's survey: ours are finer above 10. */
export const SURVEY_AGE_BAND: Record<string, string> = {
  '2-5': '2-5',
  '6-10': '6-10',
  '11-13': '11-16',
  '14-16': '11-16',
};

/**
 * The figures of one school year, in SQL over the level-2 columns and the events (never a level-1 value): what the
 * State's annual survey asks as far as the data allows. Erased cases count too (their rows keep what statistics
 * need; their sex is in `statistics_tallies`).
 */
export async function computeAnnualReturn(
  prisma: PrismaClient,
  input: { schoolYear: string; start: Date; end: Date; lists: Lists },
): Promise<AnnualReturn> {
  const { start, end, lists } = input;
  const [
    referred,
    examined,
    parcours,
    entries,
    exits,
    sex,
    tallies,
    ages,
    stages,
    neighbourhoods,
    schools,
    origins,
    difficulties,
    answers,
    prestations,
    needs,
    lengths,
    eps,
  ] = await Promise.all([
    // The activity's four figures, three statements: none holds the database long while a click waits.
    prisma.$queryRaw<{ referred: bigint }[]>`
      SELECT count(*) AS referred FROM counted_referrals WHERE referred_at >= ${start} AND referred_at < ${end}`,
    prisma.$queryRaw<{ examined: bigint }[]>`
      SELECT count(*) AS examined FROM (
        SELECT referral_id FROM counted_case_events
         WHERE at >= ${start} AND at < ${end} AND (type IN ('take', 'eps_decision') OR to_status = 'in_analysis')
         GROUP BY referral_id) x`,
    prisma.$queryRaw<{ parcours: bigint; beneficiaries: bigint }[]>`
      WITH parcours AS (
        SELECT DISTINCT referral_id FROM counted_case_events
         WHERE at < ${end} AND ${enteredParcours()}
           AND referral_id NOT IN (
             SELECT referral_id FROM counted_case_events c WHERE c.to_status = 'closed' AND c.at < ${start}
               AND NOT EXISTS (SELECT 1 FROM counted_case_events r WHERE r.referral_id = c.referral_id AND r.type = 'reopen' AND r.at > c.at))),
      started AS (
        SELECT DISTINCT referral_id FROM counted_case_events WHERE type = 'start_orientation' AND at >= ${start} AND at < ${end})
      SELECT (SELECT count(*) FROM parcours) AS parcours,
             (SELECT count(*) FROM (SELECT referral_id FROM parcours UNION SELECT referral_id FROM started) b) AS beneficiaries`,
    prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM counted_case_events WHERE at >= ${start} AND at < ${end}
         AND ${enteredParcours()}`,
    prisma.$queryRaw<{ key: string; n: bigint }[]>`
      SELECT reason AS key, count(*) AS n FROM case_exits WHERE at >= ${start} AND at < ${end} GROUP BY 1`,
    prisma.$queryRaw<{ key: string; n: bigint }[]>`
      SELECT sex AS key, count(*) AS n FROM counted_referrals
       WHERE referred_at >= ${start} AND referred_at < ${end} AND sex IS NOT NULL GROUP BY 1`,
    prisma.statisticsTally.findMany({ where: { schoolYear: input.schoolYear, measure: 'referrals_by_sex' } }),
    prisma.$queryRaw<{ key: string; n: bigint }[]>`
      SELECT age_band AS key, count(*) AS n FROM counted_referrals WHERE referred_at >= ${start} AND referred_at < ${end} GROUP BY 1`,
    prisma.$queryRaw<{ key: string; n: bigint }[]>`
      SELECT school_stage AS key, count(*) AS n FROM counted_referrals WHERE referred_at >= ${start} AND referred_at < ${end} GROUP BY 1`,
    prisma.$queryRaw<{ key: string; n: bigint }[]>`
      SELECT neighbourhood AS key, count(*) AS n FROM counted_referrals WHERE referred_at >= ${start} AND referred_at < ${end} GROUP BY 1`,
    prisma.$queryRaw<{ key: string | null; n: bigint }[]>`
      SELECT school_id AS key, count(*) AS n FROM counted_referrals WHERE referred_at >= ${start} AND referred_at < ${end} GROUP BY 1`,
    prisma.$queryRaw<{ key: string; n: bigint }[]>`
      SELECT referrer_institution AS key, count(*) AS n FROM counted_referrals WHERE referred_at >= ${start} AND referred_at < ${end} GROUP BY 1`,
    prisma.$queryRaw<{ key: string; n: bigint }[]>`
      SELECT d AS key, count(*) AS n FROM counted_referrals, unnest(difficulties) AS d
       WHERE referred_at >= ${start} AND referred_at < ${end} GROUP BY 1`,
    prisma.$queryRaw<{ action: string; axis: string; operator: string; type: string; n: bigint }[]>`
      SELECT a.id AS action, a.axis, a.operator, e.type, count(*) AS n
        FROM counted_case_events e JOIN catalogue_actions a ON a.id = e.details->>'actionId'
       WHERE e.type IN ('start_orientation', 'orientation_not_started', 'end_orientation')
         AND e.at >= ${start} AND e.at < ${end}
       GROUP BY 1, 2, 3, 4`,
    prisma.$queryRaw<{ funder: string; n: bigint; cents: bigint }[]>`
      SELECT details->'prestation'->>'funder' AS funder, count(*) AS n,
             sum((details->'prestation'->>'costCents')::bigint) AS cents
        FROM counted_case_events WHERE type = 'orient' AND details ? 'prestation' AND at >= ${start} AND at < ${end}
       GROUP BY 1`,
    prisma.$queryRaw<{ key: string; n: bigint }[]>`
      SELECT need AS key, count(*) AS n
        FROM counted_case_events, jsonb_array_elements_text(COALESCE(details->'uncoveredNeeds', '[]'::jsonb)) AS need
       WHERE type = 'orient' AND at >= ${start} AND at < ${end} GROUP BY 1`,
    // A parcours' length: from its entry to the closure that ended it, for parcours that ended in the year. The year's
    // closures and every entry are read once and joined (each closure with the last entry before it), not an entry
    // looked up for each closure.
    prisma.$queryRaw<{ mean: number | null; median: number | null; cases: bigint }[]>`
      WITH closures AS MATERIALIZED (
        SELECT referral_id, version, at FROM counted_case_events
         WHERE at >= ${start} AND at < ${end} AND to_status = 'closed' AND from_status IS DISTINCT FROM 'closed'),
      entries AS MATERIALIZED (
        SELECT referral_id, version, (details->>'on')::date AS on_day FROM counted_case_events
         WHERE ${enteredParcours()}),
      lengths AS (
        SELECT DISTINCT ON (c.referral_id, c.version) c.at::date - e.on_day AS days
          FROM closures c JOIN entries e ON e.referral_id = c.referral_id AND e.version < c.version
         ORDER BY c.referral_id, c.version, e.version DESC)
      SELECT avg(days)::float8 AS mean, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median, count(*) AS cases
        FROM lengths WHERE days IS NOT NULL`,
    // Meetings are dated by their local day: 1 September to 31 August of the school year.
    new EpsMeetings(prisma).counts(`${input.schoolYear.slice(0, 4)}-09-01`, `${input.schoolYear.slice(5)}-08-31`),
  ]);

  const byKey = (list: { key: string | null; n: unknown }[], map: (key: string | null) => string) => {
    const out = new Map<string, number>();
    for (const r of list) out.set(map(r.key), (out.get(map(r.key)) ?? 0) + n(r.n));
    return [...out].map(([key, value]) => ({ key, value })).sort((a, b) => a.key.localeCompare(b.key));
  };
  const sexCounts = new Map<string, number>();
  for (const r of sex) sexCounts.set(r.key, n(r.n));
  for (const t of tallies) sexCounts.set(t.value, (sexCounts.get(t.value) ?? 0) + t.count);
  const qpvOf = new Map(lists.neighbourhoods.map((x) => [x.id, x.qpv]));
  const educationOf = new Map(lists.schools.map((x) => [x.id, x.education]));
  const kindOf = new Map(lists.institutions.map((x) => [x.id, x.kind]));
  const axisOf = new Map<string, Axis>();
  for (const axis of AXES) for (const d of lists.difficulties[axis]) axisOf.set(d.id, axis);
  const fragility = new Map<string, number>();
  for (const r of difficulties) {
    const axis = axisOf.get(r.key) ?? 'unknown';
    fragility.set(`${axis}:${r.key}`, n(r.n));
  }
  const tallyBy = (key: (a: (typeof answers)[number]) => string) => {
    const out = new Map<string, number>();
    for (const a of answers)
      out.set(`${key(a)}|${outcomeOfEvent(a.type)}`, (out.get(`${key(a)}|${outcomeOfEvent(a.type)}`) ?? 0) + n(a.n));
    return [...out].map(([k, value]) => ({ key: k, value })).sort((a, b) => a.key.localeCompare(b.key));
  };
  const length = lengths[0];

  const tables: Record<AnnualTable, AnnualRow[]> = {
    activity: [
      { key: 'referred', value: n(referred[0]?.referred) },
      { key: 'examined', value: n(examined[0]?.examined) },
      { key: 'in_parcours', value: n(parcours[0]?.parcours) },
      { key: 'beneficiaries', value: n(parcours[0]?.beneficiaries) },
    ],
    entries_exits: [
      { key: 'entries', value: n(entries[0]?.n) },
      ...rows(exits).map((r) => ({ ...r, key: `exit:${r.key}` })),
    ],
    sex: [...sexCounts].map(([key, value]) => ({ key, value })).sort((a, b) => a.key.localeCompare(b.key)),
    age_band: byKey(ages, (k) => SURVEY_AGE_BAND[k ?? ''] ?? 'unknown'),
    school_level: rows(stages),
    // An erased case keeps its sector (QPV or not), not its neighbourhood: the same count either way.
    qpv: byKey(neighbourhoods, (k) => qpvStatusOf(k ?? '', qpvOf)),
    education_priority: byKey(schools, (k) => (k && educationOf.get(k)) || 'unknown'),
    origin: byKey(origins, (k) => (k && kindOf.get(k)) || 'other'),
    fragility: [...fragility].map(([key, value]) => ({ key, value })).sort((a, b) => a.key.localeCompare(b.key)),
    orientations_by_action: tallyBy((a) => a.action),
    orientations_by_axis: tallyBy((a) => a.axis),
    orientations_by_operator: tallyBy((a) => a.operator),
    prestations: prestations
      .flatMap((p) => [
        { key: `${p.funder}:cases`, value: n(p.n) },
        { key: `${p.funder}:cost_euros`, value: n(p.cents) / 100 },
      ])
      .sort((a, b) => a.key.localeCompare(b.key)),
    uncovered_needs: rows(needs),
    parcours_length: [
      {
        key: 'mean_days',
        value: length?.mean === null || length?.mean === undefined ? 0 : Math.round(Number(length.mean) * 10) / 10,
      },
      {
        key: 'median_days',
        value: length?.median === null || length?.median === undefined ? 0 : Number(length.median),
      },
      { key: 'cases', value: n(length?.cases) },
    ],
    eps: [
      { key: 'meetings', value: eps.meetings },
      { key: 'situations_examined', value: eps.situationsExamined },
      ...Object.entries(eps.decisions)
        .map(([kind, value]) => ({ key: `decision:${kind}`, value }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    ],
  };
  return { schoolYear: input.schoolYear, tables };
}
