import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solve } from 'yalps';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import type { PublishedCount, PublishedTable } from '../../src/domain/anonymiser.js';
import { anonymiseDigest, DIGEST_AUDIENCES, type PublishedDigest, protectWeek } from '../../src/domain/digest.js';
import { type IsoWeek, parseIsoWeek, previousWeek } from '../../src/domain/iso-week.js';
import { difficultyIds } from '../../src/domain/lists.js';
import { type DigestDeps, sendWeeklyDigests } from '../../src/jobs/weekly-digest.js';
import { loadLists } from '../../src/lists-file.js';
import { createLogger } from '../../src/log.js';
import { offThread } from '../../src/output/off-thread.js';
import { digestMessage } from '../../src/slack/views/digest-message.js';
import { type Database, openDatabase } from '../../src/store/db.js';
import { DigestRuns } from '../../src/store/digest-runs.js';
import { computeDigestStats } from '../../src/store/digest-stats.js';
import { generateCases, insertCases } from '../support/seed-cases.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

const TZ = 'Europe/Paris';
const lists = loadLists(DEFAULT_LISTS_FILE);
const difficulties = difficultyIds(lists);
const T = 3;
const last = parseIsoWeek('2026-W46', TZ) as IsoWeek;
const weeks = [4, 3, 2, 1, 0].map((k) => (k === 0 ? last : previousWeek(last, TZ, k)));
/** The school year to date of these weeks starts on 1 September 2026 (Paris), before the first of them. */
const SCHOOL_YEAR_START = '2026-08-31T22:00:00.000Z';
let testDb: TestDatabase;
let db: Database;
let deps: DigestDeps;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase(testDb.target);
  // Few children a week, spread over age bands, stages, axes and steps: a digest full of small counts.
  // Children before the first week too: the wider windows hold more than the weeks published.
  const cases = generateCases(150, { seed: 7, from: previousWeek(last, TZ, 9).start, to: last.end });
  await insertCases(db.prisma, cases);
  deps = {
    prisma: db.prisma,
    renderDigest: digestMessage,
    runs: new DigestRuns(db.prisma),
    logger: createLogger('silent'),
    timeZone: TZ,
    threshold: T,
    actionTitles: async () => new Map(),
    difficulties,
  };
}, 180_000);
afterAll(async () => {
  await db?.close();
  await testDb?.dispose();
});

/**
 * The attacker, written from the published forms alone (not from the code under test): every number ever published
 * about these weeks, in every audience, trends included, with what anyone knows of them — "< 3" is 1 or 2, a cell
 * "n.c." is 3 or more (a total, a headline or a withdrawn table "n.c." may hold any value), tables add up to their totals and the breakdowns to the headline, a group's children are among the
 * cellule's and every child of the cellule is in some group, a group's besoins non couverts are the cellule's on its
 * axis, and a trend repeats each week's headline. For each small or hidden cell, the least and greatest value linear
 * programming allows.
 */
function attack(published: readonly PublishedDigest[]): { cell: string; lo: number; hi: number }[] {
  const vars = new Map<string, PublishedCount>();
  /** Cells of a table withdrawn whole: any value. */
  const open = new Set<string>();
  const rows: { terms: [string, number][]; op: 'eq' | 'le' }[] = [];
  const id = (week: string, audience: string, table: string, key: string) => `${week}|${audience}|${table}|${key}`;
  const zeroIfAbsent = (name: string) => {
    if (!vars.has(name)) vars.set(name, { kind: 'value', value: 0 });
  };
  const TABLES = [
    'byAgeBand',
    'byStage',
    'openByStatus',
    'consents',
    'orientationsStarted',
    'closuresByReason',
    'operatorAnswers',
    'parcoursEntered',
    'orientationOutcomes',
  ] as const;
  const WINDOWED = ['fragilityByAxis', 'uncoveredNeeds', 'parcoursEntered', 'orientationOutcomes'] as const;
  const WIDER = ['twelveWeeks', 'schoolYear'] as const;
  /** A published table by name: `parcoursEntered`, or `parcoursEntered~schoolYear` for a wider window. */
  const tableIn = (d: PublishedDigest, name: string): PublishedTable | undefined => {
    const [t, w] = name.split('~') as [(typeof WINDOWED)[number], (typeof WIDER)[number] | undefined];
    return w ? d.windows?.[w][t] : (d[t as 'byStage'] as PublishedTable | undefined);
  };
  const cellOf = (d: PublishedDigest, name: string, key: string) => {
    const cell = id(d.weekId, d.audience, name, key);
    // A row a published table does not list is 0.
    if (tableIn(d, name)) zeroIfAbsent(cell);
    return cell;
  };
  for (const d of published) {
    const head = id(d.weekId, d.audience, 'head', 'all');
    vars.set(head, d.newReferrals);
    for (const point of d.trend) {
      const name = id(point.weekId, d.audience, 'head', 'all');
      if (!vars.has(name)) vars.set(name, point.count);
      else
        rows.push({
          terms: [
            [name, 1],
            [`${name}#trend${d.weekId}`, -1],
          ],
          op: 'eq',
        });
      vars.set(`${name}#trend${d.weekId}`, point.count);
    }
    const names = [
      ...TABLES,
      'uncoveredNeeds',
      'fragilityByAxis',
      ...WIDER.flatMap((w) => WINDOWED.map((t) => `${t}~${w}`)),
    ];
    for (const table of names) {
      const t = tableIn(d, table);
      if (!t) continue;
      const parts = t.rows.map((r) => id(d.weekId, d.audience, table, r.key));
      if (t.withdrawn) for (const p of parts) open.add(p);
      for (const [i, r] of t.rows.entries()) vars.set(parts[i] as string, r.count);
      if (t.total) {
        const total = id(d.weekId, d.audience, table, 'total');
        vars.set(total, t.total);
        rows.push({ terms: [...parts.map((p): [string, number] => [p, 1]), [total, -1]], op: 'eq' });
      }
      if (table === 'byAgeBand' || table === 'byStage')
        rows.push({ terms: [...parts.map((p): [string, number] => [p, 1]), [head, -1]], op: 'eq' });
      // Children with a sign of fragility on an axis are among the week's new referrals.
      if (table === 'fragilityByAxis')
        for (const p of parts)
          rows.push({
            terms: [
              [p, 1],
              [head, -1],
            ],
            op: 'le',
          });
    }
  }
  // Windows, as their labels say: this week ⊆ the school year to date (it started before these weeks) ⊆ the last 12
  // weeks; a week later, the school year gains the week, the 12 weeks gain it and lose the week 12 weeks before
  // (never published here: any value); the children with a sign of fragility over 12 weeks are among the 12 weeks'
  // new referrals.
  for (const d of published) {
    if (!d.windows) continue;
    expect(d.windows.schoolYearStart).toBe(SCHOOL_YEAR_START);
    const before = published.find(
      (p) => p.audience === d.audience && p.weekId === previousWeek(parseIsoWeek(d.weekId, TZ) as IsoWeek, TZ, 1).id,
    );
    for (const t of WINDOWED) {
      const [year, twelve] = [`${t}~schoolYear`, `${t}~twelveWeeks`];
      const keys = new Set(
        [t, year, twelve].flatMap((name) =>
          [d, ...(before ? [before] : [])].flatMap((x) => tableIn(x, name)?.rows.map((r) => r.key) ?? []),
        ),
      );
      for (const key of keys) {
        const le = (a: string, b: string) =>
          rows.push({
            terms: [
              [a, 1],
              [b, -1],
            ],
            op: 'le',
          });
        le(cellOf(d, t, key), cellOf(d, year, key));
        le(cellOf(d, year, key), cellOf(d, twelve, key));
        if (!before) continue;
        rows.push({
          terms: [
            [cellOf(d, year, key), 1],
            [cellOf(before, year, key), -1],
            [cellOf(d, t, key), -1],
          ],
          op: 'eq',
        });
        const lost = `${d.weekId}|${d.audience}|lost|${t}|${key}`;
        vars.set(lost, { kind: 'hidden' });
        open.add(lost);
        rows.push({
          terms: [
            [cellOf(d, twelve, key), 1],
            [lost, 1],
            [cellOf(before, twelve, key), -1],
            [cellOf(d, t, key), -1],
          ],
          op: 'eq',
        });
      }
    }
    const heads = d.trend.map((p) => id(p.weekId, d.audience, 'head', 'all'));
    for (const r of d.windows.twelveWeeks.fragilityByAxis.rows)
      rows.push({
        terms: [[cellOf(d, 'fragilityByAxis~twelveWeeks', r.key), 1], ...heads.map((h): [string, number] => [h, -1])],
        op: 'le',
      });
  }
  for (const week of weeks) {
    const cellule = published.find((d) => d.weekId === week.id && d.audience === 'cellule');
    const groups = published.filter((d) => d.weekId === week.id && d.audience !== 'cellule');
    if (!cellule) continue;
    const keys = (table: string) =>
      new Set([cellule, ...groups].flatMap((d) => tableIn(d, table)?.rows.map((r) => r.key) ?? []));
    const axisTables = [...TABLES, ...WIDER.flatMap((w) => [`parcoursEntered~${w}`, `orientationOutcomes~${w}`])];
    for (const [table, keyset] of [
      ['head', new Set(['all'])],
      ...axisTables.map((t) => [t, keys(t)] as const),
    ] as const) {
      for (const key of keyset) {
        const whole = id(week.id, 'cellule', table, key);
        zeroIfAbsent(whole);
        const parts = groups.map((g) => id(week.id, g.audience, table, key));
        parts.forEach(zeroIfAbsent);
        for (const p of parts)
          rows.push({
            terms: [
              [p, 1],
              [whole, -1],
            ],
            op: 'le',
          });
        rows.push({ terms: [[whole, 1], ...parts.map((p): [string, number] => [p, -1])], op: 'le' });
      }
    }
    for (const g of groups)
      for (const table of [
        'uncoveredNeeds',
        'fragilityByAxis',
        ...WIDER.flatMap((w) => [`uncoveredNeeds~${w}`, `fragilityByAxis~${w}`]),
      ])
        rows.push({
          terms: [
            [id(week.id, g.audience, table, g.audience), 1],
            [id(week.id, 'cellule', table, g.audience), -1],
          ],
          op: 'eq',
        });
  }
  const unknown = [...vars].filter(([, c]) => c.kind !== 'value').map(([name]) => name);
  const constraints = new Map<string, { min?: number; max?: number; equal?: number }>();
  const coefficients = new Map<string, Map<string, number>>(unknown.map((u) => [u, new Map([[`dom:${u}`, 1]])]));
  for (const u of unknown) {
    const c = vars.get(u) as PublishedCount;
    // A total or a headline marked n.c. was withdrawn whatever its value; a table cell marked n.c. is 3 or more.
    const total = u.endsWith('|total') || u.includes('|head|') || open.has(u);
    constraints.set(`dom:${u}`, c.kind === 'small' ? { min: 1, max: T - 1 } : { min: total ? 0 : T, max: 1e6 });
  }
  rows.forEach((row, i) => {
    let rest = 0;
    for (const [name, k] of row.terms) {
      const c = vars.get(name);
      if (c?.kind === 'value') rest -= k * c.value;
      else coefficients.get(name)?.set(`row:${i}`, (coefficients.get(name)?.get(`row:${i}`) ?? 0) + k);
    }
    constraints.set(`row:${i}`, row.op === 'eq' ? { equal: rest } : { max: rest });
  });
  return unknown
    .filter((u) => !u.includes('#trend') && !u.includes('|lost|'))
    .map((cell) => {
      const bound = (direction: 'minimize' | 'maximize') => {
        const variables = new Map(
          [...coefficients].map(([v, k]) => [v, v === cell ? new Map([...k, ['goal', 1]]) : k] as const),
        );
        const s = solve({ direction, objective: 'goal', constraints, variables });
        return s.status === 'optimal' ? s.result : s.status === 'unbounded' ? Number.POSITIVE_INFINITY : Number.NaN;
      };
      return { cell, lo: bound('minimize'), hi: bound('maximize') };
    });
}

const pinned = (bounds: ReturnType<typeof attack>) =>
  bounds.filter((b) => Number.isNaN(b.lo) || Math.floor(b.hi + 1e-6) - Math.ceil(b.lo - 1e-6) < 1);

describe('numbers that cannot be worked back', () => {
  it('each audience suppressed on its own leaves cells an attacker pins (the test can fail)', async () => {
    const alone: PublishedDigest[] = [];
    for (const week of weeks)
      for (const audience of DIGEST_AUDIENCES)
        alone.push(
          anonymiseDigest(await computeDigestStats(db.prisma, { audience, week, timeZone: TZ, difficulties }), T),
        );
    expect(pinned(attack(alone)).length).toBeGreaterThan(0);
  });

  it('each week suppressed without the weeks its windows slide from leaves cells an attacker pins', async () => {
    const alone: PublishedDigest[] = [];
    for (const week of weeks) {
      const four = [];
      for (const audience of DIGEST_AUDIENCES)
        four.push(
          anonymiseDigest(await computeDigestStats(db.prisma, { audience, week, timeZone: TZ, difficulties }), T),
        );
      const here = protectWeek(four, new Set(), T);
      alone.push(...here);
      // The job runs the same suppression on the compute thread, off the app's thread: the same digests come back.
      if (week === last) expect(await offThread.run('protectWeek', four, new Set(), T, [])).toEqual(here);
    }
    const caught = pinned(attack(alone));
    expect(caught.length).toBeGreaterThan(0);
  }, 300_000);

  it('no hidden or small cell is pinned by everything published about five weeks, all audiences, windows and trends', async () => {
    for (const week of weeks) await sendWeeklyDigests(deps, week);
    const published = (await db.prisma.digestRun.findMany()).map((r) => r.content as unknown as PublishedDigest);
    expect(published).toHaveLength(20);
    const bounds = attack(published);
    // Many small counts, and every one of them keeps at least two possible values.
    expect(bounds.length).toBeGreaterThan(20);
    expect(pinned(bounds)).toEqual([]);
    // The wider windows say what the week cannot: counts published exactly where the week's is small.
    const widerWhereWeekSmall = published.flatMap((d) =>
      (['fragilityByAxis', 'uncoveredNeeds', 'parcoursEntered', 'orientationOutcomes'] as const).flatMap((t) =>
        (d[t]?.rows ?? [])
          .filter((r) => r.count.kind === 'small')
          .flatMap((r) =>
            (['twelveWeeks', 'schoolYear'] as const).map(
              (w) => d.windows?.[w][t].rows.find((y) => y.key === r.key)?.count.kind,
            ),
          ),
      ),
    );
    expect(widerWhereWeekSmall).toContain('value');
  }, 300_000);
});
