import { describe, expect, it } from 'vitest';
import { readDetails } from '../../src/domain/catalogue.js';
import { groupsFollowing, groupsSchema, nameTaken } from '../../src/domain/groups.js';
import {
  activeLists,
  entriesOf,
  listProblem,
  listsInForce,
  newEntryId,
  offeredObjectives,
  readEntry,
} from '../../src/domain/lists.js';
import { planImport, type SheetAction, sheetsOf } from '../../src/domain/lists-sheet.js';
import { loadLists } from '../../src/lists-file.js';
import { CHOICE_WORDS } from '../../src/use-cases/lists-spreadsheet.js';

const file = loadLists('config/lists.json');
const action: SheetAction = {
  id: 'clubs-lecture',
  axis: 'schooling',
  title: 'Clubs lecture',
  operator: 'AFEV',
  ageMin: 6,
  ageMax: 11,
  places: 12,
  waitingList: false,
  funder: null,
  retired: false,
};

describe('the programme’s lists', () => {
  it('keep archived entries for old words and leave them out of new choices', () => {
    const lists = listsInForce(file, [
      {
        key: 'schools',
        entries: entriesOf(file, 'schools').map((s, i) => (i === 0 ? { ...s, archived: true } : s)),
      },
    ]).lists;
    expect(entriesOf(lists, 'schools')).toHaveLength(file.schools.length);
    expect(activeLists(lists).schools).toHaveLength(file.schools.length - 1);
    expect(activeLists(lists).schools.some((s) => s.id === file.schools[0]?.id)).toBe(false);
  });

  it('ignore a recorded list that no longer parses, and name it', () => {
    const { lists, ignored } = listsInForce(file, [
      { key: 'schools', entries: [{ id: 'x', label: '' }] },
      { key: 'nope', entries: [] },
    ]);
    expect(lists.schools).toEqual(file.schools);
    expect(ignored).toEqual(['schools', 'nope']);
  });

  it('refuse a label offered twice, more than Slack shows, or nothing offered', () => {
    const difficulties = entriesOf(file, 'difficulties.health');
    expect(
      listProblem('difficulties.health', [
        ...difficulties,
        { id: 'new', label: difficulties[0]?.label.toUpperCase() ?? '' },
      ]),
    ).toEqual({
      kind: 'duplicate_label',
      label: difficulties[0]?.label,
    });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ id: `d${i}`, label: `Difficulté ${i}` }));
    expect(listProblem('difficulties.health', eleven)).toEqual({ kind: 'too_many_active', max: 10 });
    expect(
      listProblem('difficulties.health', [...eleven.slice(0, 10), { ...eleven[10], archived: true } as never]),
    ).toBeUndefined();
    expect(
      listProblem(
        'difficulties.health',
        difficulties.map((d) => ({ ...d, archived: true })),
      ),
    ).toEqual({ kind: 'none_active' });
  });

  it('read an entry field by field, and give new ids from labels', () => {
    expect(readEntry('neighbourhoods', 'x', { label: ' Le Marcreux ', qpv: 'qn09301m' })).toEqual({
      entry: { id: 'x', label: 'Le Marcreux', qpv: 'QN09301M' },
    });
    expect(readEntry('neighbourhoods', 'x', { label: 'A', qpv: 'Q1' })).toEqual({ field: 'qpv', issue: 'invalid' });
    expect(readEntry('schools', 'x', { label: 'A', education: 'rep' })).toEqual({ field: 'stage', issue: 'required' });
    expect(readEntry('schools', 'x', { label: 'A'.repeat(76), stage: 'college', education: 'rep' })).toEqual({
      field: 'label',
      issue: 'too_long',
    });
    expect(newEntryId('École Jean-Macé', [{ id: 'ecole-jean-mace' }])).toBe('ecole-jean-mace-2');
  });

  it('offer a parcours the archived objectives it already has, and no others', () => {
    const archivedId = file.objectives.health[0]?.id ?? '';
    const lists = listsInForce(file, [
      {
        key: 'objectives.health',
        entries: file.objectives.health.map((o, i) => (i === 0 ? { ...o, archived: true } : o)),
      },
    ]).lists;
    expect(offeredObjectives(lists, []).health.some((o) => o.id === archivedId)).toBe(false);
    expect(
      offeredObjectives(lists, [{ axis: 'health', labelId: archivedId }]).health.some((o) => o.id === archivedId),
    ).toBe(true);
  });
});

describe('the catalogue’s details', () => {
  it('take ages within 2–16 the right way round, whole places, and keep what a blank leaves', () => {
    expect(readDetails({ ageMin: '6', ageMax: '11', places: '12', funder: 'Ville' })).toEqual({
      details: { ageMin: 6, ageMax: 11, places: 12, waitingList: false, funder: 'Ville' },
    });
    expect(readDetails({ ageMin: '1' })).toEqual({ field: 'ageMin', issue: 'age' });
    expect(readDetails({ ageMin: '12', ageMax: '8' })).toEqual({ field: 'ageMax', issue: 'age_order' });
    expect(readDetails({ places: '3,5' })).toEqual({ field: 'places', issue: 'places' });
    expect(readDetails({ places: '' }, action)).toEqual({
      details: { ageMin: 6, ageMax: 11, places: 12, waitingList: false, funder: null },
    });
  });
});

describe('the lists as a spreadsheet', () => {
  it('read back what they export as no change', () => {
    const sheets = sheetsOf(file, [action], CHOICE_WORDS);
    expect(planImport(sheets, { lists: file, catalogue: [action] }, CHOICE_WORDS)).toEqual({
      plan: { lists: [], catalogue: [] },
    });
  });

  it('apply nothing when one row is wrong, and say every wrong row', () => {
    const sheets = sheetsOf(file, [action], CHOICE_WORDS);
    const schools = sheets.find((s) => s.key === 'schools');
    schools?.rows.push(
      { line: 100, cells: { label: 'Collège Nouveau', stage: 'Collège', education: 'REP' } },
      { line: 101, cells: { label: 'Collège Faux', stage: 'Lycée pro', education: 'REP' } },
    );
    const catalogue = sheets.find((s) => s.key === 'catalogue');
    if (catalogue?.rows[0])
      catalogue.rows[0].cells.operator = 'Association de la Fondation Étudiante pour la Ville (AFEV)';
    const result = planImport(sheets, { lists: file, catalogue: [action] }, CHOICE_WORDS);
    expect(result).toEqual({
      refusals: [
        { sheet: 'schools', line: 101, issue: { kind: 'not_a_choice', column: 'stage', value: 'Lycée pro' } },
        { sheet: 'catalogue', line: 2, issue: { kind: 'other_name', partner: 'AFEV' } },
      ],
    });
  });

  it('add, change and archive; accents and case aside in the words; an entry left out stays', () => {
    const sheets = sheetsOf(file, [action], CHOICE_WORDS);
    const schools = sheets.find((s) => s.key === 'schools');
    if (!schools) throw new Error('no schools sheet');
    schools.rows = [
      { line: 2, cells: { ...schools.rows[0]?.cells, archived: 'OUI' } },
      { line: 3, cells: { label: 'Collège Nouveau', stage: 'college', education: 'rep+' } },
    ];
    const result = planImport(sheets, { lists: file, catalogue: [action] }, CHOICE_WORDS);
    if (!('plan' in result)) throw new Error(JSON.stringify(result));
    const [plan] = result.plan.lists;
    expect(plan).toMatchObject({ key: 'schools', added: 1, changed: 1 });
    expect(plan?.entries).toHaveLength(file.schools.length + 1);
    expect(plan?.entries[0]).toMatchObject({ id: file.schools[0]?.id, archived: true });
    expect(plan?.entries.at(-1)).toEqual({
      id: 'college-nouveau',
      label: 'Collège Nouveau',
      stage: 'college',
      education: 'rep_plus',
    });
  });
});

describe('reflection groups', () => {
  it('receive the digests of the axes they follow, archived ones none; names tell them apart', () => {
    const groups = groupsSchema.parse([
      { id: 'a', name: 'Petite enfance', axes: ['parenting', 'health'], channel: 'CPETITE01' },
      { id: 'b', name: 'Collège', axes: ['schooling'], channel: 'CCOLL0001', archived: true },
    ]);
    expect(groupsFollowing(groups, 'health').map((g) => g.id)).toEqual(['a']);
    expect(groupsFollowing(groups, 'schooling')).toEqual([]);
    expect(nameTaken(groups, ' petite ENFANCE')).toBe(true);
    expect(nameTaken(groups, 'Petite enfance', 'a')).toBe(false);
    expect(groupsSchema.safeParse([{ id: 'c', name: 'X', axes: ['health', 'health'], channel: 'C123' }]).success).toBe(
      false,
    );
  });
});
