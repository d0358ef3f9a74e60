import { TZDate } from '@date-fns/tz';
import { afterAll, describe, expect, it } from 'vitest';
import { solve } from 'yalps';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import type { PublishedAnnualReturn } from '../../src/domain/annual-return.js';
import type { PublishedCount } from '../../src/domain/anonymiser.js';
import { MONTH_TABLES, type PublishedDigest, type PublishedMonth } from '../../src/domain/digest.js';
import { type IsoWeek, weeksBetween } from '../../src/domain/iso-week.js';
import { difficultyIds } from '../../src/domain/lists.js';
import { type DigestDeps, postDigest, sendWeeklyDigests } from '../../src/jobs/weekly-digest.js';
import { loadLists } from '../../src/lists-file.js';
import { createLogger } from '../../src/log.js';
import { digestMessage } from '../../src/slack/views/digest-message.js';
import { type Database, openDatabase } from '../../src/store/db.js';
import { DigestRuns } from '../../src/store/digest-runs.js';
import { sendAnnualReturn } from '../../src/use-cases/annual-return.js';
import { generateCases, insertCases } from '../support/seed-cases.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

const TZ = 'Europe/Paris';
const T = 3;
const lists = loadLists(DEFAULT_LISTS_FILE);
const AUDIENCES = ['schooling', 'parenting', 'health', 'cellule'] as const;
const GROUPS = ['schooling', 'parenting', 'health'] as const;
/** The school year 2025-2026, in Paris. */
const YEAR_START = new Date(new TZDate(2025, 8, 1, TZ).getTime());
const YEAR_END = new Date(new TZDate(2026, 8, 1, TZ).getTime());

const opened: { db: Database; testDb: TestDatabase }[] = [];
afterAll(async () => {
  for (const o of opened) {
    await o.db.close();
    await o.testDb.dispose();
  }
});

/** Every ISO week that shares a day with the school year. */
function weeksOfYear(): IsoWeek[] {
  return weeksBetween(YEAR_START, YEAR_END, TZ);
}

/** Every month of the school year: `2025-09` … `2026-08`, with its bounds. */
function monthsOfYear(): { id: string; start: Date; end: Date }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const start = new TZDate(2025, 8 + i, 1, TZ);
    const end = new TZDate(2025, 9 + i, 1, TZ);
    return {
      id: `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}`,
      start: new Date(start.getTime()),
      end: new Date(end.getTime()),
    };
  });
}

/**
 * A programme of Aubervilliers' size (≈ 300 referrals in the year, a few before it), the app installed on `installed`,
 * its weekly job run every week from then on but for `gap` (weeks it was down: the catch-up posts only the last).
 */
async function publishYear(input: { seed: number; installed: Date; gap?: readonly string[]; republish?: string }) {
  const testDb = await createTestDatabase();
  const db = await openDatabase(testDb.target);
  opened.push({ db, testDb });
  await insertCases(db.prisma, [
    ...generateCases(300, { seed: input.seed, from: YEAR_START, to: YEAR_END }),
    ...generateCases(40, {
      seed: input.seed + 100,
      from: new Date(YEAR_START.getTime() - 90 * 86_400_000),
      to: YEAR_START,
    }),
  ]);
  await db.prisma.installation.upsert({
    where: { id: 1 },
    create: { id: 1, installedAt: input.installed },
    update: { installedAt: input.installed },
  });
  const deps: DigestDeps = {
    prisma: db.prisma,
    renderDigest: digestMessage,
    runs: new DigestRuns(db.prisma),
    // Warnings recorded: a figure that what went out before pins alone would be one.
    logger: createLogger('warn', { write: (line: string) => warnings.push(line) }),
    timeZone: TZ,
    threshold: () => T,
    actionTitles: async () => new Map(),
    difficulties: difficultyIds(lists),
  };
  const warnings: string[] = [];
  const weeks = weeksOfYear().filter((w) => w.start >= input.installed && !input.gap?.includes(w.id));
  const timings: number[] = [];
  for (const week of weeks) {
    const started = performance.now();
    await sendWeeklyDigests(deps, week);
    timings.push(performance.now() - started);
    if (week.id === input.republish)
      for (const audience of AUDIENCES) await postDigest(deps, { audience, week, sequence: 1 });
  }
  // After the year: its publishable annual return, protected with the year's digests.
  const annualStarted = performance.now();
  await sendAnnualReturn(
    {
      prisma: db.prisma,
      lists,
      timeZone: TZ,
      threshold: T,
      actionTitles: async () => new Map(),
      queue: async () => {},
      now: () => new Date(YEAR_END.getTime() + 86_400_000),
      logger: deps.logger,
    },
    { schoolYear: '2025-2026', userId: 'UCOORD' },
  );
  const annualMs = performance.now() - annualStarted;
  const annual = (await db.prisma.annualPublication.findUniqueOrThrow({ where: { schoolYear: '2025-2026' } }))
    .content as unknown as PublishedAnnualReturn;
  const catalogue = await db.prisma.catalogueAction.findMany();
  const runs = await db.prisma.digestRun.findMany({ orderBy: [{ isoWeek: 'asc' }, { sequence: 'asc' }] });
  return {
    warnings,
    published: runs.map((r) => r.content as unknown as PublishedDigest),
    annual,
    catalogue: new Map(catalogue.map((a) => [a.id, { axis: a.axis, operator: a.operator }])),
    weeks,
    timings,
    annualMs,
  };
}

type Known = { lo: number; hi: number };
type Row = { terms: [string, number][]; op: 'eq' | 'le' };
const INF = 1_000_000;
/** The tables of a published month (the published form's vocabulary); all but the own-axis ones count a case's
 * children in every audience. */
const MONTH_TABLE_NAMES = MONTH_TABLES;
const CROSS_AUDIENCE = MONTH_TABLE_NAMES.filter((t) => t !== 'fragilityByAxis' && t !== 'uncoveredNeeds');

/**
 * The attacker, written from the published forms and the public rules alone (not from the code under test): every
 * digest ever posted, in every audience, republications included, with what anyone knows of each form — "< 3" is 1
 * or 2, a table cell "n.c." is 3 or more, a headline "n.c." or a table withdrawn is anything, a row a sparse table
 * does not list is 0 — and every relation between the true counts: weeks make up months (a week never published is
 * an unknown, not a gap), breakdowns add up to the month's referrals, a group's children are among the cellule's and
 * every child is in some group, a group's own-axis counts are the cellule's, the days-to-start median counts the
 * orientations started. For each figure not published exactly, the least and
 * the greatest value integer programming allows.
 */
function attack(
  published: readonly PublishedDigest[],
  annual: PublishedAnnualReturn,
  catalogue: ReadonlyMap<string, { axis: string; operator: string }>,
) {
  const known = new Map<string, Known>();
  const rows: Row[] = [];
  const learn = (name: string, k: Known) => {
    const was = known.get(name);
    known.set(name, was ? { lo: Math.max(was.lo, k.lo), hi: Math.min(was.hi, k.hi) } : k);
  };
  const form = (c: PublishedCount, open: boolean): Known =>
    c.kind === 'value'
      ? { lo: c.value, hi: c.value }
      : c.kind === 'small'
        ? { lo: 1, hi: T - 1 }
        : { lo: open ? 0 : T, hi: INF };
  const sum = (parts: string[], total: string): Row => ({
    terms: [...parts.map((p): [string, number] => [p, 1]), [total, -1]],
    op: 'eq',
  });
  const le = (small: string[], big: string[]): Row => ({
    terms: [...small.map((p): [string, number] => [p, 1]), ...big.map((p): [string, number] => [p, -1])],
    op: 'le',
  });
  const week = (w: string, a: string) => `W ${w} ${a}`;
  const cell = (m: string, a: string, t: string, k: string) => `M ${m} ${a} ${t} ${k}`;

  const months = new Map<string, Map<string, PublishedMonth>>();
  for (const d of published) {
    learn(week(d.weekId, d.audience), form(d.newReferrals, true));
    for (const p of d.trend) learn(week(p.weekId, d.audience), form(p.count, true));
    for (const p of d.monthTrend ?? []) learn(cell(p.monthId, d.audience, 'head', 'all'), form(p.count, true));
    if (d.month) {
      const byAudience = months.get(d.month.id) ?? new Map<string, PublishedMonth>();
      byAudience.set(d.audience, d.month);
      months.set(d.month.id, byAudience);
    }
  }
  for (const w of weeksOfYear()) {
    for (const g of GROUPS) rows.push(le([week(w.id, g)], [week(w.id, 'cellule')]));
    rows.push(
      le(
        [week(w.id, 'cellule')],
        GROUPS.map((g) => week(w.id, g)),
      ),
    );
  }
  const tables = MONTH_TABLE_NAMES;
  for (const month of monthsOfYear()) {
    const of = weeksOfYear().filter((w) => w.start < month.end && w.end > month.start);
    const inside = of.filter((w) => w.start >= month.start && w.end <= month.end);
    const byAudience = months.get(month.id) ?? new Map<string, PublishedMonth>();
    const head = (a: string) => cell(month.id, a, 'head', 'all');
    for (const a of AUDIENCES) {
      rows.push(
        le(
          inside.map((w) => week(w.id, a)),
          [head(a)],
        ),
      );
      rows.push(
        le(
          [head(a)],
          of.map((w) => week(w.id, a)),
        ),
      );
    }
    for (const g of GROUPS) rows.push(le([head(g)], [head('cellule')]));
    rows.push(le([head('cellule')], GROUPS.map(head)));
    for (const [a, m] of byAudience) {
      learn(head(a), form(m.newReferrals, true));
      for (const t of tables)
        for (const r of m[t].rows) learn(cell(month.id, a, t, r.key), form(r.count, m[t].withdrawn === true));
      for (const t of ['byAgeBand', 'byStage'] as const)
        rows.push(
          sum(
            m[t].rows.map((r) => cell(month.id, a, t, r.key)),
            head(a),
          ),
        );
      if (a === 'cellule')
        for (const r of m.fragilityByAxis.rows) rows.push(le([cell(month.id, a, 'fragilityByAxis', r.key)], [head(a)]));
      for (const median of ['daysToAnalysis', 'daysToFirstOrientation', 'daysToStart'] as const) {
        const v = m[median];
        learn(
          cell(month.id, a, median, 'cases'),
          v.kind === 'value'
            ? { lo: v.cases, hi: v.cases }
            : v.kind === 'too_few'
              ? { lo: 0, hi: T - 1 }
              : { lo: 0, hi: INF },
        );
      }
      // Every orientation started in the month has its delay: the median's cases are the orientations started.
      rows.push(sum([cell(month.id, a, 'orientationOutcomes', 'started')], cell(month.id, a, 'daysToStart', 'cases')));
    }
    // Across audiences, key by key.
    for (const t of CROSS_AUDIENCE) {
      const keys = new Set([...byAudience.values()].flatMap((m) => m[t].rows.map((r) => r.key)));
      for (const key of keys) {
        const of = (a: string) => cell(month.id, a, t, key);
        for (const g of GROUPS) rows.push(le([of(g)], [of('cellule')]));
        rows.push(le([of('cellule')], GROUPS.map(of)));
      }
    }
    for (const g of GROUPS) {
      for (const t of ['fragilityByAxis', 'uncoveredNeeds'])
        rows.push(sum([cell(month.id, g, t, g)], cell(month.id, 'cellule', t, g)));
      for (const median of ['daysToAnalysis', 'daysToFirstOrientation', 'daysToStart'])
        rows.push(le([cell(month.id, g, median, 'cases')], [cell(month.id, 'cellule', median, 'cases')]));
    }
  }
  // The publishable annual return of the same year, and what ties it to the months (the year is their union) and
  // to itself (each partition of the referrals adds up to them; the catalogue maps actions to axes and operators).
  const A = (t: string, k: string) => `A ${t} ${k}`;
  const withdrawn = new Set<string>(annual.withdrawn ?? []);
  for (const [t, list] of Object.entries(annual.tables)) {
    if (t === 'parcours_length' || t === 'prestations') continue;
    for (const r of list) learn(A(t, r.key), form(r.value, withdrawn.has(t)));
  }
  const keys = (t: keyof PublishedAnnualReturn['tables'], pick: (k: string) => boolean = () => true) =>
    annual.tables[t].filter((r) => pick(r.key)).map((r) => A(t, r.key));
  const monthIds = monthsOfYear().map((m) => m.id);
  const overMonths = (t: string, k: string) => monthIds.map((m) => cell(m, 'cellule', t, k));
  const referred = A('activity', 'referred');
  rows.push(sum(overMonths('head', 'all'), referred));
  for (const t of ['age_band', 'school_level', 'qpv', 'education_priority', 'origin'] as const)
    rows.push(sum(keys(t), referred));
  rows.push(le(keys('sex'), [referred]));
  rows.push(sum(overMonths('parcoursEntered', 'entered'), A('entries_exits', 'entries')));
  rows.push(
    sum(overMonths('closuresByReason', 'exits'), 'X exits'),
    sum(
      keys('entries_exits', (k) => k.startsWith('exit:')),
      'X exits',
    ),
  );
  rows.push(
    sum(overMonths('byAgeBand', '2-10'), 'X 2-10'),
    sum(
      keys('age_band', (k) => k === '2-5' || k === '6-10'),
      'X 2-10',
    ),
  );
  rows.push(
    sum(overMonths('byAgeBand', '11-16'), 'X 11-16'),
    sum(
      keys('age_band', (k) => k === '11-16'),
      'X 11-16',
    ),
  );
  const primary = (k: string) => k === 'maternelle' || k === 'elementaire';
  rows.push(sum(overMonths('byStage', 'primaire'), 'X primaire'), sum(keys('school_level', primary), 'X primaire'));
  rows.push(
    sum(overMonths('byStage', 'secondaire'), 'X secondaire'),
    sum(
      keys('school_level', (k) => !primary(k)),
      'X secondaire',
    ),
  );
  for (const r of annual.tables.uncovered_needs)
    rows.push(sum(overMonths('uncoveredNeeds', r.key), A('uncovered_needs', r.key)));
  for (const outcome of ['started', 'not_started', 'ended']) {
    const actions = annual.tables.orientations_by_action.filter((r) => r.key.endsWith(`|${outcome}`));
    rows.push(
      le(
        actions.map((r) => A('orientations_by_action', r.key)),
        overMonths('orientationOutcomes', outcome),
      ),
    );
    for (const [t, of] of [
      ['orientations_by_axis', 'axis'],
      ['orientations_by_operator', 'operator'],
    ] as const)
      for (const r of annual.tables[t].filter((x) => x.key.endsWith(`|${outcome}`))) {
        const group = r.key.slice(0, r.key.lastIndexOf('|'));
        const parts = actions.filter((a) => catalogue.get(a.key.slice(0, a.key.lastIndexOf('|')))?.[of] === group);
        rows.push(
          sum(
            parts.map((a) => A('orientations_by_action', a.key)),
            A(t, r.key),
          ),
        );
      }
  }
  for (const axis of ['schooling', 'parenting', 'health']) {
    const difficulties = keys('fragility', (k) => k.startsWith(`${axis}:`));
    for (const d of difficulties) rows.push(le([d], overMonths('fragilityByAxis', axis)));
    rows.push(le(overMonths('fragilityByAxis', axis), difficulties));
  }
  return solveAll(known, rows);
}

/** For every cell known only within bounds, its least and greatest value under all the rows (integer programs). */
function solveAll(known: ReadonlyMap<string, Known>, rows: readonly Row[]) {
  const exact = (name: string) => {
    const k = known.get(name);
    return k && k.lo === k.hi ? k.lo : undefined;
  };
  const reduced = rows.map((r) => {
    let rest = 0;
    const terms = new Map<string, number>();
    for (const [name, c] of r.terms) {
      const v = exact(name);
      if (v === undefined) terms.set(name, (terms.get(name) ?? 0) + c);
      else rest -= c * v;
    }
    return { terms, rest, op: r.op };
  });
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.has(x) && parent.get(x) !== x) x = parent.get(x) as string;
    return x;
  };
  for (const r of reduced) {
    const [first, ...others] = [...r.terms.keys()];
    for (const o of others) {
      const [a, b] = [find(first as string), find(o)];
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, { vars: Set<string>; rows: typeof reduced }>();
  const groupOf = (x: string) => {
    const root = find(x);
    const g = groups.get(root) ?? { vars: new Set<string>(), rows: [] };
    groups.set(root, g);
    return g;
  };
  for (const r of reduced) {
    if (r.terms.size === 0) {
      // A relation of exact figures only must hold: the attacker's model describes the truth.
      expect(r.op === 'eq' ? r.rest === 0 : r.rest >= 0, 'a relation between exact published figures fails').toBe(true);
      continue;
    }
    const g = groupOf(r.terms.keys().next().value as string);
    g.rows.push(r);
    for (const v of r.terms.keys()) g.vars.add(v);
  }
  for (const [name, k] of known) if (k.lo !== k.hi) groupOf(name).vars.add(name);
  const out: { cell: string; lo: number; hi: number }[] = [];
  for (const g of groups.values()) {
    const constraints = new Map<string, { min?: number; max?: number; equal?: number }>();
    const variables = new Map<string, Map<string, number>>();
    for (const v of g.vars) {
      const k = known.get(v) ?? { lo: 0, hi: INF };
      constraints.set(`b ${v}`, { min: k.lo, max: k.hi });
      variables.set(v, new Map([[`b ${v}`, 1]]));
    }
    g.rows.forEach((r, i) => {
      constraints.set(`r${i}`, r.op === 'eq' ? { equal: r.rest } : { max: r.rest });
      for (const [v, c] of r.terms) variables.get(v)?.set(`r${i}`, c);
    });
    for (const v of g.vars) {
      const k = known.get(v);
      if (!k || k.lo === k.hi) continue;
      const extreme = (direction: 'minimize' | 'maximize') => {
        const s = solve({ direction, objective: `b ${v}`, constraints, variables, integers: true });
        expect(s.status, `the published figures around ${v} contradict the attacker's model`).not.toBe('infeasible');
        return s.status === 'unbounded' ? INF : Math.round(s.result);
      };
      out.push({ cell: v, lo: extreme('minimize'), hi: extreme('maximize') });
    }
  }
  return out;
}

/** A figure worked back to one value, other than a zero (zeros are published as such: nobody is there). */
const pinned = (bounds: { cell: string; lo: number; hi: number }[]) => bounds.filter((b) => b.hi <= b.lo && b.hi > 0);

/**
 * Of the figures published with a count behind them (a true zero is shown as such), the share not shown exactly:
 * over every month's tables, month by month, table by table (groups and cellule), and the weeks' new referrals.
 */
function suppressedShare(published: readonly PublishedDigest[]) {
  const cells = new Map<string, { month: string; table: string; count: PublishedCount }>();
  for (const d of published)
    if (d.month)
      for (const t of MONTH_TABLE_NAMES)
        for (const r of d.month[t].rows)
          cells.set(`${d.month.id} ${d.audience} ${t} ${r.key}`, {
            month: d.month.id,
            table: `${d.audience === 'cellule' ? 'cellule' : 'groups'} ${t}`,
            count: r.count,
          });
  const counted = [...cells.values()].filter((c) => !(c.count.kind === 'value' && c.count.value === 0));
  const share = (list: { count: PublishedCount }[]) =>
    list.filter((c) => c.count.kind !== 'value').length / Math.max(1, list.length);
  const by = (key: 'month' | 'table') =>
    [...new Set(counted.map((c) => c[key]))]
      .sort()
      .map((k) => `${k} ${Math.round(share(counted.filter((c) => c[key] === k)) * 100)} %`);
  const weeks = published.filter((d) => d.newReferrals.kind !== 'value' || d.newReferrals.value > 0);
  const weekShare = (audience: (a: string) => boolean) =>
    Math.round(share(weeks.filter((d) => audience(d.audience)).map((d) => ({ count: d.newReferrals }))) * 100);
  return {
    overall: share(counted),
    report:
      `months: ${by('month').join(', ')}\ntables: ${by('table').join(', ')}\n` +
      `weeks' new referrals not exact: groups ${weekShare((a) => a !== 'cellule')} %, cellule ${weekShare((a) => a === 'cellule')} %`,
  };
}

describe('the digests of a school year, read by an attacker who holds every one of them', () => {
  const scenarios = [
    { name: 'from the rentrée', seed: 11, installed: YEAR_START },
    { name: 'first published in March', seed: 12, installed: new Date(new TZDate(2026, 2, 4, TZ).getTime()) },
    // Down three weeks across the end of November: the catch-up posts only the last week; November's tables come
    // with the first digest after the gap.
    {
      name: 'with a three-week gap and a republication',
      seed: 13,
      installed: YEAR_START,
      gap: ['2025-W48', '2025-W49', '2025-W50'],
      republish: '2026-W06',
    },
  ];
  for (const s of scenarios)
    it(`pins no figure: ${s.name}`, async () => {
      const { published, annual, catalogue, timings, annualMs, warnings } = await publishYear(s);
      // Nothing went out that earlier publications alone had already given away.
      expect(warnings).toEqual([]);
      const bounds = attack(published, annual, catalogue);
      // Many figures are known only within bounds, and every one of them keeps at least two possible values.
      expect(bounds.length).toBeGreaterThan(50);
      expect(pinned(bounds).map((b) => `${b.cell} = ${b.lo}`)).toEqual([]);
      // Months were published, their tables mostly exact at this size.
      const months = new Set(published.flatMap((d) => (d.month ? [d.month.id] : [])));
      expect(months.size).toBeGreaterThan(s.installed > YEAR_START ? 3 : 9);
      const { overall: share, report } = suppressedShare(published);
      expect(share).toBeLessThan(0.5);
      console.info(
        `${s.name}: ${published.length} digests, ${bounds.length} figures known within bounds, none pinned; ` +
          `suppressed share of non-zero month cells ${(share * 100).toFixed(0)} %; weekly job max ${Math.round(Math.max(...timings))} ms; annual return ${Math.round(annualMs)} ms\n${report}`,
      );
    }, 600_000);
});
