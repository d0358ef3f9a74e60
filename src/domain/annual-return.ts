import { anonymiseTable, type PublishedCount } from './anonymiser.js';
import { septemberFirst } from './dates.js';

/**
 * The State's annual return (enquête annuelle de suivi du PRE) for one school year, 1 September to 31 August: each
 * table a list of rows (a count, or for lengths and costs a value). Level 2 (comité technique): exact counts, no
 * reference to any case. Level 3 (publication): the small-count rule applied to every count table.
 */
export const ANNUAL_TABLES = [
  'activity',
  'entries_exits',
  'sex',
  'age_band',
  'school_level',
  'qpv',
  'education_priority',
  'origin',
  'fragility',
  'orientations_by_action',
  'orientations_by_axis',
  'orientations_by_operator',
  'prestations',
  'uncovered_needs',
  'parcours_length',
  'eps',
] as const;
export type AnnualTable = (typeof ANNUAL_TABLES)[number];

/** Tables whose rows are not counts of children (days, euros): never summed, shown as they are or withheld. */
export const VALUE_TABLES: readonly AnnualTable[] = ['parcours_length', 'prestations'];

export interface AnnualRow {
  key: string;
  value: number;
}

export type AnnualReturn = Readonly<{
  schoolYear: string;
  tables: Readonly<Record<AnnualTable, readonly AnnualRow[]>>;
}>;

export type PublishedAnnualRow = { key: string; value: PublishedCount };
export type PublishedAnnualReturn = Readonly<{
  schoolYear: string;
  level: 2 | 3;
  threshold: number;
  tables: Readonly<Record<AnnualTable, readonly PublishedAnnualRow[]>>;
  /** Level 3: tables withdrawn whole (every figure "n.c.", any value) so that no other could be worked back. */
  withdrawn?: readonly AnnualTable[];
}>;

/**
 * Count tables whose rows split the year's referrals (or its orientations, or its needs): they add up. Not the
 * activity (overlapping counts), entries and exits, a child's several difficulties, the EPS's meetings and decisions.
 */
const ADDING_TABLES = ANNUAL_TABLES.filter(
  (t) => !['activity', 'entries_exits', 'fragility', 'eps'].includes(t) && !VALUE_TABLES.includes(t),
);

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

/** "2025-2026" → its bounds (1 September 00:00 to the next 1 September, in the programme's time zone). */
export function parseSchoolYear(text: string, timeZone: string): { id: string; start: Date; end: Date } | undefined {
  const m = SCHOOL_YEAR.exec(text.trim());
  if (!m) return undefined;
  const first = Number(m[1]);
  if (Number(m[2]) !== first + 1 || first < 2000 || first > 2100) return undefined;
  return {
    id: `${first}-${first + 1}`,
    start: septemberFirst(first, timeZone),
    end: septemberFirst(first + 1, timeZone),
  };
}

/**
 * What may be published of each table. Level 2 gives every figure. Level 3 applies the small-count rule to count
 * tables (with their total, so that complementary cells go too); a length or a cost goes only when it rests on
 * at least `threshold` children (its `…cases` row says how many).
 */
export function publishAnnualReturn(data: AnnualReturn, level: 2 | 3, threshold: number): PublishedAnnualReturn {
  const tables = {} as Record<AnnualTable, PublishedAnnualRow[]>;
  for (const name of ANNUAL_TABLES) {
    const rows = data.tables[name];
    if (level === 2) {
      tables[name] = rows.map((r) => ({ key: r.key, value: { kind: 'value', value: r.value } }));
    } else if (VALUE_TABLES.includes(name)) {
      const cases = rows.filter((r) => r.key.endsWith('cases'));
      const enough = cases.every((r) => r.value === 0 || r.value >= threshold);
      tables[name] = rows.map((r) => ({
        key: r.key,
        value: r.key.endsWith('cases') || enough ? anonymiseCount(r, threshold, r.key.endsWith('cases')) : hidden,
      }));
    } else {
      // A table whose rows do not add up (the EPS's meetings and decisions, activity, entries and exits, a
      // child's several difficulties) has no total to protect against; the rest are protected together with the
      // year's digests (annual-protection.ts).
      const published = anonymiseTable(
        { rows: rows.map((r) => ({ key: r.key, count: r.value })), withTotal: ADDING_TABLES.includes(name) },
        threshold,
      );
      tables[name] = published.rows.map((r) => ({ key: r.key, value: r.count }));
    }
  }
  return { schoolYear: data.schoolYear, level, threshold, tables };
}

const hidden: PublishedCount = { kind: 'hidden' };
function anonymiseCount(row: AnnualRow, threshold: number, isCount: boolean): PublishedCount {
  if (!isCount) return { kind: 'value', value: row.value };
  return row.value > 0 && row.value < threshold ? { kind: 'small' } : { kind: 'value', value: row.value };
}
