import { afterEach, describe, expect, it } from 'vitest';
import { frCase, frEps } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { epsBlocks as b } from '../../src/slack/views/eps.js';
import { EpsMeetings } from '../../src/store/eps-meetings.js';
import { agree, opened } from '../support/case-flows.js';
import { CHANNELS, cardsIn, intakeForm, parisToday, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('the équipe pluridisciplinaire de soutien, from Slack', () => {
  it('schedules a meeting, posts its agenda, and records the four kinds of decision, counted', async () => {
    h = await startHarness();
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    for (let i = 0; i < 4; i += 1) {
      const viewId = await h.openIntake(USERS.teacher);
      await h.driver.submitView(viewId, intakeForm());
    }
    await h.slack.waitFor(() => cardsIn(h.slack).length === 4, 60_000, 'four cards');
    const cases = await h.app.db.prisma.referral.findMany({ orderBy: { sequence: 'asc' } });
    const [a, b2, c, d] = cases.map((x) => x.reference);
    const cardOf = (reference?: string) => cardsIn(h.slack).find((m) => m.text?.includes(String(reference)));
    // The first situation has the family's agreement; the others do not yet.
    const first = cardOf(a);
    if (!first) throw new Error('no card');
    await h.driver.clickButton(USERS.team, first, actions.takeCase);
    await h.slack.waitFor(() => JSON.stringify(first.blocks).includes('@2"'), 60_000, 'card v2');
    const today = parisToday(cases[0]?.referredAt);
    await agree(h, first, today);

    // Only the cellule and the team schedule a meeting.
    expect((await h.driver.slashCommand(USERS.teacher, 'eps')).json?.text).toBe(frEps.teamOnly);
    const before = h.slack.accepted('views.open').length;
    await h.driver.slashCommand(USERS.coordinator, 'eps');
    const call = await h.slack.waitFor(() => h.slack.accepted('views.open')[before], 60_000, 'eps form');
    const form = String((call.response.view as { id: string }).id);
    // Who is present is recorded: with the coordinator, they record the meeting's decisions.
    const nobody = await h.driver.submitView(form, { [b.heldOn]: today, [b.institutions]: ['en-ecole', 'cmpp'] });
    expect(nobody.json?.errors).toEqual({ [b.attendees]: frCase.modal.required });
    const scheduled = await h.driver.submitView(form, {
      [b.heldOn]: today,
      [b.institutions]: ['en-ecole', 'cmpp'],
      [b.attendees]: [USERS.team],
    });
    expect(scheduled.json?.response_action).toBe('update');
    const agenda = await h.slack.waitFor(
      () => h.slack.messagesIn(CHANNELS.cellule).find((m) => m.text?.startsWith('Réunion de l’EPS')),
      60_000,
      'agenda',
    );
    const posted = JSON.stringify(agenda.blocks);
    for (const reference of [a, b2, c, d]) expect(posted).toContain(String(reference));
    expect(posted).toContain(frEps.reason.to_examine);
    expect(posted).toContain('CMPP');
    expect(posted).toContain(`<@${USERS.team}>`);

    // Entrée en parcours needs its référent; then each decision in turn, the form coming back after each.
    const missing = await h.driver.submitView(form, { [b.situation]: a, [b.decision]: 'parcours' });
    expect(missing.json?.errors).toEqual({ [b.referent]: frCase.rejection.decision_incomplete });
    for (const [reference, values] of [
      [a, { [b.decision]: 'parcours', [b.referent]: USERS.team }],
      [b2, { [b.decision]: 'relay', [b.relayTo]: 'cmpp' }],
      [c, { [b.decision]: 'no_follow_up', [b.noFollowUpReason]: 'already_supported' }],
      [d, { [b.decision]: 'adjourned' }],
    ] as const) {
      const answer = await h.driver.submitView(form, { [b.situation]: reference, ...values });
      expect(answer.json?.response_action).toBe('update');
      expect(JSON.stringify(answer.json?.view)).toContain(String(reference));
    }
    const after = await h.app.db.prisma.referral.findMany({ orderBy: { sequence: 'asc' } });
    expect(after.map((r) => [r.status, r.closureReason])).toEqual([
      ['in_analysis', null],
      ['closed', 'redirected'],
      ['closed', 'other'],
      ['in_analysis', null],
    ]);
    const pathway = (after[0]?.pathway ?? {}) as { parcours?: { referentUserId: string } };
    expect(pathway.parcours?.referentUserId).toBe(USERS.team);
    const counts = await new EpsMeetings(h.app.db.prisma).counts(today, today);
    expect(counts).toEqual({
      meetings: 1,
      situationsExamined: 4,
      decisions: { parcours: 1, relay: 1, no_follow_up: 1, adjourned: 1 },
    });
    // Each decision is in the case's thread, at level 2.
    await h.outboxDrained();
    const lines = h.slack.messages.filter(
      (m) => m.channel === CHANNELS.cellule && m.thread_ts && m.text?.includes('équipe pluridisciplinaire réunie le'),
    );
    expect(lines).toHaveLength(4);
    // Who decided what, with a verb; the day of the line, not its minute.
    for (const line of lines)
      expect(line.text).toMatch(
        /<@U\w+> a enregistré la décision de l’équipe pluridisciplinaire réunie le \d\d\/\d\d\/\d{4}, qui a (décidé|orienté|ajourné) .* — \d\d\/\d\d\/\d{4}$/,
      );
  });
});

describe('an EPS meeting as it meets', () => {
  it('is planned ahead within six months, recorded within three after, and decides only once it is held', async () => {
    h = await startHarness();
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const viewId = await h.openIntake(USERS.teacher);
    await h.driver.submitView(viewId, intakeForm());
    await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    const { reference, referredAt } = await h.app.db.prisma.referral.findFirstOrThrow();
    const today = parisToday(referredAt);
    const shifted = (days: number) =>
      parisToday(new Date(new Date(`${today}T12:00:00Z`).getTime() + days * 86_400_000));
    const before = h.slack.accepted('views.open').length;
    await h.driver.slashCommand(USERS.coordinator, 'eps');
    const call = await h.slack.waitFor(() => h.slack.accepted('views.open')[before], 60_000, 'eps form');
    const form = String((call.response.view as { id: string }).id);
    const attendees = { [b.attendees]: [USERS.team] };
    const far = await h.driver.submitView(form, { [b.heldOn]: shifted(400), ...attendees });
    expect(far.json?.errors).toEqual({ [b.heldOn]: frEps.tooFarAhead(6) });
    const old = await h.driver.submitView(form, { [b.heldOn]: '2020-01-01', ...attendees });
    expect(old.json?.errors).toEqual({ [b.heldOn]: frEps.tooLongAgo(3) });
    expect(await h.app.db.prisma.epsMeeting.count()).toBe(0);
    // Next week's meeting: its agenda is drawn, its decisions wait for the day.
    const next = await h.driver.submitView(form, { [b.heldOn]: shifted(7), ...attendees });
    expect(next.json?.response_action).toBe('update');
    const early = await h.driver.submitView(form, { [b.situation]: reference, [b.decision]: 'adjourned' });
    expect(early.json?.errors).toEqual({
      [b.decision]: frEps.notYetHeld(shifted(7).split('-').reverse().join('/')),
    });
    expect(await h.app.db.prisma.caseEvent.count({ where: { type: 'eps_decision' } })).toBe(0);
  });
});

describe('an EPS meeting recorded as it was', () => {
  it('has a place and minutes, changes while it has no decision, is cancelled, and an adjourned situation comes back', async () => {
    h = await startHarness();
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const intake = await h.openIntake(USERS.teacher);
    await h.driver.submitView(intake, intakeForm());
    await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    const { reference, referredAt } = await h.app.db.prisma.referral.findFirstOrThrow();
    const today = parisToday(referredAt);
    const nextWeek = parisToday(new Date(new Date(`${today}T12:00:00Z`).getTime() + 7 * 86_400_000));
    const french = (day: string) => day.split('-').reverse().join('/');
    const schedule = async (heldOn: string) => {
      const form = await opened(h, () => h.driver.slashCommand(USERS.coordinator, 'eps'));
      await h.driver.submitView(form.id, {
        [b.heldOn]: heldOn,
        [b.place]: 'Salle du conseil',
        [b.attendees]: [USERS.team],
      });
      return form.id;
    };
    const agendaOf = (day: string) =>
      h.slack.waitFor(
        () => h.slack.messagesIn(CHANNELS.cellule).find((m) => JSON.stringify(m.blocks).includes(french(day))),
        60_000,
        `agenda of ${day}`,
      );

    const form = await schedule(today);
    const agenda = await agendaOf(today);
    expect(JSON.stringify(agenda.blocks)).toContain(frEps.placeLine('Salle du conseil'));
    await h.driver.submitView(form, { [b.situation]: reference, [b.decision]: 'adjourned' });

    // Someone outside the team reads nothing; a member present edits: the day stays (a decision was taken on it).
    const outsider = await opened(h, () => h.driver.clickButton(USERS.teacher, agenda, actions.epsEdit));
    expect(outsider.text).toContain(frEps.teamOnly);
    const edit = await opened(h, () => h.driver.clickButton(USERS.team, agenda, actions.epsEdit));
    const moved = await h.driver.submitView(edit.id, { [b.heldOn]: nextWeek });
    expect(moved.json?.errors).toEqual({ [b.heldOn]: frEps.decidedKeepsDay });
    const minutes = `${reference} ajournée : bilan orthophonique attendu.`;
    const saved = await h.driver.submitView(edit.id, { [b.heldOn]: today, [b.minutes]: minutes });
    expect(JSON.stringify(saved.json?.view)).toContain(frEps.updated(french(today)).slice(20, 60));
    expect(await h.app.db.prisma.epsMeeting.findFirstOrThrow()).toMatchObject({
      place: 'Salle du conseil',
      minutes,
      minutesBy: USERS.team,
    });
    // The agenda in the channel is redrawn, saying the minutes are written — not what they say.
    await h.slack.waitFor(() => JSON.stringify(agenda.blocks).includes(frEps.minutesWritten(`<@${USERS.team}>`)));
    expect(JSON.stringify(agenda.blocks)).not.toContain('orthophonique');
    // A meeting that decided is not cancelled.
    const refused = await opened(h, () => h.driver.clickButton(USERS.team, agenda, actions.epsCancel));
    expect(refused.text).toContain(frEps.hasDecisions);

    // The adjourned situation is on next week's agenda; that meeting is cancelled before it takes any decision.
    await schedule(nextWeek);
    const next = await agendaOf(nextWeek);
    expect(JSON.stringify(next.blocks)).toContain(reference);
    const shown = structuredClone(next);
    const cancel = await opened(h, () => h.driver.clickButton(USERS.coordinator, next, actions.epsCancel));
    expect(cancel.text).toContain(frEps.cancelDone(french(nextWeek)).slice(20, 60));
    await h.slack.waitFor(() => JSON.stringify(next.blocks).includes(frEps.cancelledHeader(french(nextWeek))));
    expect(JSON.stringify(next.blocks)).not.toContain(actions.epsDecide);
    // A click on the agenda as it was shown: the cancelled meeting takes no decision.
    const late = await opened(h, () => h.driver.clickButton(USERS.team, shown, actions.epsDecide));
    expect(late.text).toContain(frEps.cancelled);
    const counts = await new EpsMeetings(h.app.db.prisma).counts(today, nextWeek);
    expect(counts.meetings).toBe(1);
    expect(await h.app.db.prisma.epsMeeting.count({ where: { cancelledBy: USERS.coordinator } })).toBe(1);
  });
});
