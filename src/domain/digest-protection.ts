import type { PublishedCount, PublishedTable } from './anonymiser.js';
import {
  DIGEST_AUDIENCES,
  type DigestAudience,
  MONTH_MEDIANS,
  MONTH_TABLES,
  type MonthTable,
  type PublishedDigest,
  type PublishedMonth,
} from './digest.js';
import { type Bounds, CAP, knownOf, type Relation, relationCells, suppress } from './disclosure.js';
import { parseMonth, weeksOfMonth } from './month.js';

/** What a reader knows besides the digests: the calendar (weeks and months) in the programme's time zone. */
export interface DisclosureContext {
  timeZone: string;
}

const GROUPS = DIGEST_AUDIENCES.filter((a) => a !== 'cellule');
/** Tables that count a case's children whatever their axis: a group's rows are among the cellule's. */
const CASE_TABLES = MONTH_TABLES.filter((t) => t !== 'fragilityByAxis' && t !== 'uncoveredNeeds');

/** A week's new referrals, for one audience. */
export const weekCell = (weekId: string, audience: DigestAudience) => `${weekId}|${audience}|week`;
/** A month's figure: `2026-10|health|byStage|college`, the headline `…|newReferrals|all`, a median's `…|cases`. */
export const monthCell = (monthId: string, audience: DigestAudience, table: string, key: string) =>
  `${monthId}|${audience}|${table}|${key}`;
const HEADLINE = ['newReferrals', 'all'] as const;

/** The cells and relations a reader has from a set of digests (earlier ones and this week's). */
export interface DigestModel {
  known: Map<string, Bounds>;
  relations: Relation[];
}

/**
 * Everything a reader knows from these digests, as cells and relations: a week's new referrals in each audience
 * (a group's among the cellule's, the cellule's covered by the groups'); a month's headline between the weeks
 * wholly inside it and every week it touches (weeks never published are unknowns, not gaps); its breakdowns adding
 * up to it; its tables by the same keys across audiences; the days-to-start median's case count, the orientations
 * started.
 */
export function digestModel(digests: readonly PublishedDigest[], ctx: DisclosureContext): DigestModel {
  const known = new Map<string, Bounds>();
  const relations: Relation[] = [];
  const weeks = new Set<string>();
  const months = new Map<string, Map<DigestAudience, { m: PublishedMonth; threshold: number }>>();
  for (const d of digests) {
    const t = d.threshold;
    known.set(weekCell(d.weekId, d.audience), knownOf(d.newReferrals, t, true));
    weeks.add(d.weekId);
    for (const p of d.trend) {
      if (!known.has(weekCell(p.weekId, d.audience)))
        known.set(weekCell(p.weekId, d.audience), knownOf(p.count, t, true));
      weeks.add(p.weekId);
    }
    for (const p of d.monthTrend ?? []) {
      const id = monthCell(p.monthId, d.audience, ...HEADLINE);
      if (!known.has(id)) known.set(id, knownOf(p.count, t, true));
    }
    if (d.month) {
      const byAudience = months.get(d.month.id) ?? new Map<DigestAudience, { m: PublishedMonth; threshold: number }>();
      byAudience.set(d.audience, { m: d.month, threshold: t });
      months.set(d.month.id, byAudience);
    }
  }
  for (const w of weeks) crossAudience(relations, (a) => weekCell(w, a));

  for (const [monthId, byAudience] of months) {
    const month = parseMonth(monthId, ctx.timeZone);
    if (!month) continue;
    const of = weeksOfMonth(month, ctx.timeZone);
    for (const audience of DIGEST_AUDIENCES) {
      const head = monthCell(monthId, audience, ...HEADLINE);
      const inside = of.filter((w) => w.inside).map((w) => weekCell(w.week.id, audience));
      relations.push({ kind: 'contains', whole: head, parts: inside });
      relations.push({ kind: 'covered', whole: head, parts: of.map((w) => weekCell(w.week.id, audience)) });
      const m = byAudience.get(audience);
      if (m) addMonth(known, relations, m.m, audience, m.threshold);
    }
    crossAudience(relations, (a) => monthCell(monthId, a, ...HEADLINE));
    // Every audience's cell of a key is tied.
    for (const table of CASE_TABLES) {
      const keys = new Set([...byAudience.values()].flatMap(({ m }) => m[table].rows.map((r) => r.key)));
      for (const key of keys) crossAudience(relations, (a) => monthCell(monthId, a, table, key));
    }
    for (const g of GROUPS)
      for (const table of ['fragilityByAxis', 'uncoveredNeeds'] as const)
        relations.push({
          kind: 'equal',
          a: monthCell(monthId, g, table, g),
          b: monthCell(monthId, 'cellule', table, g),
        });
    for (const g of GROUPS)
      for (const median of MONTH_MEDIANS)
        relations.push({
          kind: 'within',
          small: monthCell(monthId, g, median, 'cases'),
          big: monthCell(monthId, 'cellule', median, 'cases'),
        });
  }
  return { known, relations };
}

/** A group's count is among the cellule's; every child of the cellule's is in some group's. */
function crossAudience(relations: Relation[], cell: (a: DigestAudience) => string): void {
  const whole = cell('cellule');
  const parts = GROUPS.map(cell);
  for (const p of parts) relations.push({ kind: 'within', small: p, big: whole });
  relations.push({ kind: 'covered', whole, parts });
}

function addMonth(
  known: Map<string, Bounds>,
  relations: Relation[],
  m: PublishedMonth,
  audience: DigestAudience,
  threshold: number,
): void {
  const cell = (table: string, key: string) => monthCell(m.id, audience, table, key);
  const head = cell(...HEADLINE);
  known.set(head, knownOf(m.newReferrals, threshold, true));
  for (const table of MONTH_TABLES) {
    const t = m[table];
    for (const r of t.rows) known.set(cell(table, r.key), knownOf(r.count, threshold, t.withdrawn === true));
  }
  for (const table of ['byAgeBand', 'byStage'] as const)
    relations.push({ kind: 'sum', parts: m[table].rows.map((r) => cell(table, r.key)), total: head });
  // Children with a sign of fragility are among the month's new referrals (the cellule counts every referral).
  if (audience === 'cellule')
    for (const r of m.fragilityByAxis.rows)
      relations.push({ kind: 'within', small: cell('fragilityByAxis', r.key), big: head });
  for (const median of MONTH_MEDIANS) {
    const value = m[median];
    known.set(
      cell(median, 'cases'),
      value.kind === 'value'
        ? { lo: value.cases, hi: value.cases }
        : value.kind === 'too_few'
          ? { lo: 0, hi: threshold - 1 }
          : { lo: 0, hi: CAP },
    );
  }
  // Every orientation started has its orientation's day: the median's cases are the orientations started.
  relations.push({
    kind: 'equal',
    a: cell('orientationOutcomes', 'started'),
    b: cell('daysToStart', 'cases'),
  });
}

/** What protecting a week's digests did. */
export interface Protection {
  digests: PublishedDigest[];
  /** Cells pinned by what had already gone out, which nothing still to publish could protect (should stay empty). */
  unprotectable: string[];
}

type Editable = { d: PublishedDigest; audience: DigestAudience; newMonth: boolean };

/**
 * Secondary suppression across everything published that this week's digests are tied to: more cells of the digests
 * not yet published are hidden (the smallest count around a pinned cell first, then whole tables, then headlines)
 * until no cell known only within bounds can be pinned by the integer program of all of it. Fails closed: when a
 * cell stays pinned, every figure still to publish that is tied to it is withdrawn.
 */
export function protectDigests(
  drafts: readonly PublishedDigest[],
  fixed: ReadonlySet<DigestAudience>,
  history: readonly PublishedDigest[],
  ctx: DisclosureContext,
): Protection {
  const copies = drafts.map((d) => structuredClone(d) as unknown as PublishedDigest);
  const editable = new Map<DigestAudience, Editable>();
  for (const d of copies) {
    if (fixed.has(d.audience)) continue;
    // A month's tables already published (in an earlier week's digest) are quoted, never changed.
    const newMonth =
      d.month !== undefined && !history.some((h) => h.audience === d.audience && h.month?.id === d.month?.id);
    editable.set(d.audience, { d, audience: d.audience, newMonth });
  }
  const weekId = drafts[0]?.weekId ?? '';
  const changeable = (id: string) => {
    const [period, audience, table] = id.split('|') as [string, DigestAudience, string];
    const e = editable.get(audience);
    if (!e) return false;
    if (table === 'week') return period === weekId;
    return e.newMonth && e.d.month?.id === period;
  };
  const unprotectable = suppress({
    model: () => digestModel([...history, ...copies], ctx),
    changeable,
    threshold: drafts[0]?.threshold ?? 3,
    hide: (id) => hide(editable, id),
    widen: [
      // A table around it, whole; a headline around it ("n.c.": any value); everything still to publish in its reach.
      ({ near }) => near.some((id) => withdrawTableOf(editable, id)),
      ({ near }) => near.some((id) => hide(editable, id, true)),
      ({ pinned, relations }) =>
        component(relations, pinned)
          .filter(changeable)
          .some((id) => withdrawTableOf(editable, id) || hide(editable, id, true)),
    ],
    failClosed: () => {
      for (const e of editable.values()) {
        hide(editable, weekCell(e.d.weekId, e.audience), true);
        if (e.newMonth && e.d.month) {
          hide(editable, monthCell(e.d.month.id, e.audience, ...HEADLINE), true);
          for (const table of MONTH_TABLES) withdrawTableOf(editable, monthCell(e.d.month.id, e.audience, table, ''));
          for (const median of MONTH_MEDIANS) hide(editable, monthCell(e.d.month.id, e.audience, median, 'cases'));
        }
      }
    },
  });
  for (const e of editable.values()) syncTrend(e.d);
  return { digests: copies, unprotectable };
}

/** Every cell tied to `from` by a chain of relations. */
function component(relations: readonly Relation[], from: ReadonlySet<string>): string[] {
  const links = new Map<string, string[]>();
  for (const r of relations) {
    const cells = relationCells(r);
    for (const c of cells) links.set(c, [...(links.get(c) ?? []), ...cells]);
  }
  const seen = new Set(from);
  const queue = [...from];
  while (queue.length > 0) {
    for (const next of links.get(queue.pop() as string) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return [...seen];
}

/** The trends' last points are the week's and the month's headlines: they say what the headlines say. */
function syncTrend(d: PublishedDigest): void {
  const last = d.trend.at(-1);
  if (last && last.weekId === d.weekId) (last as { count: PublishedCount }).count = d.newReferrals;
  const month = d.monthTrend?.at(-1);
  if (month && d.month && month.monthId === d.month.id)
    (month as { count: PublishedCount }).count = d.month.newReferrals;
}

const HIDDEN: PublishedCount = { kind: 'hidden' };

/**
 * Hides one changeable cell; `any` also hides a small or hidden headline (a headline "n.c." may hold any value).
 * False when there was nothing to change.
 */
function hide(editable: ReadonlyMap<DigestAudience, Editable>, id: string, any = false): boolean {
  const [, audience, table, key] = id.split('|') as [string, DigestAudience, string, string | undefined];
  const e = editable.get(audience);
  if (!e) return false;
  const d = e.d as { newReferrals: PublishedCount; month?: PublishedMonth };
  if (table === 'week') {
    if (d.newReferrals.kind === 'hidden' || (!any && d.newReferrals.kind !== 'value')) return false;
    d.newReferrals = HIDDEN;
    return true;
  }
  const m = d.month;
  if (!m) return false;
  if (table === HEADLINE[0]) {
    if (m.newReferrals.kind === 'hidden' || (!any && m.newReferrals.kind !== 'value')) return false;
    m.newReferrals = HIDDEN;
    return true;
  }
  if ((MONTH_MEDIANS as readonly string[]).includes(table)) {
    const median = table as (typeof MONTH_MEDIANS)[number];
    if (m[median].kind === 'withdrawn') return false;
    m[median] = { kind: 'withdrawn' };
    return true;
  }
  if (any) return false;
  const row = (m[table as MonthTable] as PublishedTable | undefined)?.rows.find((r) => r.key === key);
  if (row?.count.kind !== 'value') return false;
  row.count = HIDDEN;
  return true;
}

/** Withdraws the (not yet withdrawn) table a changeable cell is in; false when there is none. */
function withdrawTableOf(editable: ReadonlyMap<DigestAudience, Editable>, id: string): boolean {
  const [, audience, table] = id.split('|') as [string, DigestAudience, string];
  const m = editable.get(audience)?.d.month;
  if (!m || !(MONTH_TABLES as readonly string[]).includes(table)) return false;
  const t = m[table as MonthTable];
  if (t.withdrawn) return false;
  t.withdrawn = true;
  for (const row of t.rows) row.count = HIDDEN;
  return true;
}
