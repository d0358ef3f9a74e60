import type { AnnualTable, PublishedAnnualReturn } from './annual-return.js';
import { ANNUAL_TABLES, VALUE_TABLES } from './annual-return.js';
import type { PublishedCount } from './anonymiser.js';
import type { PublishedDigest } from './digest.js';
import { type DigestModel, type DisclosureContext, digestModel, monthCell } from './digest-protection.js';
import { knownOf, suppress } from './disclosure.js';
import { monthContaining } from './month.js';

/** An action of the catalogue: the public mapping the return's three orientation tables follow. */
export type ActionMapping = Readonly<Record<string, { axis: string; operator: string }>>;

/** A cell of the annual return: `A|age_band|6-10`. */
const annualCell = (table: AnnualTable, key: string) => `A|${table}|${key}`;
const OUTCOMES = ['started', 'not_started', 'ended'] as const;
/** Tables that split the year's referrals: each adds up to them. */
const PARTITIONS: readonly AnnualTable[] = ['age_band', 'school_level', 'qpv', 'education_priority', 'origin'];

/**
 * What a reader of the level-3 return knows, with every digest of the same school year: the return's own relations
 * (each partition of the year's referrals adds up to them; an axis's or an operator's orientations are its actions',
 * by the public catalogue) and its ties to the digests' months, the twelve of which make up the year exactly.
 */
export function annualModel(
  published: PublishedAnnualReturn,
  actions: ActionMapping,
  digests: readonly PublishedDigest[],
  ctx: DisclosureContext,
): DigestModel {
  const { known, relations } = digestModel(digests, ctx);
  const t = published.threshold;
  const withdrawn = new Set(published.withdrawn ?? []);
  const rows = (table: AnnualTable) => published.tables[table];
  for (const table of ANNUAL_TABLES) {
    if (VALUE_TABLES.includes(table)) continue;
    for (const r of rows(table)) known.set(annualCell(table, r.key), knownOf(r.value, t, withdrawn.has(table)));
  }
  const referred = annualCell('activity', 'referred');
  for (const table of PARTITIONS)
    relations.push({ kind: 'sum', parts: rows(table).map((r) => annualCell(table, r.key)), total: referred });
  relations.push({ kind: 'contains', whole: referred, parts: rows('sex').map((r) => annualCell('sex', r.key)) });
  relations.push({
    kind: 'within',
    small: annualCell('activity', 'in_parcours'),
    big: annualCell('activity', 'beneficiaries'),
  });
  // The three orientation tables count the same events by action, axis and operator (`<key>|<outcome>`).
  for (const outcome of OUTCOMES) {
    const byAction = rows('orientations_by_action').filter((r) => r.key.endsWith(`|${outcome}`));
    const actionOf = (key: string) => actions[key.slice(0, key.lastIndexOf('|'))];
    for (const [table, of] of [
      ['orientations_by_axis', (k: string) => actionOf(k)?.axis],
      ['orientations_by_operator', (k: string) => actionOf(k)?.operator],
    ] as const)
      for (const r of rows(table).filter((x) => x.key.endsWith(`|${outcome}`))) {
        const group = r.key.slice(0, r.key.lastIndexOf('|'));
        relations.push({
          kind: 'sum',
          parts: byAction.filter((a) => of(a.key) === group).map((a) => annualCell('orientations_by_action', a.key)),
          total: annualCell(table, r.key),
        });
      }
  }
  // The year is its twelve months: each figure the digests count by month adds up to the return's.
  const first = Number(published.schoolYear.slice(0, 4));
  const months = Array.from(
    { length: 12 },
    (_, i) => monthContaining(new Date(Date.UTC(first, 8 + i, 15)), ctx.timeZone).id,
  );
  const overMonths = (table: string, key: string) => months.map((m) => monthCell(m, 'cellule', table, key));
  relations.push({ kind: 'sum', parts: overMonths('newReferrals', 'all'), total: referred });
  relations.push({
    kind: 'sum',
    parts: overMonths('parcoursEntered', 'entered'),
    total: annualCell('entries_exits', 'entries'),
  });
  relations.push({
    kind: 'balance',
    left: rows('entries_exits')
      .filter((r) => r.key.startsWith('exit:'))
      .map((r) => annualCell('entries_exits', r.key)),
    right: overMonths('closuresByReason', 'exits'),
  });
  const ages = (keys: string[]) =>
    rows('age_band')
      .filter((r) => keys.includes(r.key))
      .map((r) => annualCell('age_band', r.key));
  relations.push({ kind: 'balance', left: ages(['2-5', '6-10']), right: overMonths('byAgeBand', '2-10') });
  relations.push({ kind: 'balance', left: ages(['11-16']), right: overMonths('byAgeBand', '11-16') });
  const primary = ['maternelle', 'elementaire'];
  const levels = (pick: (key: string) => boolean) =>
    rows('school_level')
      .filter((r) => pick(r.key))
      .map((r) => annualCell('school_level', r.key));
  relations.push({
    kind: 'balance',
    left: levels((k) => primary.includes(k)),
    right: overMonths('byStage', 'primaire'),
  });
  relations.push({
    kind: 'balance',
    left: levels((k) => !primary.includes(k)),
    right: overMonths('byStage', 'secondaire'),
  });
  for (const r of rows('uncovered_needs'))
    relations.push({
      kind: 'sum',
      parts: overMonths('uncoveredNeeds', r.key),
      total: annualCell('uncovered_needs', r.key),
    });
  // The return counts catalogue actions; the digests every orientation (prestations too: an unknown, `F|…`).
  for (const outcome of OUTCOMES)
    relations.push({
      kind: 'balance',
      left: [
        ...rows('orientations_by_action')
          .filter((r) => r.key.endsWith(`|${outcome}`))
          .map((r) => annualCell('orientations_by_action', r.key)),
        `F|prestations|${outcome}`,
      ],
      right: overMonths('orientationOutcomes', outcome),
    });
  // A child with two difficulties of an axis is counted once by the digests, twice by the return.
  const axes = new Set(rows('fragility').map((r) => r.key.split(':')[0] as string));
  for (const axis of axes) {
    const ofAxis = rows('fragility').filter((r) => r.key.startsWith(`${axis}:`));
    const children = `F|fragility|${axis}`;
    relations.push({ kind: 'sum', parts: overMonths('fragilityByAxis', axis), total: children });
    for (const r of ofAxis) relations.push({ kind: 'within', small: annualCell('fragility', r.key), big: children });
    relations.push({ kind: 'covered', whole: children, parts: ofAxis.map((r) => annualCell('fragility', r.key)) });
  }
  return { known, relations };
}

/**
 * Secondary suppression of the level-3 return together with every digest of its school year (fixed: they went
 * out): the smallest exact count around a pinned figure is hidden, then whole tables; a table is withdrawn rather
 * than published with a figure pinned.
 */
export function protectAnnualReturn(
  published: PublishedAnnualReturn,
  actions: ActionMapping,
  digests: readonly PublishedDigest[],
  ctx: DisclosureContext,
): { published: PublishedAnnualReturn; unprotectable: string[] } {
  const copy = structuredClone(published) as PublishedAnnualReturn & { withdrawn?: AnnualTable[] };
  const changeable = (id: string) => id.startsWith('A|') && copy.tables[id.split('|')[1] as AnnualTable] !== undefined;
  const countTables = ANNUAL_TABLES.filter((t) => !VALUE_TABLES.includes(t));
  const withdrawAll = () => countTables.reduce((changed, table) => withdraw(copy, table) || changed, false);
  const unprotectable = suppress({
    model: () => annualModel(copy, actions, digests, ctx),
    changeable,
    threshold: copy.threshold,
    hide: (id) => setCell(copy, id, { kind: 'hidden' }),
    widen: [
      // A table of the pinned cells or around them, whole; then every table (fail closed).
      ({ pinned, near }) => {
        const table = [...pinned, ...near]
          .filter(changeable)
          .map((id) => id.split('|')[1] as AnnualTable)
          .find((name) => !copy.withdrawn?.includes(name));
        return table !== undefined && withdraw(copy, table);
      },
      withdrawAll,
    ],
    failClosed: withdrawAll,
  });
  return { published: copy, unprotectable };
}

/** Withdraws a table whole; false when it already was. */
function withdraw(copy: PublishedAnnualReturn & { withdrawn?: AnnualTable[] }, table: AnnualTable): boolean {
  if (copy.withdrawn?.includes(table)) return false;
  copy.withdrawn = [...(copy.withdrawn ?? []), table];
  for (const r of copy.tables[table]) setCell(copy, annualCell(table, r.key), { kind: 'hidden' });
  return true;
}

function setCell(copy: PublishedAnnualReturn, id: string, value: PublishedCount): boolean {
  // `A|<table>|<key>`, the key itself may hold '|' (`clubs-lecture|started`).
  const table = id.split('|')[1] as AnnualTable;
  const key = id.slice(`A|${table}|`.length);
  const row = copy.tables[table]?.find((r) => r.key === key) as { value: PublishedCount } | undefined;
  if (!row) return false;
  row.value = value;
  return true;
}
