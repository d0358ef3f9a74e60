import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solve } from 'yalps';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import type { PublishedCount, PublishedTable } from '../../src/domain/anonymiser.js';
import { anonymiseDigest, DIGEST_AUDIENCES, type PublishedDigest } from '../../src/domain/digest.js';
import { type IsoWeek, parseIsoWeek, previousWeek } from '../../src/domain/iso-week.js';
import { difficultyIds } from '../../src/domain/lists.js';
import { type DigestDeps, sendWeeklyDigests } from '../../src/jobs/weekly-digest.js';
import { loadLists } from '../../src/lists-file.js';
import { createLogger } from '../../src/log.js';
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
const weeks = [3, 2, 1, 0].map((k) => (k === 0 ? last : previousWeek(last, TZ, k)));
let testDb: TestDatabase;
let db: Database;
let deps: DigestDeps;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase(testDb.target);
  // Few children a week, spread over age bands, stages, axes and steps: a digest full of small counts.
  const cases = generateCases(90, { seed: 7, from: weeks[0]?.start as Date, to: last.end });
  await insertCases(db.prisma, cases);
  deps = {
    prisma: db.prisma,
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
  ] as const;
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
    for (const table of [...TABLES, 'uncoveredNeeds', 'fragilityByAxis'] as const) {
      const t = d[table] as PublishedTable | undefined;
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
  for (const week of weeks) {
    const cellule = published.find((d) => d.weekId === week.id && d.audience === 'cellule');
    const groups = published.filter((d) => d.weekId === week.id && d.audience !== 'cellule');
    if (!cellule) continue;
    const keys = (table: string) =>
      new Set(
        [cellule, ...groups].flatMap(
          (d) => (d[table as 'byAgeBand'] as PublishedTable | undefined)?.rows.map((r) => r.key) ?? [],
        ),
      );
    for (const [table, keyset] of [['head', new Set(['all'])], ...TABLES.map((t) => [t, keys(t)] as const)] as const) {
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
      for (const table of ['uncoveredNeeds', 'fragilityByAxis'])
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
    .filter((u) => !u.includes('#trend'))
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

  it('no hidden or small cell is pinned by everything published about four weeks, all audiences and trends', async () => {
    for (const week of weeks) await sendWeeklyDigests(deps, week);
    const published = (await db.prisma.digestRun.findMany()).map((r) => r.content as unknown as PublishedDigest);
    expect(published).toHaveLength(16);
    const bounds = attack(published);
    // Many small counts, and every one of them keeps at least two possible values.
    expect(bounds.length).toBeGreaterThan(20);
    expect(pinned(bounds)).toEqual([]);
  }, 120_000);
});
