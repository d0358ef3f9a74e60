import { addDays, addMonths } from 'date-fns';
import { afterEach, describe, expect, it } from 'vitest';
import { fr, frCase } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { caseBlocks as cb } from '../../src/slack/views/case-modals.js';
import { journalBlocks } from '../../src/slack/views/journal.js';
import { ACCESS_REASON_BLOCK } from '../../src/slack/views/modals.js';
import { canary } from '../support/canary.js';
import { agree, cardAt, opened, openForm, openHome } from '../support/case-flows.js';
import { cardsIn, intakeForm, parisToday, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

let clock = new Date();
const dm = (userId: string) => `D${userId.slice(1)}`;

describe('the parcours individualisé, from Slack', () => {
  it('enters with a référent, agrees objectives, goes through two bilans with reminders, and exits into closure', async () => {
    clock = new Date();
    h = await startHarness({ now: () => clock });
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const viewId = await h.openIntake(USERS.teacher);
    await h.driver.submitView(viewId, intakeForm());
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    const { reference } = await h.app.db.prisma.referral.findFirstOrThrow();
    const today = parisToday(clock);
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    await agree(h, card, today);
    let form: string;

    // Entrée en parcours outside an EPS meeting: the coordinator's exception, with its reason; names the référent.
    form = await openForm(h, USERS.coordinator, card, actions.parcours);
    await h.driver.submitView(form, { [cb.referent]: USERS.team, [cb.exceptionReason]: 'urgent', [cb.date]: today });
    await cardAt(h, card, 4);
    expect(JSON.stringify(card.blocks)).toContain(actions.objectives);

    // Objectives agreed with the family: one is required; a detail is level 1.
    form = await openForm(h, USERS.team, card, actions.objectives);
    const none = await h.driver.submitView(form, { [cb.date]: today });
    expect(none.json?.errors).toEqual({ [cb.objective(1)]: frCase.modal.objectiveRequired });
    const detail = canary('Objectif');
    await h.driver.submitView(form, {
      [cb.date]: today,
      [cb.objective(1)]: 'schooling:lecture',
      [cb.objectiveDetail(1)]: detail,
      [cb.objective(2)]: 'parenting:lien-ecole',
    });
    await cardAt(h, card, 5);
    const threeMonths = parisToday(addMonths(new Date(`${today}T12:00:00Z`), 3));
    let home = await openHome(h, USERS.team);
    expect(home).toContain(frCase.home.parcours);
    expect(home).toContain(frCase.home.reviewOn(threeMonths.split('-').reverse().join('/')));
    expect(home).toContain(frCase.home.openObjectives(2));

    // A week before the bilan, then on the day: one reminder each.
    const reminders = () => h.slack.messagesIn(dm(USERS.team)).filter((m) => m.text?.includes('bilan du parcours'));
    clock = addDays(new Date(`${threeMonths}T10:00:00Z`), -5);
    await h.app.jobs.remindPendingConsents();
    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(reminders().map((m) => m.text)).toEqual([
      frCase.reviewReminder.soon(reference, threeMonths.split('-').reverse().join('/')),
    ]);
    clock = new Date(`${threeMonths}T10:00:00Z`);
    await h.app.jobs.remindPendingConsents();
    await h.outboxDrained();
    expect(reminders()).toHaveLength(2);

    // First bilan: continue; the next one in three months.
    const familyView = canary('Avis');
    const first = parisToday(clock);
    form = await openForm(h, USERS.team, card, actions.review);
    const unrated = await h.driver.submitView(form, { [cb.date]: first, [cb.parcoursNext]: 'continue' });
    expect(unrated.json?.errors).toMatchObject({ [cb.rating(1)]: frCase.modal.ratingRequired });
    await h.driver.submitView(form, {
      [cb.rating(1)]: 'partly_achieved',
      [cb.rating(2)]: 'achieved',
      [cb.familyView]: familyView,
      [cb.date]: first,
      [cb.parcoursNext]: 'continue',
    });
    await cardAt(h, card, 6);
    home = await openHome(h, USERS.team);
    expect(home).toContain(frCase.home.openObjectives(1));

    // What was recorded reads back in the file, for the référent (a reason first, logged): the agreement, the
    // objectives with their details and ratings, the family's view.
    const asked = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.viewFile));
    const file = JSON.stringify(
      (await h.driver.submitView(asked.id, { [ACCESS_REASON_BLOCK]: 'follow_up' })).json?.view,
    );
    // The teacher's record was version 1; completed by the team, it is version 2.
    expect(file).toContain(
      fr.file.agreementLine(2, today.split('-').reverse().join('/'), fr.file.agreementForm.written),
    );
    expect(file).not.toContain(fr.file.agreementAtReferral);
    expect(file).toContain(detail);
    expect(file).toContain(familyView);
    expect(file).toContain(frCase.objectiveRating.partly_achieved.toLowerCase());

    // The journal de suivi: written from the file, sealed, read back in the file; never anywhere else.
    const fileView = asked.id;
    const before = h.slack.accepted('views.push').length;
    await h.driver.clickInView(USERS.team, fileView, actions.journalAdd, reference);
    const pushed = await h.slack.waitFor(() => h.slack.accepted('views.push')[before], 60_000, 'journal form');
    const journalForm = String((pushed.response.view as { id: string }).id);
    const note = canary('Journal');
    const empty = await h.driver.submitView(journalForm, { [journalBlocks.date]: first });
    expect(Object.keys(empty.json?.errors as object).sort()).toEqual([journalBlocks.kind, journalBlocks.text].sort());
    const saved = await h.driver.submitView(journalForm, {
      [journalBlocks.date]: first,
      [journalBlocks.kind]: 'home_visit',
      [journalBlocks.text]: note,
    });
    expect(JSON.stringify(saved.json?.view)).toContain(fr.file.journalSaved(reference).slice(0, 30));
    const again = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.viewFile));
    const reread = JSON.stringify(
      (await h.driver.submitView(again.id, { [ACCESS_REASON_BLOCK]: 'follow_up' })).json?.view,
    );
    expect(reread).toContain(note);
    expect(reread).toContain(fr.file.journalKind.home_visit);
    expect((await h.app.db.prisma.sensitiveValue.findMany()).some((v) => v.field.startsWith('journal:'))).toBe(true);

    // Second bilan: exit, which closes the case at once (no second click).
    clock = addMonths(clock, 3);
    const second = parisToday(clock);
    form = await openForm(h, USERS.team, card, actions.review);
    const noReason = await h.driver.submitView(form, {
      [cb.rating(1)]: 'achieved',
      [cb.rating(2)]: 'achieved',
      [cb.date]: second,
      [cb.parcoursNext]: 'exit',
    });
    expect(noReason.json?.errors).toEqual({ [cb.exitReason]: frCase.rejection.exit_reason_required });
    await h.driver.submitView(form, {
      [cb.rating(1)]: 'achieved',
      [cb.rating(2)]: 'achieved',
      [cb.date]: second,
      [cb.parcoursNext]: 'exit',
      [cb.exitReason]: 'objectives_met',
    });
    await cardAt(h, card, 7);
    const closed = await h.app.db.prisma.referral.findFirstOrThrow();
    expect(closed).toMatchObject({ status: 'closed', closureReason: 'objectives_met' });
    expect(JSON.stringify(card.blocks)).toContain(actions.reopen);
    // The referrer learnt that a parcours started and that it ended.
    const news = h.slack.messagesIn(dm(USERS.teacher)).map((m) => m.text);
    expect(news).toContain(frCase.referrerNews.parcours_started(reference));
    await h.slack.waitFor(
      () => h.slack.messagesIn(dm(USERS.teacher)).some((m) => m.text === frCase.referrerNews.closed(reference)),
      60_000,
      'closed news',
    );
    // Level 1 (the objective's detail, the family's view) stays encrypted, out of every message.
    const fields = (await h.app.db.prisma.sensitiveValue.findMany()).map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['objectiveDetail1', 'familyView']));

    // Closed, the file stays the référent's to read (until the intermediate archive): the journal with it.
    const closedAsk = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.viewFile));
    const closedAnswer = await h.driver.submitView(closedAsk.id, { [ACCESS_REASON_BLOCK]: 'follow_up' });
    const closedFile = JSON.stringify(closedAnswer.json?.view);
    expect(closedFile).toContain(note);
    expect(closedFile).toContain(familyView);
    // …and to write in: a last note after the exit goes in the journal (the policy's write_journal while closed).
    const pushes = h.slack.accepted('views.push').length;
    await h.driver.clickInView(USERS.team, closedAsk.id, actions.journalAdd, reference);
    const lastForm = await h.slack.waitFor(() => h.slack.accepted('views.push')[pushes], 60_000, 'journal form');
    const lastNote = canary('Dernière note');
    const written = await h.driver.submitView(String((lastForm.response.view as { id: string }).id), {
      [journalBlocks.date]: second,
      [journalBlocks.kind]: 'call',
      [journalBlocks.text]: lastNote,
    });
    expect(JSON.stringify(written.json?.view)).toContain(fr.file.journalSaved(reference).slice(0, 30));
  });
});
