import { describe, expect, it } from 'vitest';
import { frOperator, frSettings as t } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { settingBlocks as b } from '../../src/slack/views/settings.js';
import type { SlackEmulator } from '../../src/slack-emulator/emulator.js';
import { CHANNELS, cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness, startSlack, stoppedAfterEach } from '../support/harness.js';

const running = stoppedAfterEach();
let h: Harness | undefined;

const viewText = (id: string) => JSON.stringify(h?.slack.views.get(id)?.view);

async function opened(method: 'views.open' | 'views.push', before: number, what: string): Promise<string> {
  const s = h?.slack as SlackEmulator;
  const call = await s.waitFor(() => s.accepted(method)[before], 60_000, what);
  return String((call.response.view as { id: string }).id);
}

async function openSettings(user: string): Promise<string> {
  const before = h?.slack.accepted('views.open').length ?? 0;
  await h?.driver.slashCommand(user, 'reglages');
  return opened('views.open', before, 'settings modal');
}

async function editForm(root: string, key: string): Promise<string> {
  const before = h?.slack.accepted('views.push').length ?? 0;
  await h?.driver.clickInView(USERS.coordinator, root, actions.settingEdit, key);
  return opened('views.push', before, `the form of ${key}`);
}

describe('Réglages', () => {
  it('lets the coordinator change a delay, checked, recorded with its history and in force at once; nobody else', async () => {
    h = await startHarness();
    running.harness = h;
    expect((await h.driver.slashCommand(USERS.teacher, 'reglages')).json?.text).toBe(t.coordinatorOnly);
    const root = await openSettings(USERS.coordinator);
    // Every setting with its value, its default and, for a number, its bounds.
    for (const label of Object.values(t.label)) expect(viewText(root)).toContain(label);
    expect(viewText(root)).toContain('de 1 jour à 365 jours');
    // The operators' channels and referents, as the catalogue shows them, one click away.
    expect(viewText(root)).toContain(frOperator.operatorsHeader);
    const pushedBefore = h.slack.accepted('views.push').length;
    await h.driver.clickInView(USERS.coordinator, root, actions.operatorConfigure);
    expect(viewText(await opened('views.push', pushedBefore, 'operator'))).toContain(frOperator.channel);

    let form = await editForm(root, 'oralConsentDays');
    expect(viewText(form)).toContain(t.label.oralConsentDays);
    for (const typed of ['400', '0', 'quinze'])
      expect((await h.driver.submitView(form, { [b.value]: typed })).json?.errors).toEqual({
        [b.value]: t.outOfBounds('1 jour à 365 jours'),
      });
    expect(await h.app.db.prisma.programmeSetting.count()).toBe(0);

    const saved = await h.driver.submitView(form, { [b.value]: '21' });
    expect(JSON.stringify(saved.json?.view)).toContain('21 jours');
    expect(h.app.settings.current().oralConsentDays).toBe(21);
    const row = await h.app.db.prisma.programmeSetting.findFirstOrThrow();
    expect(row).toMatchObject({ teamId: 'TPRE0001', key: 'oralConsentDays', value: 21, changedBy: USERS.coordinator });
    // The list under the form shows the value in force.
    await h.slack.waitFor(() => viewText(root).includes('21 jours (modifié)'), 60_000, 'the list redrawn');

    // Two forms open at once (two windows): the second, drawn before the first was saved, does not overwrite it.
    const first = await editForm(root, 'oralConsentDays');
    const second = await editForm(await openSettings(USERS.coordinator), 'oralConsentDays');
    await h.driver.submitView(first, { [b.value]: '30' });
    expect(JSON.stringify((await h.driver.submitView(second, { [b.value]: '25' })).json?.view)).toContain(t.stale);
    expect(h.app.settings.current().oralConsentDays).toBe(30);

    // Back to the installation's default: the row goes, the history keeps it.
    form = await editForm(root, 'oralConsentDays');
    await h.driver.submitView(form, { [b.reset]: ['default'] });
    expect(h.app.settings.current().oralConsentDays).toBe(15);
    expect(await h.app.db.prisma.programmeSetting.count()).toBe(0);
    const history = await h.app.db.prisma.settingChange.findMany({ orderBy: { id: 'asc' } });
    expect(history.map((c) => [c.key, c.before, c.after, c.actorId])).toEqual([
      ['oralConsentDays', null, 21, USERS.coordinator],
      ['oralConsentDays', 21, 30, USERS.coordinator],
      ['oralConsentDays', 30, null, USERS.coordinator],
    ]);
    const before = h.slack.accepted('views.push').length;
    await h.driver.clickInView(USERS.coordinator, root, actions.settingsHistory);
    const shown = viewText(await opened('views.push', before, 'history'));
    expect(shown).toContain(`<@${USERS.coordinator}>`);
    expect(shown).toContain('21 jours → 30 jours');
    expect(shown).toContain('30 jours → 15 jours (par défaut)');

    // Anyone else's click on "Modifier" (the modal's buttons are the coordinator's) opens a refusal.
    const refusedBefore = h.slack.accepted('views.push').length;
    await h.driver.clickInView(USERS.teacher, root, actions.settingEdit, 'minCell');
    const refused = await opened('views.push', refusedBefore, 'refusal');
    expect(viewText(refused)).toContain(t.coordinatorOnly);
  });

  it('accepts a channel only where the app can post, and sends the next card there', async () => {
    const slack = await startSlack({ privateChannels: [CHANNELS.afev] });
    running.slack = slack;
    h = await startHarness({ slack });
    running.harness = h;
    const root = await openSettings(USERS.coordinator);
    const form = await editForm(root, 'celluleChannel');
    // A private channel the app was not invited to: Slack does not show it to the app.
    slack.appLeaves(CHANNELS.afev);
    expect((await h.driver.submitView(form, { [b.value]: CHANNELS.afev })).json?.errors).toEqual({
      [b.value]: t.channelNotFound,
    });
    // A public channel it is not a member of.
    slack.appLeaves(CHANNELS.health);
    expect((await h.driver.submitView(form, { [b.value]: CHANNELS.health })).json?.errors).toEqual({
      [b.value]: t.channelNotMember,
    });
    expect(h.app.settings.current().celluleChannel).toBe(CHANNELS.cellule);
    // Invited: accepted, and the next card goes there.
    slack.appJoins(CHANNELS.afev);
    const saved = await h.driver.submitView(form, { [b.value]: CHANNELS.afev });
    expect(JSON.stringify(saved.json?.view)).toContain(`<#${CHANNELS.afev}>`);
    const viewId = await h.openIntake(USERS.teacher);
    await h.driver.submitView(viewId, intakeForm());
    await slack.waitFor(() => slack?.messagesIn(CHANNELS.afev).length === 1, 60_000, 'the card in the new channel');
    expect(cardsIn(slack).filter((m) => m.channel === CHANNELS.cellule)).toHaveLength(0);
  });
});
