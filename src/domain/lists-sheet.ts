import { AXES, type Axis } from './axes.js';
import { type ActionDetails, type DetailIssue, readDetails } from './catalogue.js';
import {
  EDUCATION_PRIORITIES,
  type EntryFields,
  entriesOf,
  INSTITUTION_KINDS,
  LIST_KEYS,
  type ListEntry,
  type ListKey,
  type ListProblem,
  type Lists,
  listProblem,
  newEntryId,
  readEntry,
  SCHOOL_STAGES,
} from './lists.js';
import { otherNameOf, partnersOf } from './partners.js';

/**
 * The programme's lists and its catalogue as a spreadsheet: one sheet each, one row per entry, the values in words.
 * The coordinator exports it, changes it, sends it back; every row is checked and nothing is applied unless all are
 * right. A row is never a deletion: an entry left out of the file stays as it is; "archivée: oui" archives it.
 */
export type SheetKey = ListKey | 'catalogue';
export const SHEET_KEYS: readonly SheetKey[] = [...LIST_KEYS, 'catalogue'];

export type ColumnKey =
  | 'id'
  | 'label'
  | 'stage'
  | 'education'
  | 'qpv'
  | 'kind'
  | 'axis'
  | 'title'
  | 'operator'
  | 'ageMin'
  | 'ageMax'
  | 'places'
  | 'waitingList'
  | 'funder'
  | 'archived';

/** Each sheet's columns, in order. */
export const SHEET_COLUMNS: Record<SheetKey, readonly ColumnKey[]> = {
  schools: ['id', 'label', 'stage', 'education', 'archived'],
  neighbourhoods: ['id', 'label', 'qpv', 'archived'],
  institutions: ['id', 'label', 'kind', 'archived'],
  'difficulties.schooling': ['id', 'label', 'archived'],
  'difficulties.parenting': ['id', 'label', 'archived'],
  'difficulties.health': ['id', 'label', 'archived'],
  'objectives.schooling': ['id', 'label', 'archived'],
  'objectives.parenting': ['id', 'label', 'archived'],
  'objectives.health': ['id', 'label', 'archived'],
  prestations: ['id', 'label', 'axis', 'archived'],
  catalogue: ['id', 'title', 'axis', 'operator', 'ageMin', 'ageMax', 'places', 'waitingList', 'funder', 'archived'],
};

/** The columns whose cells are one of a few values, and those values. */
export const CHOICES = {
  stage: SCHOOL_STAGES,
  education: EDUCATION_PRIORITIES,
  kind: INSTITUTION_KINDS,
  axis: AXES,
  archived: ['yes', 'no'],
  waitingList: ['yes', 'no'],
} as const;
export type ChoiceColumn = keyof typeof CHOICES;

/** What each choice is called in the file (French words, given by the i18n); a cell may also hold the code. */
export type ChoiceWords = { [C in ChoiceColumn]: Record<(typeof CHOICES)[C][number], string> };

/** A catalogue action as the sheet carries it. */
export interface SheetAction extends ActionDetails {
  id: string;
  axis: Axis;
  title: string;
  operator: string;
  retired: boolean;
}

/** One sheet as plain data: its rows of cells by column (what the workbook file holds, read or to be written). */
export interface SheetData {
  key: SheetKey;
  /** The columns the sheet has (its headers); without them, those its rows fill. */
  columns?: readonly ColumnKey[];
  rows: { line: number; cells: Partial<Record<ColumnKey, string>> }[];
}

/** The lists and the catalogue as sheets, the words of each choice in French. */
export function sheetsOf(lists: Lists, catalogue: readonly SheetAction[], words: ChoiceWords): SheetData[] {
  const yesNo = (v: boolean | undefined) => (v ? words.archived.yes : words.archived.no);
  const sheets: SheetData[] = LIST_KEYS.map((key) => ({
    key,
    rows: entriesOf(lists, key).map((entry, i) => {
      const e = entry as ListEntry &
        Partial<ListEntry<'schools'> & ListEntry<'neighbourhoods'>> &
        Partial<ListEntry<'institutions'> & ListEntry<'prestations'>>;
      return {
        line: i + 2,
        cells: {
          id: e.id,
          label: e.label,
          ...(e.stage ? { stage: words.stage[e.stage] } : {}),
          ...(e.education ? { education: words.education[e.education] } : {}),
          ...(key === 'neighbourhoods' ? { qpv: e.qpv ?? '' } : {}),
          ...(e.kind ? { kind: words.kind[e.kind] } : {}),
          ...(e.axis ? { axis: words.axis[e.axis] } : {}),
          archived: yesNo(e.archived),
        },
      };
    }),
  }));
  sheets.push({
    key: 'catalogue',
    rows: catalogue.map((a, i) => ({
      line: i + 2,
      cells: {
        id: a.id,
        title: a.title,
        axis: words.axis[a.axis],
        operator: a.operator,
        ageMin: a.ageMin === null ? '' : String(a.ageMin),
        ageMax: a.ageMax === null ? '' : String(a.ageMax),
        places: a.places === null ? '' : String(a.places),
        waitingList: yesNo(a.waitingList),
        funder: a.funder ?? '',
        archived: yesNo(a.retired),
      },
    })),
  });
  return sheets;
}

/** Why a row (or a whole sheet) is refused. */
export type RowIssue =
  | { kind: 'missing_column'; column: ColumnKey }
  | { kind: 'required'; column: ColumnKey }
  | { kind: 'too_long'; column: ColumnKey }
  | { kind: 'not_a_choice'; column: ChoiceColumn; value: string }
  | { kind: 'invalid'; column: ColumnKey; value: string }
  | { kind: 'unknown_id'; value: string }
  | { kind: 'duplicate_id'; value: string }
  | { kind: 'detail'; column: ColumnKey; issue: DetailIssue }
  | { kind: 'other_name'; partner: string }
  | { kind: 'list'; problem: ListProblem };

export interface Refusal {
  sheet: SheetKey;
  /** The spreadsheet's line (1: the headers); none for the sheet as a whole. */
  line?: number;
  issue: RowIssue;
}

/** A catalogue change the import makes: an action added, or an existing one changed (retired or offered again). */
export type CatalogueChange =
  | { kind: 'add'; action: Omit<SheetAction, 'retired'> }
  | { kind: 'update'; action: SheetAction; before: SheetAction };

export interface ImportPlan {
  lists: { key: ListKey; entries: ListEntry[]; added: number; changed: number }[];
  catalogue: CatalogueChange[];
}

/** A text without its accents, case or surrounding spaces: how the file's words and names are compared. */
export const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/** A choice's code from its cell: its French words or its code, accents and case aside. */
function choiceOf<C extends ChoiceColumn>(column: C, cell: string, words: ChoiceWords): string | undefined {
  const wanted = folded(cell);
  return CHOICES[column].find((code) => folded(code) === wanted || folded(words[column][code as never]) === wanted);
}

/**
 * Reads the sheets the coordinator sent against the lists and the catalogue in force: every row checked, every
 * refusal kept (a line-by-line report), and the changes to make only when there is none. A sheet absent from the
 * file changes nothing; an entry absent from its sheet stays as it is.
 */
export function planImport(
  sheets: readonly SheetData[],
  current: { lists: Lists; catalogue: readonly SheetAction[] },
  words: ChoiceWords,
): { plan: ImportPlan } | { refusals: Refusal[] } {
  const refusals: Refusal[] = [];
  const plan: ImportPlan = { lists: [], catalogue: [] };
  for (const sheet of sheets) {
    const refuse = (issue: RowIssue, line?: number) =>
      refusals.push({ sheet: sheet.key, issue, ...(line ? { line } : {}) });
    const columns = SHEET_COLUMNS[sheet.key];
    const present = new Set(sheet.columns ?? sheet.rows.flatMap((r) => Object.keys(r.cells)));
    const missing = columns.filter((c) => c !== 'id' && c !== 'archived' && !present.has(c) && sheet.rows.length > 0);
    if (missing.length > 0) {
      for (const column of missing) refuse({ kind: 'missing_column', column });
      continue;
    }
    const seenIds = new Set<string>();
    const cellChoice = <C extends ChoiceColumn>(column: C, cells: SheetData['rows'][number]['cells'], line: number) => {
      const cell = cells[column]?.trim();
      if (!cell) return undefined;
      const code = choiceOf(column, cell, words);
      if (!code) refuse({ kind: 'not_a_choice', column, value: cell }, line);
      return code as (typeof CHOICES)[C][number] | undefined;
    };
    if (sheet.key === 'catalogue') {
      planCatalogue(sheet, current, refuse, cellChoice, seenIds, plan);
      continue;
    }
    const key = sheet.key;
    const before = entriesOf(current.lists, key);
    const entries: ListEntry[] = [...before];
    let added = 0;
    let changed = 0;
    const errorsBefore = refusals.length;
    for (const { line, cells } of sheet.rows) {
      const given = rowId(cells, seenIds, (id) => entries.some((e) => e.id === id));
      if ('issue' in given) {
        refuse(given.issue, line);
        continue;
      }
      const { id } = given;
      const index = id ? entries.findIndex((e) => e.id === id) : -1;
      const refusedBefore = refusals.length;
      const fields: EntryFields = {
        label: cells.label,
        stage: cellChoice('stage', cells, line),
        education: cellChoice('education', cells, line),
        qpv: cells.qpv,
        kind: cellChoice('kind', cells, line),
        axis: cellChoice('axis', cells, line),
        archived: cellChoice('archived', cells, line) === 'yes',
      };
      // A value that is not one of its column's choices was said already: nothing more about this row.
      if (refusals.length > refusedBefore) continue;
      const read = readEntry(key, id ?? newEntryId(cells.label ?? '', entries), fields);
      if ('field' in read) {
        const column = read.field as ColumnKey;
        if (read.issue === 'required') refuse({ kind: 'required', column }, line);
        else if (read.issue === 'too_long') refuse({ kind: 'too_long', column }, line);
        else if (!(column in CHOICES)) refuse({ kind: 'invalid', column, value: cells[column] ?? '' }, line);
        continue;
      }
      if (index < 0) {
        entries.push(read.entry);
        added += 1;
      } else if (JSON.stringify(entries[index]) !== JSON.stringify(read.entry)) {
        entries[index] = read.entry;
        changed += 1;
      }
    }
    if (refusals.length > errorsBefore) continue;
    const problem = listProblem(key, entries);
    if (problem) refuse({ kind: 'list', problem });
    else if (added + changed > 0) plan.lists.push({ key, entries, added, changed });
  }
  return refusals.length > 0 ? { refusals } : { plan };
}

/** A row's id: none (a new entry), or one its sheet has and the file gives once; else why not. */
function rowId(
  cells: SheetData['rows'][number]['cells'],
  seenIds: Set<string>,
  known: (id: string) => boolean,
): { id?: string } | { issue: RowIssue } {
  const id = cells.id?.trim();
  if (!id) return {};
  if (seenIds.has(id)) return { issue: { kind: 'duplicate_id', value: id } };
  seenIds.add(id);
  return known(id) ? { id } : { issue: { kind: 'unknown_id', value: id } };
}

function planCatalogue(
  sheet: SheetData,
  current: { lists: Lists; catalogue: readonly SheetAction[] },
  refuse: (issue: RowIssue, line?: number) => void,
  cellChoice: <C extends ChoiceColumn>(
    column: C,
    cells: SheetData['rows'][number]['cells'],
    line: number,
  ) => (typeof CHOICES)[C][number] | undefined,
  seenIds: Set<string>,
  plan: ImportPlan,
): void {
  const known = partnersOf(
    current.catalogue.map((a) => a.operator),
    current.lists.institutions,
  );
  const taken = [...current.catalogue];
  const changes: CatalogueChange[] = [];
  let refused = false;
  const no = (issue: RowIssue, line: number) => {
    refused = true;
    refuse(issue, line);
  };
  for (const { line, cells } of sheet.rows) {
    const given = rowId(cells, seenIds, (id) => current.catalogue.some((a) => a.id === id));
    if ('issue' in given) {
      no(given.issue, line);
      continue;
    }
    const existing = given.id ? current.catalogue.find((a) => a.id === given.id) : undefined;
    const title = cells.title?.trim() ?? '';
    const operator = cells.operator?.trim() ?? '';
    const axis = cellChoice('axis', cells, line);
    const waiting = cellChoice('waitingList', cells, line);
    const archived = cellChoice('archived', cells, line);
    if (!title) no({ kind: 'required', column: 'title' }, line);
    else if (title.length > 200) no({ kind: 'too_long', column: 'title' }, line);
    if (!operator) no({ kind: 'required', column: 'operator' }, line);
    else if (operator.length > 200) no({ kind: 'too_long', column: 'operator' }, line);
    if (!cells.axis?.trim()) no({ kind: 'required', column: 'axis' }, line);
    if (
      (cells.axis?.trim() && !axis) ||
      (cells.waitingList?.trim() && !waiting) ||
      (cells.archived?.trim() && !archived)
    )
      refused = true;
    const other = operator ? otherNameOf(operator, known) : undefined;
    if (other) no({ kind: 'other_name', partner: other.label }, line);
    // Blank details are none (the file says all of an action): a cell emptied clears its value.
    const read = readDetails({
      ageMin: cells.ageMin,
      ageMax: cells.ageMax,
      places: cells.places,
      waitingList: waiting === 'yes',
      funder: cells.funder,
    });
    if ('field' in read) no({ kind: 'detail', column: read.field, issue: read.issue }, line);
    if (refused || !axis || !title || !operator || 'field' in read) continue;
    const action = { id: existing?.id ?? '', axis, title, operator, ...read.details };
    if (!existing) {
      action.id = newEntryId(title, taken);
      taken.push({ ...action, retired: false });
      changes.push({ kind: 'add', action });
    } else {
      const after: SheetAction = { ...action, retired: archived === 'yes' };
      if (JSON.stringify(sortedKeys(after)) !== JSON.stringify(sortedKeys(existing)))
        changes.push({ kind: 'update', action: after, before: existing });
    }
  }
  if (!refused) plan.catalogue = changes;
}

const sortedKeys = (a: SheetAction) =>
  Object.fromEntries((Object.keys(a) as (keyof SheetAction)[]).sort().map((k) => [k, a[k]]));
