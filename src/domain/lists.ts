import { z } from 'zod';
import { AXES, type Axis } from './axes.js';

// Slack limits the lists must respect, checked when the file is loaded rather than when a modal fails to open:
// a static select shows at most 100 options, a checkbox group at most 10, and an option's text is at most 75 chars.
const id = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'ids use lower-case letters, digits, _ or - (40 at most)');
const label = z.string().min(1).max(75, 'a label is at most 75 characters (Slack option limit)');
/** `archived`: no longer offered for a new choice; old cases and the annual return keep its words. */
const option = z.object({ id, label, archived: z.boolean().optional() });
const uniqueIds = <T extends { id: string }>(items: T[]) => new Set(items.map((i) => i.id)).size === items.length;

export const SCHOOL_STAGES = ['maternelle', 'elementaire', 'college', 'lycee', 'autre'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];

/** A school's éducation prioritaire status, as the State's annual survey counts it. */
export const EDUCATION_PRIORITIES = ['rep_plus', 'rep', 'none'] as const;
export type EducationPriority = (typeof EDUCATION_PRIORITIES)[number];

/** Kinds of institution a referral comes from (the annual survey's "origine du repérage"). */
export const INSTITUTION_KINDS = [
  'education',
  'city',
  'department',
  'justice',
  'caf',
  'care',
  'association',
  'pre',
  'other',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** A quartier prioritaire de la politique de la ville's code. */
export const QPV_CODE = /^QN\d{5}[A-Z]$/;

/**
 * Each editable list: one entry's shape, and how many entries may be offered at once (Slack's limits: a static
 * select shows at most 100 options, the intake adds "autre" / "non renseigné" to schools and neighbourhoods; a
 * checkbox group at most 10). Archived entries are kept without limit but for MAX_ENTRIES.
 */
export const LIST_ENTRIES = {
  schools: {
    entry: option.extend({ stage: z.enum(SCHOOL_STAGES), education: z.enum(EDUCATION_PRIORITIES) }),
    active: 99,
  },
  /** Each neighbourhood's QPV (its code), or null outside any QPV. */
  neighbourhoods: {
    entry: option.extend({ qpv: z.string().regex(QPV_CODE, 'a QPV code looks like QN09301M').nullable() }),
    active: 99,
  },
  institutions: { entry: option.extend({ kind: z.enum(INSTITUTION_KINDS) }), active: 100 },
  'difficulties.schooling': { entry: option, active: 10 },
  'difficulties.parenting': { entry: option, active: 10 },
  'difficulties.health': { entry: option, active: 10 },
  /** The parcours' objectives by axis (level 2 labels; a level-1 detail may be added per case). */
  'objectives.schooling': { entry: option, active: 30 },
  'objectives.parenting': { entry: option, active: 30 },
  'objectives.health': { entry: option, active: 30 },
  /**
   * Kinds of prestation individuelle (a service bought for one child when no catalogue action fits), each on the
   * axis it answers.
   */
  prestations: { entry: option.extend({ axis: z.enum(AXES) }), active: 100 },
} as const;

export type ListKey = keyof typeof LIST_ENTRIES;
export const LIST_KEYS = Object.keys(LIST_ENTRIES) as ListKey[];
export type ListEntry<K extends ListKey = ListKey> = z.infer<(typeof LIST_ENTRIES)[K]['entry']>;

/** Entries kept in one list, archived ones included. */
export const MAX_ENTRIES = 500;

/** One list: unique ids, at least one entry offered, no more offered than Slack shows. */
export function entryListSchema<K extends ListKey>(key: K) {
  const { entry, active } = LIST_ENTRIES[key];
  return z
    .array(entry as (typeof LIST_ENTRIES)[K]['entry'])
    .max(MAX_ENTRIES, `at most ${MAX_ENTRIES} entries, archived ones included`)
    .refine(uniqueIds, 'duplicate ids')
    .refine((items) => items.some((i) => !i.archived), 'at least one entry not archived')
    .refine(
      (items) => items.filter((i) => !i.archived).length <= active,
      `at most ${active} entries not archived (Slack limit)`,
    );
}

const byAxis = (kind: 'difficulties' | 'objectives') =>
  z.object({
    schooling: entryListSchema(`${kind}.schooling`),
    parenting: entryListSchema(`${kind}.parenting`),
    health: entryListSchema(`${kind}.health`),
  });

export const listsSchema = z.object({
  schools: entryListSchema('schools'),
  neighbourhoods: entryListSchema('neighbourhoods'),
  institutions: entryListSchema('institutions'),
  difficulties: byAxis('difficulties'),
  objectives: byAxis('objectives'),
  prestations: entryListSchema('prestations'),
  /**
   * The notice the referrer hands to the family (issue 27): the programme's contact, and where the town's own notice
   * (a PDF) is published, if it is. The app's short notice, in French, says the rest.
   */
  familyNotice: z
    .object({
      contact: z.string().min(1).max(300),
      url: z.url({ protocol: /^https$/, error: 'the notice’s address must be an https:// link' }).optional(),
    })
    .optional(),
});

export type Lists = z.infer<typeof listsSchema>;

/** The difficulty ids of each axis: the intake's signs of fragility, as the digests count them. */
export function difficultyIds(lists: Lists): Record<Axis, string[]> {
  return {
    schooling: lists.difficulties.schooling.map((x) => x.id),
    parenting: lists.difficulties.parenting.map((x) => x.id),
    health: lists.difficulties.health.map((x) => x.id),
  };
}

/** Ids of the choices the modal adds to the configurable lists. */
export const OTHER_SCHOOL = 'autre';
export const UNKNOWN_NEIGHBOURHOOD = 'non_renseigne';

/** One list's entries, archived ones included. */
export function entriesOf<K extends ListKey>(lists: Lists, key: K): ListEntry<K>[] {
  const [group, axis] = key.split('.') as [string, Axis | undefined];
  if (group === 'difficulties' || group === 'objectives') return lists[group][axis as Axis] as ListEntry<K>[];
  return lists[group as 'schools' | 'neighbourhoods' | 'institutions' | 'prestations'] as ListEntry<K>[];
}

/** The lists with one of them replaced. */
export function withEntries<K extends ListKey>(lists: Lists, key: K, entries: ListEntry<K>[]): Lists {
  const [group, axis] = key.split('.') as [string, Axis | undefined];
  if (group === 'difficulties' || group === 'objectives')
    return { ...lists, [group]: { ...lists[group], [axis as Axis]: entries } };
  return { ...lists, [group]: entries };
}

/** The entries a new choice may take: every list without its archived entries. */
export function activeLists(lists: Lists): Lists {
  let active = lists;
  for (const key of LIST_KEYS)
    active = withEntries(
      active,
      key,
      entriesOf(lists, key).filter((e) => !e.archived),
    );
  return active;
}

/**
 * The lists in force: each list recorded from Slack (Réglages) over the installation's file. A recorded list that no
 * longer parses is ignored (the file's stays in force) and named, for the log.
 */
export function listsInForce(
  defaults: Lists,
  rows: readonly { key: string; entries: unknown }[],
): { lists: Lists; ignored: string[] } {
  let lists = defaults;
  const ignored: string[] = [];
  for (const row of rows) {
    // The reflection groups are recorded beside the lists (domain/groups.ts).
    if (row.key === 'groups') continue;
    const key = LIST_KEYS.find((k) => k === row.key);
    const parsed = key ? entryListSchema(key).safeParse(row.entries) : undefined;
    if (key && parsed?.success) lists = withEntries(lists, key, parsed.data);
    else ignored.push(row.key);
  }
  return { lists, ignored };
}

/** The id a new entry takes: its label's letters, made unique in its list. */
export function newEntryId(label: string, taken: readonly { id: string }[]): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 36) || 'entree';
  let id = base;
  for (let i = 2; taken.some((e) => e.id === id); i += 1) id = `${base}-${i}`;
  return id;
}

/** Why a list's new entries cannot be recorded. */
export type ListProblem =
  | { kind: 'duplicate_label'; label: string }
  | { kind: 'too_many_active'; max: number }
  | { kind: 'none_active' }
  | { kind: 'too_many_entries' };

/**
 * Checks a list as it would be recorded: labels unique among the entries offered (two "Collège Péri" in a select
 * cannot be told apart), the Slack limits, at least one entry offered.
 */
export function listProblem<K extends ListKey>(key: K, entries: readonly ListEntry<K>[]): ListProblem | undefined {
  const active = entries.filter((e) => !e.archived);
  // The label reported is the one already there (a new entry comes last).
  const seen = new Map<string, string>();
  for (const e of active) {
    const folded = e.label.trim().toLocaleLowerCase('fr');
    const first = seen.get(folded);
    if (first !== undefined) return { kind: 'duplicate_label', label: first };
    seen.set(folded, e.label);
  }
  if (active.length === 0) return { kind: 'none_active' };
  if (active.length > LIST_ENTRIES[key].active) return { kind: 'too_many_active', max: LIST_ENTRIES[key].active };
  if (entries.length > MAX_ENTRIES) return { kind: 'too_many_entries' };
  return undefined;
}

/** The objectives a parcours' form offers: those not archived, and the archived ones this parcours already has. */
export function offeredObjectives(
  all: Lists,
  current: readonly { axis: Axis; labelId: string }[],
): Lists['objectives'] {
  const keep = (axis: Axis) =>
    all.objectives[axis].filter((o) => !o.archived || current.some((c) => c.axis === axis && c.labelId === o.id));
  return { schooling: keep('schooling'), parenting: keep('parenting'), health: keep('health') };
}

/** The fields of an entry as a form or a spreadsheet's row gives them (text, before any check). */
export interface EntryFields {
  label?: string;
  stage?: string;
  education?: string;
  qpv?: string;
  kind?: string;
  axis?: string;
  archived?: boolean;
}

export type EntryField = keyof EntryFields;

/**
 * An entry of list `key` read from its fields (its id given: the existing one's, or a new one), or the first field
 * that does not fit and why ('required', 'too_long', 'invalid').
 */
export function readEntry<K extends ListKey>(
  key: K,
  id: string,
  fields: EntryFields,
): { entry: ListEntry<K> } | { field: EntryField; issue: 'required' | 'too_long' | 'invalid' } {
  const raw: Record<string, unknown> = { id, label: fields.label?.trim() ?? '' };
  if (key === 'schools') Object.assign(raw, { stage: fields.stage, education: fields.education });
  if (key === 'neighbourhoods') raw.qpv = fields.qpv?.trim().toUpperCase() || null;
  if (key === 'institutions') raw.kind = fields.kind;
  if (key === 'prestations') raw.axis = fields.axis;
  if (fields.archived) raw.archived = true;
  const parsed = LIST_ENTRIES[key].entry.safeParse(raw);
  if (parsed.success) return { entry: parsed.data as ListEntry<K> };
  const issue = parsed.error.issues[0];
  const field = (issue?.path[0] === 'id' ? 'label' : String(issue?.path[0] ?? 'label')) as EntryField;
  const value = raw[field];
  return {
    field,
    issue: value === undefined || value === '' ? 'required' : issue?.code === 'too_big' ? 'too_long' : 'invalid',
  };
}

/** What a recorded change did to an entry (or a group), for the history. */
export type EntryChangeKind = 'added' | 'archived' | 'restored' | 'changed';

export function entryChangeKind(before: unknown, after: unknown): EntryChangeKind {
  const archived = (v: unknown) =>
    typeof v === 'object' && v !== null && (v as { archived?: unknown }).archived === true;
  if (before === undefined || before === null) return 'added';
  if (archived(after) && !archived(before)) return 'archived';
  if (archived(before) && !archived(after)) return 'restored';
  return 'changed';
}
