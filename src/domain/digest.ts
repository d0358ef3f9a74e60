import { anonymiseTable, type PublishedCount, type PublishedTable, publish } from './anonymiser.js';
import type { Axis } from './axes.js';
import { CASE_STATUSES, type CaseStatus } from './case-status.js';
import { pinnedCells, type Relation, relationCells } from './disclosure.js';
import type { ClosureReason } from './pathway.js';
import { CLOSURE_REASONS } from './pathway.js';
import { AGE_BANDS, type AgeBand } from './referral.js';

/** Who a digest is for: one reflection group (its axis), or the cellule (all axes). */
export type DigestAudience = Axis | 'cellule';
export const DIGEST_AUDIENCES: readonly DigestAudience[] = ['schooling', 'parenting', 'health', 'cellule'];

export const DIGEST_STAGES = ['maternelle', 'elementaire', 'college', 'other'] as const;
export type DigestStage = (typeof DIGEST_STAGES)[number];

/** Every status but closed: a case still followed. */
export const OPEN_STATUSES = CASE_STATUSES.filter((s): s is Exclude<CaseStatus, 'closed'> => s !== 'closed');
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/**
 * What a group follows over a window (the week, the last 12 weeks, the school year to date). Exact counts, never
 * published as such.
 */
export interface WindowStats {
  /** New referrals of the window with a sign of fragility on each axis (the group's axis only, for a group). */
  fragilityByAxis: Partial<Record<Axis, number>>;
  /** Besoins non couverts recorded in the window, by the need's axis (the group's axis only, for a group). */
  uncoveredNeeds: Partial<Record<Axis, number>>;
  /** Entries into a parcours individualisé in the window. */
  parcoursEntered: number;
  /** Orientations by action and outcome, non-zero rows only: keys `started@<action>`, `not_started@…`, `ended@…`. */
  orientationOutcomes: { key: string; count: number }[];
}

/** The windows wider than the week, each ending with the week. */
export const WIDER_WINDOWS = ['twelveWeeks', 'schoolYear'] as const;
export type WiderWindow = (typeof WIDER_WINDOWS)[number];

/** Exact counts for one week and audience, as computed in SQL. Never published as such. */
export interface DigestStats extends WindowStats {
  audience: DigestAudience;
  weekId: string;
  weekStart: Date;
  weekEnd: Date;
  newReferrals: number;
  byAgeBand: Record<AgeBand, number>;
  byStage: Record<DigestStage, number>;
  openByStatus: Record<OpenStatus, number>;
  consents: { given: number; refused: number; pending: number };
  daysToAnalysis: { median: number | null; cases: number };
  daysToFirstOrientation: { median: number | null; cases: number };
  closuresByReason: Record<ClosureReason, number>;
  /** The same counts as the week's over the last 12 weeks (this one last) and the school year to date. */
  windows: { schoolYearStart: Date } & Record<WiderWindow, WindowStats>;
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
  /** Absent from digests published after orientations were counted by outcome (`orientationOutcomes`). */
  orientationsStarted?: PublishedTable;
  /** Keys `<outcome>@<action>`; absent from digests published before it was counted. */
  orientationOutcomes?: PublishedTable;
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
  /** The windowed tables over wider windows; absent from digests published before windows. */
  windows?: { schoolYearStart: string } & Record<WiderWindow, PublishedWindow>;
}> & { readonly [published]: true };

/** The windowed tables of one window, published. */
export interface PublishedWindow {
  fragilityByAxis: PublishedTable;
  uncoveredNeeds: PublishedTable;
  parcoursEntered: PublishedTable;
  orientationOutcomes: PublishedTable;
}
const WINDOW_TABLES = ['fragilityByAxis', 'uncoveredNeeds', 'parcoursEntered', 'orientationOutcomes'] as const;
type WindowTable = (typeof WINDOW_TABLES)[number];
/** How a wider window's table is named among a week's cells: `fragilityByAxis~twelveWeeks`. */
const windowed = (table: WindowTable, window: WiderWindow) => `${table}~${window}`;

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
    daysToAnalysis: median(stats.daysToAnalysis, threshold),
    daysToFirstOrientation: median(stats.daysToFirstOrientation, threshold),
    closuresByReason: anonymiseTable(
      { rows: table(CLOSURE_REASONS, stats.closuresByReason), withTotal: true },
      threshold,
    ),
    ...anonymiseWindow(stats, stats.audience, threshold),
    operatorAnswers: anonymiseTable(
      {
        rows: stats.operatorAnswers.map((a) => ({ key: `${a.answer}@${a.operator}`, count: a.count })),
        withTotal: false,
      },
      threshold,
    ),
    daysToStart: median(stats.daysToStart, threshold),
    trend,
    windows: {
      schoolYearStart: stats.windows.schoolYearStart.toISOString(),
      twelveWeeks: anonymiseWindow(stats.windows.twelveWeeks, stats.audience, threshold),
      schoolYear: anonymiseWindow(stats.windows.schoolYear, stats.audience, threshold),
    },
  };
  return digest as unknown as PublishedDigest;
}

function anonymiseWindow(w: WindowStats, audience: DigestAudience, threshold: number): PublishedWindow {
  const byAxis = (counts: Partial<Record<Axis, number>>, withTotal: boolean) =>
    anonymiseTable(
      { rows: Object.entries(counts).map(([key, count]) => ({ key, count: count ?? 0 })), withTotal },
      threshold,
    );
  return {
    uncoveredNeeds: byAxis(w.uncoveredNeeds, audience === 'cellule'),
    fragilityByAxis: byAxis(w.fragilityByAxis, false),
    parcoursEntered: anonymiseTable(
      { rows: [{ key: 'entered', count: w.parcoursEntered }], withTotal: false },
      threshold,
    ),
    orientationOutcomes: anonymiseTable({ rows: w.orientationOutcomes, withTotal: false }, threshold),
  };
}

/** The tables of a digest that count children by the cases' axes (a group's cases are among the cellule's). */
const AXIS_TABLES: readonly string[] = [
  'byAgeBand',
  'byStage',
  'openByStatus',
  'consents',
  'orientationsStarted',
  'closuresByReason',
  'operatorAnswers',
  'parcoursEntered',
  'orientationOutcomes',
  ...WIDER_WINDOWS.flatMap((w) => [windowed('parcoursEntered', w), windowed('orientationOutcomes', w)]),
];
/** Tables a group counts on its own axis: the same children as the cellule's row of that axis. */
const OWN_AXIS_TABLES: readonly string[] = [
  'fragilityByAxis',
  'uncoveredNeeds',
  ...WIDER_WINDOWS.flatMap((w) => [windowed('fragilityByAxis', w), windowed('uncoveredNeeds', w)]),
];
/** Every table of a digest by its name among the week's cells: the week's, then the wider windows'. */
const ALL_TABLES: readonly string[] = [
  ...[...new Set([...AXIS_TABLES, ...OWN_AXIS_TABLES])].filter((t) => !t.includes('~')),
  ...WIDER_WINDOWS.flatMap((w) => WINDOW_TABLES.map((t) => windowed(t, w))),
];

/** A digest's table by its name among the week's cells (`byStage`, `orientationOutcomes~schoolYear`). */
function tableOf(d: PublishedDigest, name: string): PublishedTable | undefined {
  const [table, window] = name.split('~') as [string, WiderWindow | undefined];
  if (window) return d.windows?.[window][table as WindowTable];
  return (d as unknown as Record<string, PublishedTable | undefined>)[table];
}

const cellId = (prefix: string, audience: DigestAudience, table: string, key: string) =>
  `${prefix}${audience}/${table}/${key}`;
/** Cells of an earlier week are named `<week>^<audience>/…`. */
const earlier = (weekId: string) => `${weekId}^`;
const TOTAL = '=total';
/** A headline or a table's total: when marked "n.c.", withdrawn whatever its value. */
const isTotalCell = (id: string) => id.endsWith(`/${TOTAL}`) || id.includes('/newReferrals/');
const DAY = 86_400_000;

/**
 * What was published before a week that its numbers are tied to: the digests of earlier weeks, as they went out (the
 * wider windows slide a week at a time, so every week of the school year and the 12 weeks before are read).
 */
export type DisclosureHistory = readonly PublishedDigest[];

interface DisclosureModel {
  cells: Map<string, PublishedCount>;
  relations: Relation[];
  withdrawn: Set<string>;
}

/**
 * One week's digests as cells and the relations a reader knows between them: each table adds up to its total and
 * the breakdowns to the headline; a window holds the narrower ones; a group's counts are among the cellule's, and the
 * cellule's are covered by the groups'; a group's own-axis counts are the cellule's on that axis. An earlier week's
 * cells are named with `prefix`.
 */
function addWeek(model: DisclosureModel, digests: readonly PublishedDigest[], prefix: string): void {
  const { cells, relations, withdrawn } = model;
  const zeroIfAbsent = (id: string) => {
    if (!cells.has(id)) cells.set(id, { kind: 'value', value: 0 });
  };
  for (const d of digests) {
    const headline = cellId(prefix, d.audience, 'newReferrals', 'all');
    cells.set(headline, d.newReferrals);
    for (const name of ALL_TABLES) {
      const table = tableOf(d, name);
      if (!table) continue;
      const parts = table.rows.map((r) => cellId(prefix, d.audience, name, r.key));
      table.rows.forEach((r, i) => {
        cells.set(parts[i] as string, r.count);
      });
      if (table.withdrawn) for (const p of parts) withdrawn.add(p);
      // Children with a sign of fragility on an axis are among the week's new referrals.
      if (name === 'fragilityByAxis')
        for (const p of parts) relations.push({ kind: 'within', small: p, big: headline });
      if (table.total) {
        const total = cellId(prefix, d.audience, name, TOTAL);
        cells.set(total, table.total);
        relations.push({ kind: 'sum', parts, total });
      }
      // The two breakdowns of new referrals add up to the headline, their totals published or not.
      if (name === 'byAgeBand' || name === 'byStage') relations.push({ kind: 'sum', parts, total: headline });
    }
    // A wider window holds the narrower ones (the school year to date may be the narrower one in September).
    if (d.windows) {
      const yearStart = Date.parse(d.windows.schoolYearStart);
      const weekStart = Date.parse(d.weekStart);
      // Two local midnights an hour apart (summer time) are the same day.
      const sameOrBefore = (a: number, b: number) => a <= b + 2 * 3_600_000;
      const chains: [string, string][] = [[`week`, 'twelveWeeks']];
      chains.push(sameOrBefore(yearStart, weekStart) ? ['week', 'schoolYear'] : ['schoolYear', 'week']);
      chains.push(
        sameOrBefore(yearStart, weekStart - 77 * DAY) ? ['twelveWeeks', 'schoolYear'] : ['schoolYear', 'twelveWeeks'],
      );
      for (const t of WINDOW_TABLES) {
        const nameIn = (w: string) => (w === 'week' ? t : windowed(t, w as WiderWindow));
        const keys = new Set(
          ['week', ...WIDER_WINDOWS].flatMap((w) => tableOf(d, nameIn(w))?.rows.map((r) => r.key) ?? []),
        );
        for (const key of keys)
          for (const [small, big] of chains) {
            const a = cellId(prefix, d.audience, nameIn(small), key);
            const b = cellId(prefix, d.audience, nameIn(big), key);
            zeroIfAbsent(a);
            zeroIfAbsent(b);
            relations.push({ kind: 'within', small: a, big: b });
          }
      }
      // Children with a sign of fragility over 12 weeks are among the 12 weeks' new referrals (the trend).
      const trendHeadlines = d.trend.map((p, i) =>
        i === d.trend.length - 1 ? headline : cellId(earlier(p.weekId), d.audience, 'newReferrals', 'all'),
      );
      d.trend.slice(0, -1).forEach((p, i) => {
        if (!cells.has(trendHeadlines[i] as string)) cells.set(trendHeadlines[i] as string, p.count);
      });
      for (const r of d.windows.twelveWeeks.fragilityByAxis.rows)
        relations.push({
          kind: 'covered',
          whole: cellId(prefix, d.audience, windowed('fragilityByAxis', 'twelveWeeks'), r.key),
          parts: trendHeadlines,
        });
    }
  }
  const cellule = digests.find((d) => d.audience === 'cellule');
  const groups = digests.filter((d) => d.audience !== 'cellule');
  if (!cellule) return;
  for (const table of ['newReferrals', ...AXIS_TABLES]) {
    const keysOf = (d: PublishedDigest) =>
      table === 'newReferrals' ? ['all'] : (tableOf(d, table)?.rows.map((r) => r.key) ?? []);
    if (table !== 'newReferrals' && !tableOf(cellule, table)) continue;
    for (const key of new Set([...keysOf(cellule), ...groups.flatMap(keysOf)])) {
      const whole = cellId(prefix, 'cellule', table, key);
      // A row a digest does not list counts 0 there (orientations and answers list non-zero rows only).
      zeroIfAbsent(whole);
      const parts: string[] = [];
      for (const g of groups) {
        const part = cellId(prefix, g.audience, table, key);
        zeroIfAbsent(part);
        relations.push({ kind: 'within', small: part, big: whole });
        parts.push(part);
      }
      if (groups.length === 3) relations.push({ kind: 'covered', whole, parts });
    }
  }
  for (const g of groups)
    for (const table of OWN_AXIS_TABLES)
      if (tableOf(g, table) && tableOf(cellule, table))
        relations.push({
          kind: 'equal',
          a: cellId(prefix, g.audience, table, g.audience),
          b: cellId(prefix, 'cellule', table, g.audience),
        });
}

/**
 * Everything published about the same children that a week's digests are tied to, as cells and relations (see
 * `addWeek`): the week's four digests and the earlier weeks in `history`, each week tied to the one before it through
 * the windows that slide by a week (the school year to date gains the week; the last 12 weeks gain it and lose the
 * week 12 weeks before).
 */
export function weekDisclosure(
  digests: readonly PublishedDigest[],
  history: DisclosureHistory = [],
): {
  cells: Map<string, PublishedCount>;
  relations: Relation[];
  /** Cells that, marked "n.c.", may hold any value (headlines, totals, withdrawn tables). */
  open: (id: string) => boolean;
} {
  const model: DisclosureModel = { cells: new Map(), relations: [], withdrawn: new Set() };
  const weekId = digests[0]?.weekId ?? '';
  const prefixOf = (id: string) => (id === weekId ? '' : earlier(id));
  addWeek(model, digests, '');
  const byWeek = new Map<string, PublishedDigest[]>();
  for (const d of history) if (d.weekId !== weekId) byWeek.set(d.weekId, [...(byWeek.get(d.weekId) ?? []), d]);
  for (const [id, week] of byWeek) addWeek(model, week, earlier(id));
  const find = (id: string | undefined, audience: DigestAudience) =>
    id === weekId
      ? digests.find((x) => x.audience === audience)
      : byWeek.get(id ?? '')?.find((x) => x.audience === audience);
  for (const d of [...digests, ...history]) {
    // The week before, as its trend names it, and the week before that one's 12 weeks.
    const p = find(d.trend.at(-2)?.weekId, d.audience);
    if (!d.windows || !p?.windows) continue;
    const lostWeek = p.trend[0]?.weekId ?? 'unknown';
    const b = find(lostWeek, d.audience);
    const cell = (x: PublishedDigest | undefined, xWeek: string, name: string, key: string) => {
      const id = cellId(prefixOf(xWeek), d.audience, name, key);
      // A row a published table does not list was 0; a table never published is unknown.
      if (!model.cells.has(id) && x && tableOf(x, name)) model.cells.set(id, { kind: 'value', value: 0 });
      return id;
    };
    for (const t of WINDOW_TABLES) {
      const year = windowed(t, 'schoolYear');
      const twelve = windowed(t, 'twelveWeeks');
      const keys = new Set(
        [tableOf(d, t), tableOf(d, year), tableOf(p, year), tableOf(d, twelve), tableOf(p, twelve)].flatMap(
          (x) => x?.rows.map((r) => r.key) ?? [],
        ),
      );
      for (const key of keys) {
        const [here, then] = [(n: string) => cell(d, d.weekId, n, key), (n: string) => cell(p, p.weekId, n, key)];
        // The school year to date gains the week (within the same school year).
        if (p.windows.schoolYearStart === d.windows.schoolYearStart)
          model.relations.push({ kind: 'sum', parts: [then(year), here(t)], total: here(year) });
        // The last 12 weeks gain this week and lose the week 12 weeks before.
        model.relations.push({
          kind: 'balance',
          left: [here(twelve), cell(b, lostWeek, t, key)],
          right: [then(twelve), here(t)],
        });
      }
    }
  }
  const { cells, relations, withdrawn } = model;
  return { cells, relations, open: (id) => isTotalCell(id) || withdrawn.has(id) };
}

/**
 * Suppression across one week's digests: hides more cells of the digests not yet published (`fixed` ones are as
 * they went out) until no small or hidden cell can be worked out of everything published about that week and the
 * publications it is tied to. Each round hides the smallest count (or total) that shares a relation with a pinned
 * cell.
 */
export function protectWeek(
  digests: readonly PublishedDigest[],
  fixed: ReadonlySet<DigestAudience>,
  threshold: number,
  history: DisclosureHistory = [],
): PublishedDigest[] {
  const copies = digests.map((d) => structuredClone(d) as unknown as PublishedDigest);
  // Only this week's digests not yet published may change.
  const changeable = (id: string) => {
    const audience = id.split('/')[0] as DigestAudience;
    return DIGEST_AUDIENCES.includes(audience) && !fixed.has(audience);
  };
  for (let round = 0; round < 500; round += 1) {
    const { cells, relations, open } = weekDisclosure(copies, history);
    const pinned = new Set(pinnedCells(cells, relations, threshold, open, changeable));
    if (pinned.size === 0) break;
    const around = relations.filter((r) => relationCells(r).some((c) => pinned.has(c)));
    const candidates = [...new Set(around.flatMap(relationCells))]
      .map((id) => ({ id, count: cells.get(id) }))
      .filter(
        (c): c is { id: string; count: { kind: 'value'; value: number } } =>
          c.count?.kind === 'value' && c.count.value >= threshold && changeable(c.id),
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
      .filter(changeable)
      .map((id) => id.split('/') as [DigestAudience, string, string])
      .filter(([, table]) => table !== 'newReferrals')
      .filter(([audience, table]) => {
        const d = copies.find((x) => x.audience === audience);
        const t = d && tableOf(d, table);
        return t && !t.withdrawn && t.rows.some((r) => r.count.kind === 'small');
      });
    const first = tables[0];
    if (!first) break;
    withdrawTable(copies, first[0], first[1]);
  }
  return copies;
}

function withdrawTable(digests: PublishedDigest[], audience: DigestAudience, table: string): void {
  const d = digests.find((x) => x.audience === audience);
  const t = d && tableOf(d, table);
  if (!t) return;
  t.withdrawn = true;
  for (const row of t.rows) row.count = { kind: 'hidden' };
  if (t.total) t.total = { kind: 'hidden' };
}

function hideCell(digests: PublishedDigest[], id: string): void {
  const [audience, table, key] = id.split('/') as [DigestAudience, string, string];
  const d = digests.find((x) => x.audience === audience) as
    | (PublishedDigest & { newReferrals: PublishedCount; trend: { count: PublishedCount }[] })
    | undefined;
  if (!d) return;
  const hidden: PublishedCount = { kind: 'hidden' };
  if (table === 'newReferrals') {
    d.newReferrals = hidden;
    const last = d.trend.at(-1);
    if (last) last.count = hidden;
    return;
  }
  const t = tableOf(d, table);
  if (!t) return;
  if (key === TOTAL) t.total = hidden;
  else {
    const row = t.rows.find((r) => r.key === key);
    if (row) row.count = hidden;
  }
}
