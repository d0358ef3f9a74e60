import { afterEach, describe, expect, it } from 'vitest';
import { frCase, frEps, frHandover, frPeople } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { absenceBlocks } from '../../src/slack/views/absence.js';
import { caseBlocks as cb } from '../../src/slack/views/case-modals.js';
import { peopleBlocks } from '../../src/slack/views/case-people.js';
import { epsBlocks } from '../../src/slack/views/eps.js';
import { handoverBlock } from '../../src/slack/views/handover.js';
import { memberBlocks } from '../../src/slack/views/members-modal.js';
import { ACCESS_REASON_BLOCK } from '../../src/slack/views/modals.js';
import type { StoredMessage } from '../../src/slack-emulator/emulator.js';
import { agree, cardAt, opened, openForm, openHome } from '../support/case-flows.js';
import { cardsIn, intakeForm, parisToday, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * The policy through the Slack protocol, as insiders tried it: each of the seven ways in the issue got through
 * before, and is refused now with nothing changed.
 */
let h: Harness;
afterEach(async () => {
  await h?.stop();
});

/** Another team member, on no case. */
const OUTSIDER = 'UOUTSIDE1';

async function start() {
  h = await startHarness();
  for (const user of [USERS.team, USERS.socialWorker, OUTSIDER])
    await h.app.db.prisma.member.create({ data: { slackUserId: user, roles: ['team'] } });
  await h.app.db.prisma.member.create({ data: { slackUserId: USERS.group, roles: ['group'] } });
  const viewId = await h.openIntake(USERS.teacher);
  await h.driver.submitView(viewId, intakeForm());
  const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
  const { reference, referredAt } = await h.app.db.prisma.referral.findFirstOrThrow();
  return { card, reference, today: parisToday(referredAt) };
}

/** The case as stored: its version and référent, to show that a refusal changed nothing. */
const stored = async () => {
  const row = await h.app.db.prisma.referral.findFirstOrThrow();
  return { version: row.version, assignee: row.assigneeUserId, status: row.status };
};

/** Clicks and returns what the person was told privately. */
async function told(user: string, card: StoredMessage, actionId: string): Promise<string> {
  const before = h.slack.accepted('chat.postEphemeral').length;
  await h.driver.clickButton(user, card, actionId);
  const answer = await h.slack.waitFor(() => h.slack.accepted('chat.postEphemeral')[before], 60_000, 'ephemeral');
  return String(answer.args.text);
}

/** The coordinator removes a role in `/reperage membres`; returns the answer (a handover form when cases remain). */
async function revoke(user: string) {
  const form = await opened(h, () => h.driver.slashCommand(USERS.coordinator, 'membres'));
  const answer = await h.driver.submitView(form.id, {
    [memberBlocks.user]: user,
    [memberBlocks.change]: 'revoke',
    [memberBlocks.role]: 'team',
  });
  return { answer, viewId: form.id };
}

describe('who may do what on which case, through Slack', () => {
  it('1–2: nobody takes over a case, and only team members are named or added', async () => {
    const { card, reference, today } = await start();
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    await agree(h, card, today);
    const before = await stored();

    // A team member not on the case (in the cellule's channel): no parcours of their own making, no change of
    // référent, no orientation, no people added.
    const insider = USERS.socialWorker;
    expect(await told(insider, card, actions.parcours)).toBe(frCase.rejection.coordinator_only);
    expect(await told(insider, card, actions.referent)).toBe(frCase.rejection.referent_only);
    expect(await told(insider, card, actions.orient)).toBe(frCase.rejection.not_on_case);
    expect((await h.driver.slashCommand(insider, `intervenants ${reference}`)).json?.text).toBe(frPeople.onlyReferent);
    // Nor the référent: a parcours starts from the EPS, or as the coordinator's recorded exception.
    expect(await told(USERS.team, card, actions.parcours)).toBe(frCase.rejection.coordinator_only);

    // An EPS meeting: only members recorded as present (and the coordinator) record its decisions.
    const eps = await opened(h, () => h.driver.slashCommand(USERS.coordinator, 'eps'));
    const noRole = await h.driver.submitView(eps.id, {
      [epsBlocks.heldOn]: today,
      [epsBlocks.attendees]: [USERS.teacher],
    });
    expect(noRole.json?.errors).toEqual({ [epsBlocks.attendees]: frEps.attendeesWithoutRole(`<@${USERS.teacher}>`) });
    await h.driver.submitView(eps.id, { [epsBlocks.heldOn]: today, [epsBlocks.attendees]: [OUTSIDER] });
    const agenda = await h.slack.waitFor(
      () => h.slack.messagesIn(card.channel).find((m) => m.text?.startsWith('Réunion de l’EPS')),
      60_000,
      'agenda',
    );
    const absentForm = await opened(h, () => h.driver.clickButton(insider, agenda, actions.epsDecide));
    expect(absentForm.text).toContain(frEps.presentOnly.slice(0, 40));
    expect(await stored()).toEqual(before);

    // A member present decides; the référent named must hold the team role: a teacher is refused.
    const decision = await opened(h, () => h.driver.clickButton(OUTSIDER, agenda, actions.epsDecide));
    const teacher = await h.driver.submitView(decision.id, {
      [epsBlocks.situation]: reference,
      [epsBlocks.decision]: 'parcours',
      [epsBlocks.referent]: USERS.teacher,
    });
    expect(teacher.json?.errors).toEqual({ [epsBlocks.decision]: frCase.rejection.referent_not_team });
    expect(await stored()).toEqual(before);
    // A double click: the same form submitted twice before the first answer came back (each signed anew).
    const payload = h.driver.viewSubmissionPayload(decision.id, {
      [epsBlocks.situation]: reference,
      [epsBlocks.decision]: 'parcours',
      [epsBlocks.referent]: USERS.team,
    });
    const now = Math.floor(Date.now() / 1000);
    const decided = await h.driver.send(h.driver.interactiveBody(payload), { timestamp: now });
    expect(decided.json?.response_action).toBe('update');
    // Decided, the situation leaves the form: here the only one, so the form says all are decided.
    expect(JSON.stringify(decided.json?.view)).toContain(frEps.allDecided.slice(0, 40));
    const twice = await h.driver.send(h.driver.interactiveBody(payload), { timestamp: now - 1 });
    expect(twice.json?.errors).toEqual({ [epsBlocks.decision]: frCase.rejection.already_decided });
    expect(await h.app.db.prisma.caseEvent.count({ where: { type: 'eps_decision' } })).toBe(1);

    // The référent adds people who hold the team role only, never a reflection group's member.
    const people = await opened(h, () => h.driver.slashCommand(USERS.team, `intervenants ${reference}`));
    const group = await h.driver.submitView(people.id, {
      [peopleBlocks.add]: USERS.group,
      [peopleBlocks.reason]: 'co_follow_up',
    });
    expect(group.json?.errors).toEqual({ [peopleBlocks.add]: frPeople.noRole });
    expect(await h.app.db.prisma.caseMember.count()).toBe(0);
  });

  it('3: removing a role ends access at once, a modal already open included, and the cases are handed over', async () => {
    const { card, reference } = await start();
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    const people = await opened(h, () => h.driver.slashCommand(USERS.team, `intervenants ${reference}`));
    await h.driver.submitView(people.id, {
      [peopleBlocks.add]: USERS.socialWorker,
      [peopleBlocks.reason]: 'co_follow_up',
    });

    // The added member has a reason modal open when their role goes.
    const pending = await opened(h, () => h.driver.clickButton(USERS.socialWorker, card, actions.viewFile));
    expect((await revoke(USERS.socialWorker)).answer.json?.response_action).toBe('update');
    const late = await h.driver.submitView(pending.id, { [ACCESS_REASON_BLOCK]: 'follow_up' });
    expect(JSON.stringify(late.json?.view)).not.toContain('Prénom');
    const log = await h.app.db.prisma.accessLog.findMany({ where: { userId: USERS.socialWorker } });
    expect(log.map((l) => l.granted)).toEqual([false]);
    // Their place on the case ended too, recorded.
    expect(await h.app.db.prisma.caseMember.findFirstOrThrow()).toMatchObject({ removedBy: USERS.coordinator });

    // The référent leaves: access ends, and the coordinator is handed their open case in the same form.
    const handover = await revoke(USERS.team);
    expect(handover.answer.json?.response_action).toBe('update');
    expect(JSON.stringify(handover.answer.json?.view)).toContain(handoverBlock(reference));
    expect(await told(USERS.team, card, actions.close)).toBe(frCase.rejection.not_allowed);
    const refused = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.viewFile));
    expect(refused.text).not.toContain('case_file_reason');
    expect((await h.driver.slashCommand(USERS.team, `intervenants ${reference}`)).json?.text).toBe(
      frCase.rejection.not_allowed,
    );
    // Until handed over, the case is listed in the coordinator's App Home.
    expect(await openHome(h, USERS.coordinator)).toContain(frHandover.homeTitle);
    // A person without the team role is not a référent; a team member is.
    const group = await h.driver.submitView(handover.viewId, { [handoverBlock(reference)]: USERS.group });
    expect(group.json?.errors).toEqual({ [handoverBlock(reference)]: frCase.rejection.referent_not_team });
    const answer = await h.driver.submitView(handover.viewId, { [handoverBlock(reference)]: OUTSIDER });
    expect(answer.json?.response_action).toBe('update');
    await cardAt(h, card, 3);
    expect(await stored()).toMatchObject({ assignee: OUTSIDER });
    const event = await h.app.db.prisma.caseEvent.findFirstOrThrow({ where: { type: 'change_referent' } });
    expect(event).toMatchObject({ actorId: USERS.coordinator, details: { referentUserId: OUTSIDER } });
    expect(await openHome(h, USERS.coordinator)).not.toContain(frHandover.homeTitle);
    const events = await h.app.db.prisma.memberEvent.findMany();
    expect(events.map((e) => [e.slackUserId, e.change])).toEqual([
      [USERS.socialWorker, 'revoke'],
      [USERS.team, 'revoke'],
    ]);
  });

  it('4–6: the agreement is the référent’s, the referrer learns four steps, a withdrawal stops the parcours', async () => {
    const { card, reference, today } = await start();
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    await agree(h, card, today, { [cb.scope]: ['op:ien', 'in:en-ecole'] });
    const people = await opened(h, () => h.driver.slashCommand(USERS.team, `intervenants ${reference}`));
    await h.driver.submitView(people.id, {
      [peopleBlocks.add]: USERS.socialWorker,
      [peopleBlocks.reason]: 'co_follow_up',
    });

    // 4. A person on the case (not its référent) cannot rewrite the family's agreement; an outsider even less.
    expect(await told(USERS.socialWorker, card, actions.consent)).toBe(frCase.rejection.referent_only);
    expect(await stored()).toMatchObject({ version: 3 });

    // The coordinator starts the parcours as a recorded exception; the case member records an IP.
    const parcours = await openForm(h, USERS.coordinator, card, actions.parcours);
    const noReason = await h.driver.submitView(parcours, { [cb.referent]: USERS.team, [cb.date]: today });
    expect(noReason.json?.errors).toEqual({ [cb.exceptionReason]: frCase.modal.required });
    await h.driver.submitView(parcours, {
      [cb.referent]: USERS.team,
      [cb.exceptionReason]: 'urgent',
      [cb.date]: today,
    });
    await cardAt(h, card, 4);
    const ip = await openForm(h, USERS.socialWorker, card, actions.informationPreoccupante);
    await h.driver.submitView(ip, { [cb.date]: today, [cb.ipParents]: 'yes' });
    await cardAt(h, card, 5);

    // 5. The referrer, the school within the scope: the four steps, never the information préoccupante.
    const steps = String((await h.driver.slashCommand(USERS.teacher, `dossier ${reference}`)).json?.text);
    expect(steps).toContain(frCase.timeline.step.parcours_started);
    expect(steps).not.toMatch(/préoccupante|CRIP|urgente/);

    // 6. An objectives form open when the family withdraws: refused on submit; the card offers only what is left.
    const before = structuredClone(card);
    const objectives = await openForm(h, USERS.team, card, actions.objectives);
    const consent = await openForm(h, USERS.team, card, actions.consent);
    await h.driver.submitView(consent, { [cb.givenAction]: 'withdraw', [cb.date]: today });
    await cardAt(h, card, 6);
    const late = await h.driver.submitView(objectives, { [cb.date]: today, [cb.objective(1)]: 'schooling:lecture' });
    expect(Object.values(late.json?.errors as object)).toContain(frCase.rejection.consent_withdrawn);
    const buttons = JSON.stringify(card.blocks);
    for (const gone of [actions.objectives, actions.review, actions.referent, actions.orient])
      expect(buttons).not.toContain(`"${gone}"`);
    expect(buttons).toContain(frCase.withdrawnNotice.slice(0, 40));
    // A forged click at the current version: the policy, not the version, says no.
    const forged = JSON.parse(JSON.stringify(before).replaceAll('@5"', '@6"')) as StoredMessage;
    expect(await told(USERS.team, forged, actions.objectives)).toBe(frCase.rejection.consent_withdrawn);
    expect(await told(USERS.team, forged, actions.referent)).toBe(frCase.rejection.consent_withdrawn);
    expect(await stored()).toMatchObject({ version: 6 });
    expect(await openForm(h, USERS.team, card, actions.close)).toBeTruthy();
  });

  it('7: the same signed request sent again is acknowledged and does nothing more; a deputy covers an absence', async () => {
    const { card } = await start();
    // A double click sent as the same signed request: the case is taken once.
    const take = h.driver.interactiveBody(h.driver.blockActionsPayload(USERS.team, card, actions.takeCase));
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await h.driver.send(take, { timestamp })).status).toBe(200);
    expect((await h.driver.send(take, { timestamp })).status).toBe(200);
    await cardAt(h, card, 2);
    await h.outboxDrained();
    expect(await stored()).toMatchObject({ version: 2, assignee: USERS.team });
    expect(await h.app.db.prisma.caseEvent.count({ where: { type: 'take' } })).toBe(1);

    // A file read sent again: one read, logged once.
    const asked = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.viewFile));
    const body = h.driver.interactiveBody(
      h.driver.viewSubmissionPayload(asked.id, { [ACCESS_REASON_BLOCK]: 'follow_up' }),
    );
    const first = await h.driver.send(body, { timestamp });
    expect(first.json?.response_action).toBe('update');
    const replay = await h.driver.send(body, { timestamp });
    expect(replay.status).toBe(200);
    expect(replay.json?.view).toBeUndefined();
    expect(await h.app.db.prisma.accessLog.count({ where: { userId: USERS.team } })).toBe(1);

    // Absence: the deputy has the référent's access until the day given, not before it is set.
    const refused = await opened(h, () => h.driver.clickButton(OUTSIDER, card, actions.viewFile));
    expect(refused.text).not.toContain('case_file_reason');
    const absence = await opened(h, () => h.driver.slashCommand(USERS.team, 'absence'));
    await h.driver.submitView(absence.id, {
      [absenceBlocks.absent]: USERS.team,
      [absenceBlocks.change]: 'set',
      [absenceBlocks.deputy]: OUTSIDER,
      [absenceBlocks.until]: parisToday(),
    });
    const deputy = await opened(h, () => h.driver.clickButton(OUTSIDER, card, actions.viewFile));
    expect(deputy.text).toContain('case_file_reason');
  });
});
