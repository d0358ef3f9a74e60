import { anonymiseTable, type PublishedCount, type PublishedTable, publish } from './anonymiser.js';
import type { Axis } from './axes.js';
import type { CaseStatus } from './case-status.js';
import { pinnedCells, type Relation } from './disclosure.js';
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
  /** New referrals of the week with a sign of fragility on each axis (the group's axis only, for a group). */
  fragilityByAxis: Partial<Record<Axis, number>>;
  /** Entries into a parcours individualisé in the week. */
  parcoursEntered: number;
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
  /** Absent from digests published before signs of fragility were counted. */
  fragilityByAxis?: PublishedTable;
  /** One row, `entered`; absent from digests published before it was counted. */
  parcoursEntered?: PublishedTable;
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
    fragilityByAxis: anonymiseTable(
      {
        rows: Object.entries(stats.fragilityByAxis).map(([key, count]) => ({ key, count: count ?? 0 })),
        withTotal: false,
      },
      threshold,
    ),
    parcoursEntered: anonymiseTable(
      { rows: [{ key: 'entered', count: stats.parcoursEntered }], withTotal: false },
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

/** The tables of a digest that count children by the cases' axes (a group's cases are among the cellule's). */
const AXIS_TABLES = [
  'byAgeBand',
  'byStage',
  'openByStatus',
  'consents',
  'orientationsStarted',
  'closuresByReason',
  'operatorAnswers',
  'parcoursEntered',
] as const;
type AxisTable = (typeof AXIS_TABLES)[number];

const cellId = (audience: DigestAudience, table: string, key: string) => `${audience}/${table}/${key}`;
const TOTAL = '=total';
/** A headline or a table's total: when marked "n.c.", withdrawn whatever its value. */
const isTotalCell = (id: string) => id.endsWith(`/${TOTAL}`) || id.includes('/newReferrals/');

/**
 * Everything one week's digests publish about the same children, as cells and the relations a reader knows: each
 * table adds up to its total and the breakdowns to the headline; a group's counts are among the cellule's, and the
 * cellule's counts are covered by the groups'; a group's besoins non couverts on its axis are the cellule's.
 */
export function weekDisclosure(digests: readonly PublishedDigest[]): {
  cells: Map<string, PublishedCount>;
  relations: Relation[];
  /** Cells that, marked "n.c.", may hold any value (headlines, totals, withdrawn tables). */
  open: (id: string) => boolean;
} {
  const cells = new Map<string, PublishedCount>();
  const relations: Relation[] = [];
  const withdrawn = new Set<string>();
  const byAudience = new Map(digests.map((d) => [d.audience, d]));
  for (const d of digests) {
    const headline = cellId(d.audience, 'newReferrals', 'all');
    cells.set(headline, d.newReferrals);
    const tables: [string, PublishedTable | undefined][] = [
      ...AXIS_TABLES.map((t): [string, PublishedTable | undefined] => [t, d[t]]),
      ['uncoveredNeeds', d.uncoveredNeeds],
      ['fragilityByAxis', d.fragilityByAxis],
    ];
    for (const [name, table] of tables) {
      if (!table) continue;
      const parts = table.rows.map((r) => cellId(d.audience, name, r.key));
      table.rows.forEach((r, i) => {
        cells.set(parts[i] as string, r.count);
      });
      if (table.withdrawn) for (const p of parts) withdrawn.add(p);
      // Children with a sign of fragility on an axis are among the week's new referrals.
      if (name === 'fragilityByAxis')
        for (const p of parts) relations.push({ kind: 'within', small: p, big: headline });
      if (table.total) {
        const total = cellId(d.audience, name, TOTAL);
        cells.set(total, table.total);
        relations.push({ kind: 'sum', parts, total });
      }
      // The two breakdowns of new referrals add up to the headline, their totals published or not.
      if (name === 'byAgeBand' || name === 'byStage') relations.push({ kind: 'sum', parts, total: headline });
    }
  }
  const cellule = byAudience.get('cellule');
  const groups = digests.filter((d) => d.audience !== 'cellule');
  if (cellule) {
    const keysOf = (d: PublishedDigest, t: AxisTable) => d[t]?.rows.map((r) => r.key) ?? [];
    const pairs: [string, (d: PublishedDigest) => string[]][] = [
      ['newReferrals', () => ['all']],
      ...AXIS_TABLES.map((t): [string, (d: PublishedDigest) => string[]] => [t, (d) => keysOf(d, t)]),
    ];
    for (const [table, keys] of pairs) {
      const all = new Set([...keys(cellule), ...groups.flatMap((g) => keys(g))]);
      for (const key of all) {
        const whole = cellId('cellule', table, key);
        // A row a digest does not list counts 0 there (only orientations and answers list non-zero rows).
        if (!cells.has(whole)) cells.set(whole, { kind: 'value', value: 0 });
        const parts: string[] = [];
        for (const g of groups) {
          const part = cellId(g.audience, table, key);
          if (!cells.has(part)) cells.set(part, { kind: 'value', value: 0 });
          relations.push({ kind: 'within', small: part, big: whole });
          parts.push(part);
        }
        if (groups.length === 3) relations.push({ kind: 'covered', whole, parts });
      }
    }
    for (const g of groups) {
      const axis = g.audience;
      // A sign of fragility on an axis means the axis was chosen: the group counts the same children.
      if (g.fragilityByAxis && cellule.fragilityByAxis)
        relations.push({
          kind: 'equal',
          a: cellId(axis, 'fragilityByAxis', axis),
          b: cellId('cellule', 'fragilityByAxis', axis),
        });
      if (g.uncoveredNeeds && cellule.uncoveredNeeds)
        relations.push({
          kind: 'equal',
          a: cellId(axis, 'uncoveredNeeds', axis),
          b: cellId('cellule', 'uncoveredNeeds', axis),
        });
    }
  }
  return { cells, relations, open: (id) => isTotalCell(id) || withdrawn.has(id) };
}

/**
 * Suppression across one week's digests: hides more cells of the digests not yet published (`fixed` ones are as
 * they went out) until no small or hidden cell can be worked out of everything published about that week. Each
 * round hides the smallest count (or total) that shares a relation with a pinned cell.
 */
export function protectWeek(
  digests: readonly PublishedDigest[],
  fixed: ReadonlySet<DigestAudience>,
  threshold: number,
): PublishedDigest[] {
  const copies = digests.map((d) => structuredClone(d) as unknown as MutableDigest);
  for (let round = 0; round < 500; round += 1) {
    const { cells, relations, open } = weekDisclosure(copies as unknown as PublishedDigest[]);
    const pinned = new Set(pinnedCells(cells, relations, threshold, open));
    if (pinned.size === 0) break;
    const around = relations.filter((r) => relationCells(r).some((c) => pinned.has(c)));
    const candidates = [...new Set(around.flatMap(relationCells))]
      .map((id) => ({ id, count: cells.get(id) }))
      .filter(
        (c): c is { id: string; count: { kind: 'value'; value: number } } =>
          c.count?.kind === 'value' && c.count.value >= threshold && !fixed.has(c.id.split('/')[0] as DigestAudience),
      )
      .sort((a, b) => a.count.value - b.count.value);
    const pick = candidates[0];
    if (pick) {
      hideCell(copies, pick.id);
      continue;
    }
    // Only small counts and zeros around: no single cell can go. A table of the pinned cells' relations is
    // withdrawn whole (one not yet published, with a small count in it); when none is left, nothing more can be done
    // here (only what already went out is involved).
    const tables = [...new Set(around.flatMap(relationCells))]
      .map((id) => id.split('/') as [DigestAudience, string, string])
      .filter(([audience, table]) => !fixed.has(audience) && table !== 'newReferrals')
      .filter(([audience, table]) => {
        const t = copies.find((d) => d.audience === audience)?.[table] as PublishedTable | undefined;
        return t && !t.withdrawn && t.rows.some((r) => r.count.kind === 'small');
      });
    const first = tables[0];
    if (!first) break;
    withdrawTable(copies, first[0], first[1]);
  }
  return copies as unknown as PublishedDigest[];
}

type MutableDigest = {
  audience: DigestAudience;
  newReferrals: PublishedCount;
  trend: { weekId: string; count: PublishedCount }[];
} & Record<string, unknown>;

function relationCells(r: Relation): string[] {
  switch (r.kind) {
    case 'sum':
      return [...r.parts, r.total];
    case 'equal':
      return [r.a, r.b];
    case 'within':
      return [r.small, r.big];
    case 'covered':
      return [r.whole, ...r.parts];
  }
}

function withdrawTable(digests: MutableDigest[], audience: DigestAudience, table: string): void {
  const t = digests.find((x) => x.audience === audience)?.[table] as PublishedTable | undefined;
  if (!t) return;
  t.withdrawn = true;
  for (const row of t.rows) row.count = { kind: 'hidden' };
  if (t.total) t.total = { kind: 'hidden' };
}

function hideCell(digests: MutableDigest[], id: string): void {
  const [audience, table, key] = id.split('/') as [DigestAudience, string, string];
  const d = digests.find((x) => x.audience === audience);
  if (!d) return;
  const hidden: PublishedCount = { kind: 'hidden' };
  if (table === 'newReferrals') {
    d.newReferrals = hidden;
    const last = d.trend.at(-1);
    if (last) last.count = hidden;
    return;
  }
  const t = d[table] as { rows: { key: string; count: PublishedCount }[]; total?: PublishedCount } | undefined;
  if (!t) return;
  if (key === TOTAL) t.total = hidden;
  else {
    const row = t.rows.find((r) => r.key === key);
    if (row) row.count = hidden;
  }
}
