import { afterEach, describe, expect, it } from 'vitest';
import { fr, frCase, frPeople } from '../../src/i18n/fr.js';
import { actions, intakeBlocks as b } from '../../src/slack/ids.js';
import { caseBlocks as cb } from '../../src/slack/views/case-modals.js';
import { peopleBlocks } from '../../src/slack/views/case-people.js';
import { ACCESS_REASON_BLOCK } from '../../src/slack/views/modals.js';
import { canary, plantDate } from '../support/canary.js';
import { agree, cardAt, opened } from '../support/case-flows.js';
import {
  agreementAnswer,
  birthDateOfNineYearOld,
  cardsIn,
  intakeForm,
  parisToday,
  preReferralForm,
  USERS,
} from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const dm = (userId: string) => `D${userId.slice(1)}`;

describe('consent first: a situation à examiner', () => {
  it('stores no identity without the family’s agreement, is examined, then completed after the agreement', async () => {
    h = await startHarness();
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const viewId = await h.openIntake(USERS.teacher, 'not_informed');
    const view = JSON.stringify(h.slack.views.get(viewId)?.view);
    // The form asks no identity, and warns against names in the situation.
    for (const identityBlock of [b.childFirstName, b.childLastName, b.birthDate, b.guardianName, b.guardianPhone])
      expect(view).not.toContain(`"${identityBlock}"`);
    expect(view).toContain(fr.intake.noNamesWarning.slice(0, 40));
    const saved = await h.driver.submitView(viewId, preReferralForm('not_informed'));
    expect(saved.json?.response_action).toBe('update');
    const referral = await h.app.db.prisma.referral.findFirstOrThrow();
    expect(referral).toMatchObject({ preReferral: true, familyAgreement: 'not_informed', ageBand: '6-10' });
    // Level 1 holds the situation text only, encrypted.
    expect((await h.app.db.prisma.sensitiveValue.findMany()).map((v) => v.field)).toEqual(['situation']);
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    expect(JSON.stringify(card.blocks)).toContain(fr.card.preReferral);
    // The referrer is told the family must be informed, and how.
    const receipt = await h.slack.waitFor(() => h.slack.messagesIn(dm(USERS.teacher))[0], 60_000, 'receipt');
    expect(JSON.stringify(receipt.blocks)).toContain('La famille doit être informée');

    // The cellule examines it anonymously; identity can be completed only after the family's agreement.
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    expect(JSON.stringify(card.blocks)).not.toContain(actions.identity);
    const today = parisToday();
    await agree(h, card, today);
    expect(JSON.stringify(card.blocks)).toContain(actions.identity);

    // A team member who is not on the case can neither complete it nor read it.
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.socialWorker, roles: ['team'] } });
    const before = h.slack.accepted('chat.postEphemeral').length;
    await h.driver.clickButton(USERS.socialWorker, card, actions.identity);
    const told = await h.slack.waitFor(() => h.slack.accepted('chat.postEphemeral')[before], 60_000, 'told');
    expect(told.args.text).toBe(frCase.rejection.not_on_case);

    const form = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.identity));
    const missing = await h.driver.submitView(form.id, {});
    expect(missing.json?.errors).toMatchObject({ [b.childFirstName]: fr.intakeErrors.required });
    const firstName = canary('Prénom');
    const done = await h.driver.submitView(form.id, {
      [b.childFirstName]: firstName,
      [b.childLastName]: canary('Nom'),
      [b.birthDate]: plantDate(birthDateOfNineYearOld()),
      [b.guardianName]: canary('Mère'),
      [b.guardian2Name]: canary('Père'),
    });
    expect(done.json).toBeUndefined();
    await cardAt(h, card, 5);
    expect(JSON.stringify(card.blocks)).not.toContain(fr.card.preReferral);
    const completed = await h.app.db.prisma.referral.findFirstOrThrow();
    expect(completed.preReferral).toBe(false);
    const asked = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.viewFile));
    const file = await h.driver.submitView(asked.id, { [ACCESS_REASON_BLOCK]: 'follow_up' });
    expect(JSON.stringify(file.json?.view)).toContain(firstName);
    const line = await h.slack.waitFor(
      () => h.slack.threadOf(card.channel, card.ts).find((m) => m.text?.includes(frCase.line.complete_identity)),
      60_000,
      'thread line',
    );
    expect(line.text).not.toContain(firstName);
  });
});

describe('need to know: each file open only to its own people', () => {
  it('refuses a team member outside the case, lets the référent add then remove them, even with a modal open', async () => {
    h = await startHarness();
    for (const user of [USERS.team, USERS.socialWorker])
      await h.app.db.prisma.member.create({ data: { slackUserId: user, roles: ['team'] } });
    const viewId = await h.openIntake(USERS.teacher);
    const intake = intakeForm();
    await h.driver.submitView(viewId, intake);
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    const { reference } = await h.app.db.prisma.referral.findFirstOrThrow();
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);

    // The team role alone does not open the file.
    const refused = await opened(h, () => h.driver.clickButton(USERS.socialWorker, card, actions.viewFile));
    expect(refused.text).toContain(fr.file.notOnCase.slice(0, 40));
    // Only the référent (or a coordinator) manages the case's people.
    expect((await h.driver.slashCommand(USERS.socialWorker, `intervenants ${reference}`)).json?.text).toBe(
      frPeople.onlyReferent,
    );
    let people = await opened(h, () => h.driver.slashCommand(USERS.team, `intervenants ${reference}`));
    const noReason = await h.driver.submitView(people.id, { [peopleBlocks.add]: USERS.socialWorker });
    expect(noReason.json?.errors).toEqual({ [peopleBlocks.reason]: frPeople.reasonRequired });
    await h.driver.submitView(people.id, {
      [peopleBlocks.add]: USERS.socialWorker,
      [peopleBlocks.reason]: 'co_follow_up',
    });
    // Added: asked the reason, then the file.
    const asked = await opened(h, () => h.driver.clickButton(USERS.socialWorker, card, actions.viewFile));
    expect(asked.text).toContain('case_file_reason');
    const file = await h.driver.submitView(asked.id, { [ACCESS_REASON_BLOCK]: 'follow_up' });
    expect(JSON.stringify(file.json?.view)).toContain(String(intake.child_last_name));

    // Removed while a reason modal is open: its submission is refused, and logged.
    const pending = await opened(h, () => h.driver.clickButton(USERS.socialWorker, card, actions.viewFile));
    people = await opened(h, () => h.driver.slashCommand(USERS.team, `intervenants ${reference}`));
    await h.driver.submitView(people.id, { [peopleBlocks.remove]: [USERS.socialWorker] });
    const late = await h.driver.submitView(pending.id, { [ACCESS_REASON_BLOCK]: 'follow_up' });
    expect(JSON.stringify(late.json?.view)).toContain(fr.file.notOnCase.slice(0, 40));
    const log = await h.app.db.prisma.accessLog.findMany({
      where: { userId: USERS.socialWorker },
      orderBy: { id: 'asc' },
    });
    expect(log.map((l) => l.granted)).toEqual([false, true, false]);
    // The coordinator sees who is on the case in the access log.
    const access = String(JSON.stringify((await h.driver.slashCommand(USERS.coordinator, `acces ${reference}`)).json));
    expect(access).toContain(frPeople.referent(USERS.team));
    const members = await h.app.db.prisma.caseMember.findMany();
    expect(members).toMatchObject([{ userId: USERS.socialWorker, addedBy: USERS.team, removedBy: USERS.team }]);
  });
});

describe('an oral agreement is temporary', () => {
  it('reminds the référent weekly once PRE_ORAL_CONSENT_DAYS have passed, until it is confirmed in writing', async () => {
    let clock = new Date();
    h = await startHarness({ now: () => clock });
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const viewId = await h.openIntake(USERS.teacher, 'agreed_oral');
    await h.driver.submitView(viewId, { ...intakeForm(), [b.familyAgreement]: 'agreed_oral' });
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    const { reference } = await h.app.db.prisma.referral.findFirstOrThrow();
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    const today = parisToday(clock);
    await agree(h, card, today, { [cb.agreementForm]: 'oral' });
    const reminders = () =>
      h.slack.messagesIn(dm(USERS.team)).filter((m) => m.text?.includes('confirmé par écrit')).length;

    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(reminders()).toBe(0);
    clock = new Date(clock.getTime() + 16 * 86_400_000);
    await h.app.jobs.remindPendingConsents();
    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(reminders()).toBe(1);
    expect(h.slack.messagesIn(dm(USERS.team)).at(-1)?.text).toBe(
      frCase.oralReminder(reference, today.split('-').reverse().join('/')),
    );
    clock = new Date(clock.getTime() + 7 * 86_400_000);
    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(reminders()).toBe(2);

    // Written at last: no more reminders.
    const form = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.consent));
    await h.driver.submitView(form.id, {
      [cb.givenAction]: 'update',
      [cb.date]: parisToday(clock),
      ...agreementAnswer(['IEN']),
    });
    await cardAt(h, card, 4);
    clock = new Date(clock.getTime() + 7 * 86_400_000);
    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(reminders()).toBe(2);
  });
});

describe('what the referrer learns back', () => {
  it('four steps by direct message, in App Home and in /reperage dossier, and never more', async () => {
    h = await startHarness();
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const viewId = await h.openIntake(USERS.teacher);
    await h.driver.submitView(viewId, intakeForm());
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    const { reference } = await h.app.db.prisma.referral.findFirstOrThrow();
    const news = () => h.slack.messagesIn(dm(USERS.teacher)).map((m) => m.text);
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    await h.slack.waitFor(() => news().includes(frCase.referrerNews.examined(reference)), 60_000, 'examined');
    const today = parisToday();
    await agree(h, card, today);
    let form: { id: string; text: string };
    // The teacher's history is the steps they are told of, whatever the agreement's scope: received, examined.
    const steps = async () => String((await h.driver.slashCommand(USERS.teacher, `dossier ${reference}`)).json?.text);
    let told = await steps();
    expect(told).toContain(frCase.timeline.stepsHeader(reference));
    expect(told).toContain(frCase.timeline.step.received);
    expect(told).toContain(frCase.timeline.step.examined);
    expect(told).not.toContain(frCase.timeline.header(reference));
    expect(told).not.toContain('accord');
    form = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.consent));
    await h.driver.submitView(form.id, {
      [cb.givenAction]: 'update',
      [cb.date]: today,
      ...agreementAnswer(['IEN']),
      [cb.scope]: ['op:ien', 'in:en-ecole'],
    });
    await cardAt(h, card, 4);
    // Even with the school in the scope: the steps, not the history.
    expect(await steps()).not.toContain(frCase.timeline.header(reference));
    form = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.orient));
    await h.driver.submitView(form.id, { [cb.actions]: ['clubs-lecture'], [cb.date]: today });
    await cardAt(h, card, 5);
    await h.slack.waitFor(
      () => news().includes(frCase.referrerNews.parcours_started(reference)),
      60_000,
      'parcours started',
    );
    // App Home: the referral told apart by stage, class, week and axes, at its step — no more.
    const before = h.slack.accepted('views.publish').length;
    await h.driver.event({ type: 'app_home_opened', user: USERS.teacher, channel: 'D1', tab: 'home' });
    await h.slack.waitFor(() => h.slack.accepted('views.publish').length > before, 60_000, 'home');
    const home = JSON.stringify(h.slack.homeViews.get(USERS.teacher));
    for (const shown of [reference, frCase.home.referrerStep.parcours, fr.classLevel.cm1, fr.stage.elementaire])
      expect(home).toContain(shown);
    expect(home).not.toContain(fr.status.oriented);
    form = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.close));
    await h.driver.submitView(form.id, { [cb.reason]: 'moved_away' });
    await h.slack.waitFor(() => news().includes(frCase.referrerNews.closed(reference)), 60_000, 'closed');
    await h.outboxDrained();
    // Received (the receipt), examined, parcours started, closed: once each.
    expect(news()).toHaveLength(4);
    told = await steps();
    for (const step of ['received', 'examined', 'parcours_started', 'closed'] as const)
      expect(told).toContain(frCase.timeline.step[step]);
    expect(told).not.toContain('Clubs');
  });
});
