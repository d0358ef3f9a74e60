import { describe, expect, it } from 'vitest';
import { frLists as t } from '../../src/i18n/fr.js';
import { actions, intakeBlocks } from '../../src/slack/ids.js';
import { listBlocks as b } from '../../src/slack/views/lists.js';
import type { SlackEmulator } from '../../src/slack-emulator/emulator.js';
import { intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness, stoppedAfterEach } from '../support/harness.js';

const running = stoppedAfterEach();
let h: Harness | undefined;

const viewText = (id: string) => JSON.stringify(h?.slack.views.get(id)?.view);
/** The list the lists modal shows (its private_metadata). */
const shownList = (id: string) => JSON.parse(String(h?.slack.views.get(id)?.view.private_metadata ?? '{}')).key;

async function opened(method: 'views.open' | 'views.push', before: number, what: string): Promise<string> {
  const s = h?.slack as SlackEmulator;
  const call = await s.waitFor(() => s.accepted(method)[before], 60_000, what);
  return String((call.response.view as { id: string }).id);
}

async function openLists(): Promise<string> {
  const before = h?.slack.accepted('views.open').length ?? 0;
  await h?.driver.slashCommand(USERS.coordinator, 'listes');
  return opened('views.open', before, 'lists modal');
}

/** The options a select of the intake offers, by block. */
async function intakeOptions(block: string): Promise<string[]> {
  const id = (await h?.openIntake(USERS.teacher)) ?? '';
  const blocks = (h?.slack.views.get(id)?.view.blocks ?? []) as {
    block_id?: string;
    element?: { options?: { value: string }[] };
  }[];
  return (blocks.find((x) => x.block_id === block)?.element?.options ?? []).map((o) => o.value);
}

describe('Listes', () => {
  it('lets the coordinator add, change and archive entries: checked, recorded with history, offered at once', async () => {
    h = await startHarness();
    running.harness = h;
    expect((await h.driver.slashCommand(USERS.teacher, 'listes')).json?.text).toBe(t.coordinatorOnly);
    const root = await openLists();
    expect(viewText(root)).toContain('École élémentaire Condorcet');
    expect(viewText(root)).toContain('Élémentaire, REP+');

    // Another list: the same modal shows it.
    await h.driver.selectInView(USERS.coordinator, root, actions.listChoose, 'neighbourhoods');
    await h.slack.waitFor(() => shownList(root) === 'neighbourhoods', 60_000, 'neighbourhoods shown');

    // A new neighbourhood: a QPV code that is not one is refused inline, nothing recorded.
    let before = h.slack.accepted('views.push').length;
    await h.driver.clickInView(USERS.coordinator, root, actions.listEntryAdd, 'neighbourhoods');
    let form = await opened('views.push', before, 'new entry form');
    expect((await h.driver.submitView(form, { [b.label]: 'Le Marcreux', [b.qpv]: 'QPV12' })).json?.errors).toEqual({
      [b.qpv]: t.problem.qpv,
    });
    // A label already offered is refused too: two identical options could not be told apart.
    const taken = h.app.lists.all().neighbourhoods[0]?.label ?? '';
    expect((await h.driver.submitView(form, { [b.label]: taken.toUpperCase(), [b.qpv]: '' })).json?.errors).toEqual({
      [b.label]: t.problem.duplicateLabel(taken),
    });
    expect(await h.app.db.prisma.programmeList.count()).toBe(0);
    const saved = await h.driver.submitView(form, { [b.label]: 'Le Marcreux', [b.qpv]: 'qn09301m' });
    expect(JSON.stringify(saved.json?.view)).toContain(t.saved('Le Marcreux'));
    expect(h.app.lists.all().neighbourhoods.at(-1)).toEqual({
      id: 'le-marcreux',
      label: 'Le Marcreux',
      qpv: 'QN09301M',
    });
    await h.slack.waitFor(() => viewText(root).includes('Le Marcreux'), 60_000, 'the list redrawn');
    expect(await intakeOptions(intakeBlocks.neighbourhood)).toContain('le-marcreux');

    // A school archived: no longer offered to a new referral; a case that has it keeps its words.
    const intake = await h.openIntake(USERS.teacher);
    await h.driver.submitView(intake, intakeForm());
    await h.driver.selectInView(USERS.coordinator, root, actions.listChoose, 'schools');
    await h.slack.waitFor(() => shownList(root) === 'schools', 60_000, 'schools shown');
    before = h.slack.accepted('views.push').length;
    await h.driver.selectInView(USERS.coordinator, root, actions.listEntryChoose, 'elem-condorcet');
    form = await opened('views.push', before, 'school form');
    expect(viewText(form)).toContain('École élémentaire Condorcet');
    const archived = await h.driver.submitView(form, {
      [b.label]: 'École élémentaire Condorcet',
      [b.stage]: 'elementaire',
      [b.education]: 'rep_plus',
      [b.archived]: ['archived'],
    });
    expect(JSON.stringify(archived.json?.view)).toContain(t.archived('École élémentaire Condorcet'));
    expect(await intakeOptions(intakeBlocks.schoolId)).not.toContain('elem-condorcet');
    expect(h.app.lists.all().schools.find((s) => s.id === 'elem-condorcet')?.archived).toBe(true);
    before = h.slack.accepted('views.open').length;
    await h.driver.slashCommand(USERS.coordinator, 'dossiers');
    expect(viewText(await opened('views.open', before, 'case list'))).toContain('École élémentaire Condorcet');

    const history = await h.app.db.prisma.listChange.findMany({ orderBy: { id: 'asc' } });
    expect(history.map((c) => [c.key, c.entryId, c.actorId])).toEqual([
      ['neighbourhoods', 'le-marcreux', USERS.coordinator],
      ['schools', 'elem-condorcet', USERS.coordinator],
    ]);
    expect(history[1]?.before).toMatchObject({ id: 'elem-condorcet' });
    expect(history[1]?.after).toMatchObject({ id: 'elem-condorcet', archived: true });

    // Réglages' history shows them beside the settings' changes, newest first.
    before = h.slack.accepted('views.open').length;
    await h.driver.slashCommand(USERS.coordinator, 'reglages');
    const settings = await opened('views.open', before, 'settings');
    before = h.slack.accepted('views.push').length;
    await h.driver.clickInView(USERS.coordinator, settings, actions.settingsHistory);
    const shown = viewText(await opened('views.push', before, 'history'));
    expect(shown).toContain(`*${t.list.schools}* : « École élémentaire Condorcet » archivée`);
    expect(shown).toContain(`*${t.list.neighbourhoods}* : « Le Marcreux » ajoutée`);
    expect(shown.indexOf('Condorcet')).toBeLessThan(shown.indexOf('Marcreux'));

    // A form drawn before someone else's change does not overwrite it.
    before = h.slack.accepted('views.push').length;
    await h.driver.clickInView(USERS.coordinator, root, actions.listEntryAdd, 'schools');
    const late = await opened('views.push', before, 'a late form');
    await h.app.lists.change(
      [
        {
          key: 'schools',
          entries: [{ id: 'col-nouveau', label: 'Collège nouveau', stage: 'college', education: 'rep' }],
          expectedVersion: 1,
        },
      ],
      USERS.coordinator,
      new Date(),
    );
    const stale = await h.driver.submitView(late, {
      [b.label]: 'École Saint-Just',
      [b.stage]: 'elementaire',
      [b.education]: 'none',
    });
    expect(JSON.stringify(stale.json?.view)).toContain(t.stale);
    expect(h.app.lists.all().schools.some((s) => s.label === 'École Saint-Just')).toBe(false);
  });
});
