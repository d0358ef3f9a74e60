import { addDays } from 'date-fns';
import { afterEach, describe, expect, it } from 'vitest';
import { fr, frCase } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { caseBlocks as cb } from '../../src/slack/views/case-modals.js';
import { cardAt, openForm, openHome } from '../support/case-flows.js';
import { cardsIn, parisToday, preReferralForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

let clock = new Date();

/** A situation à examiner (the family informed, not agreeing yet), taken, the family's agreement asked by letter. */
async function caseWithConsentRequested() {
  clock = new Date();
  h = await startHarness({ now: () => clock });
  await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
  const viewId = await h.openIntake(USERS.teacher, 'informed');
  await h.driver.submitView(viewId, preReferralForm());
  const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
  await h.driver.clickButton(USERS.team, card, actions.takeCase);
  await h.slack.waitFor(() => JSON.stringify(card.blocks).includes('@2"'), 60_000, 'card v2');
  const before = h.slack.accepted('views.open').length;
  await h.driver.clickButton(USERS.team, card, actions.consent);
  const call = await h.slack.waitFor(() => h.slack.accepted('views.open')[before], 60_000, 'consent form');
  const today = parisToday(clock);
  await h.driver.submitView(String((call.response.view as { id: string }).id), {
    [cb.channel]: 'letter',
    [cb.date]: today,
  });
  return (await h.app.db.prisma.referral.findFirstOrThrow()).reference;
}

describe('App Home, timeline and reminders', () => {
  it('shows a team member their cases and pending consents, and a referrer the status of their referrals', async () => {
    const reference = await caseWithConsentRequested();
    const team = await openHome(h, USERS.team);
    expect(team).toContain(frCase.home.assigned);
    expect(team).toContain(frCase.home.awaitingConsent);
    expect(team.split(reference).length - 1).toBe(2); // in "assigned" and in "awaiting consent"
    clock = addDays(clock, 31);
    const later = await openHome(h, USERS.team);
    expect(later.split(reference).length - 1).toBe(3); // now also idle for 30 days
    const teacher = await openHome(h, USERS.teacher);
    expect(teacher).toContain(frCase.home.referred);
    expect(teacher).toContain(reference);
    // The referrer sees the step only (examined), not the pathway's detail.
    expect(teacher).toContain(frCase.home.referrerStep.examined);
    expect(teacher).not.toContain(fr.status.in_analysis);
    expect(teacher).not.toContain(frCase.home.assigned);
  });

  it('/reperage dossier shows the level-2 history to the team, the four steps to the referrer, and refuses others', async () => {
    const reference = await caseWithConsentRequested();
    const res = await h.driver.slashCommand(USERS.team, `dossier ${reference.toLowerCase()}`);
    const text = String(res.json?.text);
    expect(res.json?.response_type).toBe('ephemeral');
    expect(text).toContain(frCase.timeline.header(reference));
    expect(text).toContain(frCase.timeline.referred);
    expect(text).toContain(frCase.line.take);
    expect(text).toContain('courrier');
    expect(text).toContain(`<@${USERS.team}>`);
    // Another team member, not on the case: weeks and roles, never a day or a person (need to know).
    await h.app.db.prisma.member.create({ data: { slackUserId: 'UTEAM0002', roles: ['team'] } });
    const outside = String((await h.driver.slashCommand('UTEAM0002', `dossier ${reference}`)).json?.text);
    expect(outside).toContain(frCase.timeline.coarseHeader(reference));
    expect(outside).toContain(`${frCase.timeline.actor.referrer} ${frCase.timeline.referred}`);
    expect(outside).toContain(`${frCase.timeline.actor.team} ${frCase.line.take}`);
    expect(outside).toContain('courrier');
    expect(outside).not.toContain('<@');
    expect(outside).not.toMatch(/ le \d\d\/\d\d\/\d{4}/);
    expect(outside.match(/semaine du \d\d\/\d\d\/\d{4}/g)?.length).toBeGreaterThanOrEqual(4);
    // The referrer is outside shared professional secrecy: the steps they are told of, not the history.
    const steps = String((await h.driver.slashCommand(USERS.teacher, `dossier ${reference}`)).json?.text);
    expect(steps).toContain(frCase.timeline.stepsHeader(reference));
    expect(steps).toContain(frCase.timeline.step.examined);
    expect(steps).not.toContain('courrier');
    expect((await h.driver.slashCommand(USERS.group, `dossier ${reference}`)).json?.text).toBe(
      frCase.rejection.not_allowed,
    );
    expect((await h.driver.slashCommand(USERS.team, 'dossier PRE-1999-0001')).json?.text).toBe(frCase.notFound);
    expect((await h.driver.slashCommand(USERS.team, 'dossier')).json?.text).toBe(frCase.timeline.usage);
  });

  it('reminds the assignee once when the family has not answered after 14 days', async () => {
    const reference = await caseWithConsentRequested();
    const dm = `D${USERS.team.slice(1)}`;
    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(h.slack.messagesIn(dm)).toHaveLength(0);
    clock = addDays(clock, 15);
    await h.app.jobs.remindPendingConsents();
    await h.app.jobs.remindPendingConsents();
    h.app.dispatcher.kick();
    const reminder = await h.slack.waitFor(() => h.slack.messagesIn(dm)[0], 60_000, 'reminder');
    expect(reminder.text).toBe(frCase.reminder(reference, 15));
    await h.outboxDrained();
    expect(h.slack.messagesIn(dm)).toHaveLength(1);
  });

  it('reminds the coordinators instead when the assignee has left the team', async () => {
    const reference = await caseWithConsentRequested();
    await h.app.db.prisma.member.update({ where: { slackUserId: USERS.team }, data: { roles: [] } });
    clock = addDays(clock, 15);
    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(h.slack.messagesIn(`D${USERS.team.slice(1)}`)).toHaveLength(0);
    const toCoordinator = h.slack.messagesIn(`D${USERS.coordinator.slice(1)}`);
    expect(toCoordinator.map((m) => m.text)).toEqual([frCase.reminder(reference, 15)]);
  });
});

describe('where things are waiting', () => {
  it('shows the cellule what awaits examination, oldest first with its age, and a refusal as a closure proposed', async () => {
    clock = new Date();
    h = await startHarness({ now: () => clock });
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const viewId = await h.openIntake(USERS.teacher, 'informed');
    await h.driver.submitView(viewId, preReferralForm());
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    const { reference } = await h.app.db.prisma.referral.findFirstOrThrow();
    clock = addDays(clock, 3);
    let home = await openHome(h, USERS.team);
    expect(home).toContain(frCase.home.toExamine);
    expect(home).toContain(frCase.home.waiting(3));
    // The list leads to the card: its reference is a link to it.
    await h.outboxDrained();
    home = await openHome(h, USERS.team);
    const { cardPermalink } = await h.app.db.prisma.referral.findFirstOrThrow();
    expect(cardPermalink).toBeTruthy();
    expect(home).toContain(`<${cardPermalink}|${reference}>`);

    // Examined, agreement asked, refused: the case leaves the active lists, its closure proposed.
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    const today = parisToday(clock);
    let form = await openForm(h, USERS.team, card, actions.consent);
    await h.driver.submitView(form, { [cb.channel]: 'letter', [cb.date]: today });
    await cardAt(h, card, 3);
    form = await openForm(h, USERS.team, card, actions.consent);
    await h.driver.submitView(form, { [cb.answer]: 'refused', [cb.date]: today, [cb.refusalCode]: 'no_need_felt' });
    await cardAt(h, card, 4);
    home = await openHome(h, USERS.team);
    expect(home).toContain(frCase.home.closureProposed);
    const assignedSection = home.split(frCase.home.assigned)[1]?.split('"header"')[0] ?? '';
    expect(assignedSection).not.toContain(reference);
  });
});
