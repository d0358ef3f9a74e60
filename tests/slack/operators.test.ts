import { addDays } from 'date-fns';
import { afterEach, describe, expect, it } from 'vitest';
import { weekContaining } from '../../src/domain/iso-week.js';
import { operatorScopeKey } from '../../src/domain/pathway.js';
import { frCase, frOperator, frSettings } from '../../src/i18n/fr.js';
import { actions, intakeBlocks, sheetAnswers } from '../../src/slack/ids.js';
import { caseBlocks as cb } from '../../src/slack/views/case-modals.js';
import { operatorBlocks } from '../../src/slack/views/catalogue-modal.js';
import { sheetBlocks } from '../../src/slack/views/liaison-sheet.js';
import { directChannelOf, type StoredMessage } from '../../src/slack-emulator/emulator.js';
import { computePeriodStats } from '../../src/store/digest-stats.js';
import { canary } from '../support/canary.js';
import { agree, cardAt, opened, openForm, openHome } from '../support/case-flows.js';
import { CHANNELS, cardsIn, intakeForm, parisToday, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const AFEV = operatorScopeKey('AFEV');
const ACTION = 'parrainage-etudiant';

/** A case examined by the team member, the family's agreement covering the AFEV: card at v3. */
async function agreedCase(names: { first: string; last: string; guardian: string }, now?: () => Date) {
  h = await startHarness({ now });
  await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
  const viewId = await h.openIntake(USERS.teacher);
  await h.driver.submitView(
    viewId,
    intakeForm({
      [intakeBlocks.childFirstName]: names.first,
      [intakeBlocks.childLastName]: names.last,
      [intakeBlocks.guardianName]: names.guardian,
    }),
  );
  const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
  await h.driver.clickButton(USERS.team, card, actions.takeCase);
  await cardAt(h, card, 2);
  await agree(h, card, parisToday(), { [cb.scope]: [operatorScopeKey('IEN'), AFEV] });
  return card;
}

async function orientToAfev(card: StoredMessage, version: number) {
  const form = await openForm(h, USERS.team, card, actions.orient);
  await h.driver.submitView(form, { [cb.actions]: [ACTION], [cb.date]: parisToday() });
  await cardAt(h, card, version);
}

/** The coordinator sets the AFEV's channel and referents from `/reperage catalogue`. */
async function configureAfev(referents: string[]) {
  const catalogue = await opened(h, () => h.driver.slashCommand(USERS.coordinator, 'catalogue'));
  const pushes = h.slack.accepted('views.push').length;
  await h.driver.clickInView(USERS.coordinator, catalogue.id, actions.operatorConfigure, AFEV);
  const pushed = await h.slack.waitFor(() => h.slack.accepted('views.push')[pushes], 60_000, 'operator form');
  const viewId = String((pushed.response.view as { id: string }).id);
  // Only a channel the app can post in (its own shared with the association is fine).
  h.slack.appLeaves(CHANNELS.afev);
  const refused = await h.driver.submitView(viewId, { [operatorBlocks.channel]: CHANNELS.afev });
  expect(refused.json?.errors).toEqual({ [operatorBlocks.channel]: frSettings.channelNotMember });
  h.slack.appJoins(CHANNELS.afev);
  const saved = await h.driver.submitView(viewId, {
    [operatorBlocks.channel]: CHANNELS.afev,
    [operatorBlocks.referents]: referents,
  });
  expect(JSON.stringify(saved.json?.view)).toContain(frOperator.operatorSaved('AFEV').slice(0, 30));
}

const sheets = () => h.slack.messagesIn(CHANNELS.afev);
const buttonsOf = (m: StoredMessage | undefined) =>
  ((m?.blocks ?? []) as { type: string; elements?: { action_id: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => e.action_id);

describe('partner operators answer their liaison sheets from Slack', () => {
  it('waits for the channel, posts the sheet once, opens the consented fields to the referent only, takes start and end', async () => {
    const first = canary('Prénom');
    const last = canary('Nom');
    const card = await agreedCase({ first, last, guardian: canary('Mère') });
    await orientToAfev(card, 4);

    // No channel yet: the sheet waits in the outbox, and the référent is told by direct message.
    const told = await h.slack.waitFor(
      () => h.slack.messagesIn(directChannelOf(USERS.team)).find((m) => m.text?.includes('attend')),
      60_000,
      'référent told',
    );
    expect(told.text).toContain('PRE-');
    expect(sheets()).toHaveLength(0);

    await configureAfev([USERS.afev]);
    const events = await h.app.db.prisma.memberEvent.findMany({ where: { role: 'operator_referent' } });
    expect(events.map((e) => [e.slackUserId, e.change, e.institution])).toEqual([[USERS.afev, 'add', AFEV]]);
    const sheet = await h.slack.waitFor(() => sheets()[0], 60_000, 'liaison sheet');
    await h.outboxDrained();
    expect(sheets()).toHaveLength(1);
    const shown = JSON.stringify(sheet.blocks);
    expect(shown).toContain('Réseau étudiant de parrainage');
    expect(shown).toContain(`<@${USERS.team}>`);
    expect(buttonsOf(sheet)).toEqual([actions.sheetView, sheetAnswers.start.button, sheetAnswers.notStarted.button]);

    // Anyone else, the référent included: refused, and each refusal is in the case's access log.
    const refused = await opened(h, () => h.driver.clickButton(USERS.socialWorker, sheet, actions.sheetView));
    expect(refused.text).toContain(frOperator.notReferent.slice(0, 40));
    const answerRefused = await opened(h, () => h.driver.clickButton(USERS.team, sheet, sheetAnswers.start.button));
    expect(answerRefused.text).toContain(frOperator.notReferent.slice(0, 40));

    // The referent says why, then sees what the family agreed to share: first name and contact, not the last name.
    const asked = await opened(h, () => h.driver.clickButton(USERS.afev, sheet, actions.sheetView));
    const fields = await h.driver.submitView(asked.id, { [sheetBlocks.accessReason]: 'contact_family' });
    const fieldsShown = JSON.stringify(fields.json?.view);
    expect(fieldsShown).toContain(first);
    expect(fieldsShown).toContain('06 48 27 93 15');
    expect(fieldsShown).not.toContain(last);
    const log = await h.app.db.prisma.accessLog.findMany({ orderBy: { id: 'asc' } });
    expect(log.map((l) => [l.userId, l.reason, l.granted])).toEqual([
      [USERS.socialWorker, 'operator_refused', false],
      [USERS.team, 'operator_refused', false],
      [USERS.afev, 'operator_contact_family', true],
    ]);

    // Start: the orientation, the card, its thread and the sheet follow.
    const start = await opened(h, () => h.driver.clickButton(USERS.afev, sheet, sheetAnswers.start.button));
    const future = await h.driver.submitView(start.id, { [sheetBlocks.date]: '2099-01-01' });
    expect(future.json?.errors).toEqual({ [sheetBlocks.date]: frCase.modal.futureDate });
    await h.driver.submitView(start.id, { [sheetBlocks.date]: parisToday() });
    await cardAt(h, card, 5);
    expect(JSON.stringify(card.blocks)).toContain('— en cours');
    await h.outboxDrained();
    expect(buttonsOf(sheets()[0])).toEqual([actions.sheetView, sheetAnswers.end.button]);
    expect(h.slack.threadOf(card.channel, card.ts).some((m) => m.text?.includes('a démarré'))).toBe(true);
    // The référent's App Home shows it; the operator's referent sees their own sheets, with no name.
    expect(await openHome(h, USERS.team)).toContain(
      'Réseau étudiant de parrainage — prévention des ruptures scolaires (en cours)',
    );
    const operatorHome = await openHome(h, USERS.afev);
    expect(operatorHome).toContain(frCase.home.operatorSheets);
    expect(operatorHome).toContain('prise en charge en cours');

    // End: attendance, appreciation, and a comment kept encrypted for the référent.
    const end = await opened(h, () =>
      h.driver.clickButton(USERS.afev, sheets()[0] as StoredMessage, sheetAnswers.end.button),
    );
    const missing = await h.driver.submitView(end.id, { [sheetBlocks.date]: parisToday() });
    expect(missing.json?.errors).toEqual({
      [sheetBlocks.attendance]: frCase.modal.required,
      [sheetBlocks.appreciation]: frCase.modal.required,
    });
    await h.driver.submitView(end.id, {
      [sheetBlocks.date]: parisToday(),
      [sheetBlocks.attendance]: 'regular',
      [sheetBlocks.appreciation]: 'partly_achieved',
      [sheetBlocks.comment]: canary('Commentaire'),
    });
    await cardAt(h, card, 6);
    const [orientation] = await h.app.db.prisma.orientation.findMany();
    expect([orientation?.status, orientation?.outcome, orientation?.operatorKey]).toEqual([
      'ended',
      'partly_achieved',
      AFEV,
    ]);
    const comment = await h.app.db.prisma.sensitiveValue.count({
      where: { field: { startsWith: 'operatorComment:' } },
    });
    expect(comment).toBe(1);
    await h.outboxDrained();
    expect(buttonsOf(sheets()[0])).toEqual([]);
    expect(JSON.stringify(sheets()[0]?.blocks)).toContain('assiduité : régulière');
    // The week's figures count the answers, and the delay from orientation to start.
    const current = weekContaining(new Date(), 'Europe/Paris');
    const stats = await computePeriodStats(h.app.db.prisma, {
      audience: 'cellule',
      from: current.start,
      to: current.end,
    });
    expect(stats.orientationOutcomes.map((o) => `${o.key}:${o.count}`).sort()).toEqual([
      expect.stringMatching(/^ended@.+:1$/),
      expect.stringMatching(/^started@.+:1$/),
    ]);
    expect(stats.daysToStart).toEqual({ median: 0, cases: 1 });
    await h.assertNoLeaks();
    h.assertSlackWouldAccept();
  });

  it('revokes at once: a removed referent and a withdrawn agreement are refused, an open modal included', async () => {
    const card = await agreedCase({ first: canary('Prénom'), last: canary('Nom'), guardian: canary('Mère') });
    await configureAfev([USERS.afev]);
    await orientToAfev(card, 4);
    const sheet = await h.slack.waitFor(() => sheets()[0], 60_000, 'liaison sheet');

    // The referent is removed while their form is open: the submission and any new click are refused.
    let asked = await opened(h, () => h.driver.clickButton(USERS.afev, sheet, actions.sheetView));
    await configureAfev([]);
    let answer = await h.driver.submitView(asked.id, { [sheetBlocks.accessReason]: 'contact_family' });
    expect(JSON.stringify(answer.json?.view)).toContain(frOperator.notReferent.slice(0, 40));
    const click = await opened(h, () => h.driver.clickButton(USERS.afev, sheet, sheetAnswers.start.button));
    expect(click.text).toContain(frOperator.notReferent.slice(0, 40));
    const changes = await h.app.db.prisma.memberEvent.findMany({ where: { role: 'operator_referent' } });
    expect(changes.map((e) => e.change)).toEqual(['add', 'remove']);

    // Named again, the referent opens the form; the family withdraws its agreement: the sheet says the orientation
    // stopped, its buttons go, and the open form is refused on submit.
    await configureAfev([USERS.afev]);
    asked = await opened(h, () => h.driver.clickButton(USERS.afev, sheet, actions.sheetView));
    const form = await openForm(h, USERS.team, card, actions.consent);
    await h.driver.submitView(form, { [cb.givenAction]: 'withdraw', [cb.date]: parisToday() });
    await cardAt(h, card, 5);
    await h.outboxDrained();
    expect(buttonsOf(sheets()[0])).toEqual([]);
    expect(JSON.stringify(sheets()[0]?.blocks)).toContain('Orientation arrêtée');
    answer = await h.driver.submitView(asked.id, { [sheetBlocks.accessReason]: 'contact_family' });
    expect(JSON.stringify(answer.json?.view)).toContain(frOperator.closedSheet.slice(0, 30));
    expect(await h.app.db.prisma.accessLog.count({ where: { granted: true } })).toBe(0);
    await h.assertNoLeaks();
    h.assertSlackWouldAccept();
  });

  it('reminds an operator once in the sheet’s thread, then tells the référent once', async () => {
    let clock = new Date();
    const card = await agreedCase(
      { first: canary('Prénom'), last: canary('Nom'), guardian: canary('Mère') },
      () => clock,
    );
    await configureAfev([USERS.afev]);
    await orientToAfev(card, 4);
    const sheet = await h.slack.waitFor(() => sheets()[0], 60_000, 'liaison sheet');
    await h.outboxDrained();
    const reminders = () => h.slack.threadOf(CHANNELS.afev, sheet.ts).filter((m) => m.text?.includes('Rappel'));
    const told = () =>
      h.slack.messagesIn(directChannelOf(USERS.team)).filter((m) => m.text?.includes('n’a pas répondu'));

    clock = addDays(new Date(), 9);
    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(reminders()).toHaveLength(0);

    clock = addDays(new Date(), 11);
    await h.app.jobs.remindPendingConsents();
    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]?.text).toContain('depuis 11 jours');
    expect(told()).toHaveLength(0);

    clock = addDays(new Date(), 22);
    await h.app.jobs.remindPendingConsents();
    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(reminders()).toHaveLength(1);
    expect(told()).toHaveLength(1);
    expect(told()[0]?.text).toContain('Réseau étudiant de parrainage');
    h.assertSlackWouldAccept();
  });
});
