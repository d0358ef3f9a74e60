import { describe, expect, it } from 'vitest';
import { frDigest, frSettings as t } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { groupBlocks as b } from '../../src/slack/views/settings.js';
import { CHANNELS, cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness, stoppedAfterEach } from '../support/harness.js';
import { createTestDatabase } from '../support/test-db.js';

const running = stoppedAfterEach();
let h: Harness | undefined;

const sundayW45 = new Date('2026-11-08T11:00:00Z');
const wednesdayW46 = new Date('2026-11-11T11:00:00Z');
const mondayAfter = new Date('2026-11-16T09:30:00Z');
const EARLY_CHILDHOOD = CHANNELS.earlyChildhood;

const viewText = (id: string) => JSON.stringify(h?.slack.views.get(id)?.view);

async function pushedAfter(click: () => Promise<unknown>): Promise<string> {
  const slack = h?.slack;
  if (!slack) throw new Error('no harness');
  const before = slack.accepted('views.push').length;
  await click();
  const call = await slack.waitFor(() => slack.accepted('views.push')[before], 60_000, 'a pushed view');
  return String((call.response.view as { id: string }).id);
}

describe('reflection groups beyond the three', () => {
  it('adds a group with its axes and channel, checked; it receives the digests of the axes it follows', async () => {
    const database = await createTestDatabase();
    running.database = database;
    let clock = sundayW45;
    h = await startHarness({ database, now: () => clock });
    running.harness = h;
    const harness = h;
    const opened = harness.slack.accepted('views.open').length;
    await harness.driver.slashCommand(USERS.coordinator, 'reglages');
    const call = await harness.slack.waitFor(() => harness.slack.accepted('views.open')[opened], 60_000, 'settings');
    const root = String((call.response.view as { id: string }).id);
    expect(viewText(root)).toContain(t.groups.none);

    const form = await pushedAfter(() => harness.driver.clickInView(USERS.coordinator, root, actions.groupAdd));
    // Its channel must be one the app can post in.
    harness.slack.appLeaves(EARLY_CHILDHOOD);
    const group = { [b.name]: 'Petite enfance', [b.axes]: ['parenting', 'health'], [b.channel]: EARLY_CHILDHOOD };
    expect((await harness.driver.submitView(form, { ...group, [b.axes]: [] })).json?.errors).toEqual({
      [b.axes]: 'Ce champ est obligatoire.',
    });
    expect((await harness.driver.submitView(form, group)).json?.errors).toEqual({ [b.channel]: t.channelNotMember });
    expect(harness.app.lists.groups()).toEqual([]);
    harness.slack.appJoins(EARLY_CHILDHOOD);
    const saved = await harness.driver.submitView(form, group);
    expect(JSON.stringify(saved.json?.view)).toContain(t.groups.saved('Petite enfance'));
    expect(harness.app.lists.groups()).toEqual([
      { id: 'petite-enfance', name: 'Petite enfance', axes: ['parenting', 'health'], channel: EARLY_CHILDHOOD },
    ]);
    await harness.slack.waitFor(() => viewText(root).includes(`<#${EARLY_CHILDHOOD}>`), 60_000, 'Réglages redrawn');
    expect(await harness.app.db.prisma.listChange.findFirstOrThrow()).toMatchObject({
      key: 'groups',
      entryId: 'petite-enfance',
      actorId: USERS.coordinator,
    });
    // Two groups of one name could not be told apart.
    const second = await pushedAfter(() => harness.driver.clickInView(USERS.coordinator, root, actions.groupAdd));
    expect(
      (await harness.driver.submitView(second, { ...group, [b.name]: 'petite ENFANCE', [b.axes]: ['schooling'] })).json
        ?.errors,
    ).toEqual({ [b.name]: t.groups.nameTaken });

    clock = wednesdayW46;
    for (let i = 0; i < 2; i += 1) {
      const viewId = await harness.openIntake(USERS.teacher);
      await harness.driver.submitView(viewId, intakeForm({}, wednesdayW46));
    }
    await harness.slack.waitFor(() => cardsIn(harness.slack).length === 2, 60_000, 'cards');
    await harness.stop();

    // The week's digests: the group's channel gets those of parenting and health, the very ones their groups get.
    h = await startHarness({ database, now: () => mondayAfter });
    running.harness = h;
    const after = h;
    const digests = (channel: string) =>
      after.slack.messagesIn(channel).filter((m) => (m.text ?? '').startsWith('Synthèse hebdomadaire'));
    await after.slack.waitFor(() => digests(EARLY_CHILDHOOD).length === 2, 60_000, 'the group’s digests');
    await after.slack.waitFor(() => digests(CHANNELS.health).length === 1, 60_000, 'health digest');
    const texts = digests(EARLY_CHILDHOOD).map((m) => JSON.stringify(m.blocks));
    expect(texts.some((x) => x.includes(frDigest.title(frDigest.audience.health)))).toBe(true);
    expect(texts.some((x) => x.includes(frDigest.title(frDigest.audience.parenting)))).toBe(true);
    expect(texts).toContain(JSON.stringify(digests(CHANNELS.health)[0]?.blocks));
    expect(texts.some((x) => x.includes(frDigest.title(frDigest.audience.schooling)))).toBe(false);
  });
});
