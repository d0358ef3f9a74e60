import { afterEach, describe, expect, it } from 'vitest';
import { type CaseEventData, referralAgreementOf, replay } from '../../src/domain/pathway.js';
import { fr, frCase } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { caseBlocks as cb } from '../../src/slack/views/case-modals.js';
import type { StoredMessage } from '../../src/slack-emulator/emulator.js';
import { canary } from '../support/canary.js';
import { agree, cardAt, openForm, openHome } from '../support/case-flows.js';
import {
  agreementAnswer,
  CHANNELS,
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

/** A case referred with the family's written agreement, or (`informed`) a situation à examiner: no agreement yet. */
async function setUp(agreement: 'agreed_written' | 'informed' = 'agreed_written') {
  h = await startHarness();
  await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
  const viewId = await h.openIntake(USERS.teacher, agreement === 'informed' ? 'informed' : undefined);
  await h.driver.submitView(viewId, agreement === 'informed' ? preReferralForm() : intakeForm());
  const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
  return card;
}

const buttons = (card: StoredMessage) =>
  (
    (card.blocks as { type: string; elements?: { action_id: string }[] }[]).find((b) => b.type === 'actions')
      ?.elements ?? []
  ).map((e) => e.action_id);

async function lastEphemeral(count: number) {
  const call = await h.slack.waitFor(() => h.slack.accepted('chat.postEphemeral')[count - 1], 60_000, 'ephemeral');
  return String(call.args.text);
}

describe('the pathway from Slack', () => {
  it('follows a case from referral to closure and reopening, with the card, its thread and the history', async () => {
    const card = await setUp();
    const today = parisToday();
    // The teacher received the family's written agreement: it is in force, for the team to complete.
    expect(JSON.stringify(card.blocks)).toContain(frCase.consentToComplete);
    expect(buttons(card)).toEqual([
      actions.takeCase,
      actions.consent,
      actions.parcours,
      actions.close,
      actions.informationPreoccupante,
      actions.viewFile,
    ]);

    // A member of the channel without a role in the app cannot take the case.
    await h.driver.clickButton(USERS.socialWorker, card, actions.takeCase);
    expect(await lastEphemeral(1)).toBe(frCase.rejection.not_allowed);

    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    expect(JSON.stringify(card.blocks)).toContain(fr.status.in_analysis);
    expect(JSON.stringify(card.blocks)).toContain(`<@${USERS.team}>`);

    // The référent's App Home lists it to complete; completed, not asked again: the form keeps the agreement's day
    // and form, and asks who agreed.
    expect(await openHome(h, USERS.team)).toContain(frCase.home.agreementsToComplete);
    let form = await openForm(h, USERS.team, card, actions.consent);
    const shown = JSON.stringify(h.slack.views.get(form)?.view);
    expect(shown).not.toContain(`"${cb.channel}"`);
    expect(shown).toContain(`"initial_date":"${today}"`);
    const incomplete = await h.driver.submitView(form, { [cb.givenAction]: 'update' });
    expect(incomplete.json?.errors).toEqual({
      [cb.relationship(1)]: frCase.modal.whoRequired,
      [cb.notice]: frCase.modal.noticeRequired,
    });
    await h.driver.submitView(form, {
      [cb.givenAction]: 'update',
      [cb.date]: today,
      ...agreementAnswer(['IEN', 'AADEF']),
      [cb.formReference]: canary('Formulaire'),
    });
    await cardAt(h, card, 3);
    expect(JSON.stringify(card.blocks)).toContain(frCase.consent.given);
    expect(JSON.stringify(card.blocks)).not.toContain(frCase.consentToComplete);
    expect(await openHome(h, USERS.team)).not.toContain(frCase.home.agreementsToComplete);
    expect(buttons(card)).toContain(actions.orient);

    form = await openForm(h, USERS.team, card, actions.orient);
    await h.driver.submitView(form, { [cb.actions]: ['clubs-lecture', 'mediation-familiale'], [cb.date]: today });
    await cardAt(h, card, 4);
    expect(JSON.stringify(card.blocks)).toContain('Clubs Lecture — proposée');
    expect(JSON.stringify(card.blocks)).toContain(fr.status.oriented);

    form = await openForm(h, USERS.team, card, actions.progress);
    const orientations = await h.app.db.prisma.orientation.findMany({ orderBy: { actionId: 'asc' } });
    const clubs = orientations.find((o) => o.actionId === 'clubs-lecture');
    await h.driver.submitView(form, { [cb.orientation]: clubs?.id, [cb.step]: 'start', [cb.date]: today });
    await cardAt(h, card, 5);
    expect(JSON.stringify(card.blocks)).toContain('Clubs Lecture — en cours');

    // The family withdraws its agreement: what was running is stopped, what never started is cancelled — never
    // "terminée" — and the case goes back to analysis.
    form = await openForm(h, USERS.team, card, actions.consent);
    await h.driver.submitView(form, { [cb.givenAction]: 'withdraw', [cb.date]: today });
    await cardAt(h, card, 6);
    const ended = await h.app.db.prisma.orientation.findMany({ orderBy: { actionId: 'asc' } });
    expect(ended.map((o) => [o.actionId, o.status, o.outcome])).toEqual([
      ['clubs-lecture', 'stopped', 'consent_withdrawn'],
      ['mediation-familiale', 'cancelled', 'consent_withdrawn'],
    ]);
    expect(JSON.stringify(card.blocks)).toContain('Clubs Lecture — arrêtée');
    expect(buttons(card)).toEqual([actions.consent, actions.close, actions.informationPreoccupante, actions.viewFile]);

    form = await openForm(h, USERS.team, card, actions.close);
    const missing = await h.driver.submitView(form, { [cb.reason]: 'other' });
    expect(missing.json?.errors).toEqual({ [cb.otherReason]: frCase.modal.otherRequired });
    await h.driver.submitView(form, { [cb.reason]: 'other', [cb.otherReason]: canary('Motif') });
    await cardAt(h, card, 7);
    expect(JSON.stringify(card.blocks)).toContain(fr.status.closed);
    expect(buttons(card)).toEqual([actions.reopen, actions.viewFile]);

    await h.driver.clickButton(USERS.team, card, actions.reopen);
    expect(await lastEphemeral(2)).toBe(frCase.rejection.coordinator_only);
    await h.driver.clickButton(USERS.coordinator, card, actions.reopen);
    await cardAt(h, card, 8);
    expect(JSON.stringify(card.blocks)).toContain(fr.status.in_analysis);

    // Every change left a level-2 line in the card's thread, and the history replays to the stored state.
    await h.slack.waitFor(() => h.slack.threadOf(CHANNELS.cellule, card.ts).length === 7, 60_000, 'thread lines');
    const thread = h.slack.threadOf(CHANNELS.cellule, card.ts).map((m) => m.text ?? '');
    expect(thread[0]).toContain(`<@${USERS.team}> ${frCase.line.take}`);
    expect(thread.at(-1)).toContain(frCase.line.reopen);
    const referral = await h.app.db.prisma.referral.findFirstOrThrow();
    const events = await h.app.db.prisma.caseEvent.findMany({ orderBy: { version: 'asc' } });
    expect(events.map((e) => e.type)).toEqual([
      'referred',
      'take',
      'record_consent_given',
      'orient',
      'start_orientation',
      'withdraw_consent',
      'close',
      'reopen',
    ]);
    const replayed = replay(
      events.slice(1).map((e) => ({ ...(e.details as object), type: e.type, actorId: e.actorId }) as CaseEventData),
      { agreement: referralAgreementOf(events[0]?.details) },
    );
    expect(replayed).toEqual(referral.pathway);
    // Completing the agreement the teacher received is no second agreement: the figures count one.
    expect(await h.app.db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM family_agreements`).toEqual([
      { n: 1 },
    ]);
    // Free texts typed in the forms are sealed, not in the history.
    expect(await h.app.db.prisma.sensitiveValue.count({ where: { field: 'closureNote' } })).toBe(1);
  });

  it('a click on an outdated card changes nothing and says so; two takes at once: one wins', async () => {
    const card = await setUp();
    const old = structuredClone(card);
    // Two members of the cellule's channel click at once.
    await Promise.all([
      h.driver.clickButton(USERS.team, card, actions.takeCase),
      h.driver.clickButton(USERS.coordinator, card, actions.takeCase),
    ]);
    const text = await lastEphemeral(1);
    expect([frCase.staleCard(String((await h.app.db.prisma.referral.findFirstOrThrow()).reference))]).toContain(text);
    expect(await h.app.db.prisma.caseEvent.count({ where: { type: 'take' } })).toBe(1);

    await cardAt(h, card, 2);
    const before = h.slack.accepted('views.open').length;
    // Whichever of the two won (either may), a click of theirs on the card as it was is told it changed.
    const winner = (await h.app.db.prisma.referral.findFirstOrThrow()).assigneeUserId ?? USERS.team;
    await h.driver.clickButton(winner, old, actions.consent);
    expect(await lastEphemeral(2)).toContain('a changé');
    expect(h.slack.accepted('views.open')).toHaveLength(before);
  });
});

describe('a family that says no', () => {
  it('records why as a code on the card’s thread; the free text is sealed as level 1', async () => {
    const card = await setUp('informed');
    const today = parisToday();
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    let form = await openForm(h, USERS.team, card, actions.consent);
    await h.driver.submitView(form, { [cb.channel]: 'phone', [cb.date]: today });
    await cardAt(h, card, 3);
    form = await openForm(h, USERS.team, card, actions.consent);
    const note = canary('Motif');
    await h.driver.submitView(form, {
      [cb.answer]: 'refused',
      [cb.refusalCode]: 'already_supported',
      [cb.refusalReason]: note,
      [cb.date]: today,
    });
    await cardAt(h, card, 4);
    const refusal = await h.app.db.prisma.caseEvent.findFirstOrThrow({ where: { type: 'record_consent_refused' } });
    expect(refusal.details).toMatchObject({ reason: 'already_supported' });
    expect(JSON.stringify(refusal.details)).not.toContain(note);
    await h.slack.waitFor(
      () =>
        h.slack
          .threadOf(CHANNELS.cellule, card.ts)
          .some((m) => (m.text ?? '').includes(frCase.refusalReason.already_supported)),
      60_000,
      'the refusal in the thread',
    );
    expect(await h.app.db.prisma.sensitiveValue.count({ where: { field: 'consentRefusalReason' } })).toBe(1);
  });
});

describe('evaluation and the catalogue', () => {
  it('evaluates the orientations and the case, then continues', async () => {
    const card = await setUp();
    const today = parisToday();
    const prisma = h.app.db.prisma;
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    let form = await openForm(h, USERS.team, card, actions.consent);
    const closing = await h.driver.submitView(form, {
      [cb.givenAction]: 'update',
      [cb.date]: today,
      ...agreementAnswer(['IEN']),
    });
    // An empty ack closes the modal, as in Slack: it cannot be submitted a second time.
    expect(closing.text).toBe('');
    expect(h.slack.views.get(form)?.closed).toBe(true);
    expect(() => h.driver.viewSubmissionPayload(form, {})).toThrow(/closed/);
    await cardAt(h, card, 3);
    form = await openForm(h, USERS.team, card, actions.orient);
    // The CMPP is outside what the family agreed to share: the partner named, the agreement's form pushed over the
    // orientation's for the référent, who may update it.
    const outside = await h.driver.submitView(form, { [cb.actions]: ['ecoute-colleges'], [cb.date]: today });
    expect(outside.json?.response_action).toBe('push');
    const pushed = h.slack.pushedOver(form);
    if (!pushed) throw new Error('no agreement form pushed');
    expect(JSON.stringify(pushed.view)).toContain(frCase.outsideScope(['CMPP'], true));
    // Each partner once in the agreement: the CMPP of the lists and the catalogue's are one entry.
    const scopeBlock = (
      pushed.view.blocks as { block_id?: string; element?: { options?: { text: { text: string } }[] } }[]
    ).find((block) => block.block_id === cb.scope);
    const labels = scopeBlock?.element?.options?.map((o) => o.text.text) ?? [];
    for (const partner of ['CMPP', 'AFEV', 'OMJA'])
      expect(labels.filter((l) => l.includes(partner))).toEqual([partner]);
    await h.driver.submitView(pushed.id, {
      [cb.givenAction]: 'update',
      [cb.date]: today,
      ...agreementAnswer(['IEN', 'CMPP']),
    });
    await cardAt(h, card, 4);
    // Back to the orientation's form: drawn again for the new agreement, the choice kept; it goes through.
    expect((await h.driver.submitView(form, {})).json?.response_action).toBe('update');
    expect((await h.driver.submitView(form, {})).json?.response_action).toBeUndefined();
    await cardAt(h, card, 5);
    const [orientation] = await prisma.orientation.findMany();
    form = await openForm(h, USERS.team, card, actions.progress);
    const future = '2999-01-01';
    const early = await h.driver.submitView(form, {
      [cb.orientation]: orientation?.id,
      [cb.step]: 'start',
      [cb.date]: future,
    });
    expect(early.json?.errors).toEqual({ [cb.date]: frCase.modal.futureDate });
    await h.driver.submitView(form, { [cb.orientation]: orientation?.id, [cb.step]: 'start', [cb.date]: today });
    await cardAt(h, card, 6);

    form = await openForm(h, USERS.team, card, actions.evaluate);
    await h.driver.submitView(form, {
      [cb.caseResult]: 'partly_achieved',
      [cb.orientationResult(0)]: 'achieved',
      [cb.date]: today,
      [cb.next]: 'continue',
    });
    await cardAt(h, card, 7);
    const evaluation = await prisma.caseEvent.findFirstOrThrow({ where: { type: 'evaluate' } });
    expect(evaluation.details).toMatchObject({
      caseResult: 'partly_achieved',
      orientationResults: { [String(orientation?.id)]: 'achieved' },
      next: 'continue',
    });
    expect((await prisma.referral.findFirstOrThrow()).status).toBe('in_progress');

    form = await openForm(h, USERS.team, card, actions.progress);
    const noResult = await h.driver.submitView(form, {
      [cb.orientation]: orientation?.id,
      [cb.step]: 'end',
      [cb.date]: today,
    });
    expect(noResult.json?.errors).toEqual({ [cb.result]: frCase.modal.outcomeRequired });
    await h.driver.submitView(form, {
      [cb.orientation]: orientation?.id,
      [cb.step]: 'end',
      [cb.date]: today,
      [cb.result]: 'not_achieved',
    });
    await cardAt(h, card, 8);
    expect(await prisma.orientation.findFirstOrThrow()).toMatchObject({ status: 'ended', outcome: 'not_achieved' });
  });

  it('lets a coordinator add, rename and retire actions (retiring keeps the action for past cases)', async () => {
    h = await startHarness();
    const refused = await h.driver.slashCommand(USERS.teacher, 'catalogue');
    expect(refused.json?.text).toBe(frCase.catalogue.coordinatorOnly);

    const open = async () => {
      const before = h.slack.accepted('views.open').length;
      await h.driver.slashCommand(USERS.coordinator, 'catalogue');
      const call = await h.slack.waitFor(() => h.slack.accepted('views.open')[before], 60_000, 'catalogue form');
      return String((call.response.view as { id: string }).id);
    };
    const b = { op: 'catalogue_operation', action: 'catalogue_action', axis: 'catalogue_axis' };
    let form = await open();
    const incomplete = await h.driver.submitView(form, { [b.op]: 'add', catalogue_title: 'Atelier théâtre' });
    expect(Object.keys(incomplete.json?.errors as object).sort()).toEqual([b.axis, 'catalogue_operator']);
    // One partner, one name: another spelling of a known partner is refused with the name to use.
    for (const other of ['Office Municipal de la Jeunesse (OMJA)', 'OMJA d’Aubervilliers', 'Le CMPP du centre']) {
      const twice = await h.driver.submitView(form, {
        [b.op]: 'add',
        [b.axis]: 'schooling',
        catalogue_title: 'Atelier théâtre',
        catalogue_operator: other,
      });
      expect(twice.json?.errors).toEqual({
        catalogue_operator: frCase.catalogue.otherName(other.includes('CMPP') ? 'CMPP' : 'OMJA'),
      });
    }
    expect(await h.app.db.prisma.catalogueAction.count({ where: { id: 'atelier-theatre' } })).toBe(0);
    const theatre = {
      [b.op]: 'add',
      [b.axis]: 'schooling',
      catalogue_title: 'Atelier théâtre',
      catalogue_operator: 'OMJA',
      catalogue_age_min: '6',
      catalogue_age_max: '11',
      catalogue_places: '12',
      catalogue_waiting_list: 'yes',
      catalogue_funder: 'Ville',
    };
    // The children the action takes are 2 to 16, the range the right way round.
    for (const [field, value, issue] of [
      ['catalogue_age_max', '18', 'age'],
      ['catalogue_age_max', '5', 'age_order'],
      ['catalogue_places', 'douze', 'places'],
    ] as const)
      expect((await h.driver.submitView(form, { ...theatre, [field]: value })).json?.errors).toEqual({
        [field]: frCase.catalogue.invalid[issue],
      });
    expect(await h.app.db.prisma.catalogueAction.count({ where: { id: 'atelier-theatre' } })).toBe(0);
    await h.driver.submitView(form, theatre);
    const added = await h.app.db.prisma.catalogueAction.findUniqueOrThrow({ where: { id: 'atelier-theatre' } });
    expect(added).toMatchObject({
      axis: 'schooling',
      operator: 'OMJA',
      retiredAt: null,
      ageMin: 6,
      ageMax: 11,
      places: 12,
      waitingList: true,
      funder: 'Ville',
      teamId: 'TPRE0001',
    });
    // Keyed by the workspace, as the actions the installation shipped (claimed at the start that knew it).
    expect(await h.app.db.prisma.catalogueAction.count({ where: { teamId: null } })).toBe(0);
    form = await open();
    expect(JSON.stringify(h.slack.views.get(form)?.view)).toContain('6–11 ans · 12 places · liste d’attente');

    // A blank field keeps what the action had.
    const renamed = await h.driver.submitView(form, {
      [b.op]: 'rename',
      [b.action]: 'atelier-theatre',
      catalogue_title: 'Théâtre',
      catalogue_places: '10',
    });
    expect(renamed.json?.response_action).toBe('update');
    expect(await h.app.db.prisma.catalogueAction.findUniqueOrThrow({ where: { id: 'atelier-theatre' } })).toMatchObject(
      {
        title: 'Théâtre',
        ageMin: 6,
        places: 10,
        funder: 'Ville',
      },
    );
    form = await open();
    await h.driver.submitView(form, { [b.op]: 'retire', [b.action]: 'atelier-theatre' });
    const retired = await h.app.db.prisma.catalogueAction.findUniqueOrThrow({ where: { id: 'atelier-theatre' } });
    expect(retired.title).toBe('Théâtre');
    expect(retired.retiredAt).not.toBeNull();
    expect(await h.app.db.prisma.catalogueAction.count({ where: { retiredAt: null } })).toBe(15);
    // Offered again for a new school year.
    form = await open();
    await h.driver.submitView(form, { [b.op]: 'restore', [b.action]: 'atelier-theatre' });
    expect(await h.app.db.prisma.catalogueAction.count({ where: { retiredAt: null } })).toBe(16);
  });
});

describe('dates tell the truth, from Slack', () => {
  it('refuses a consent request dated before the referral, beside the date, with the earliest day', async () => {
    const card = await setUp('informed');
    // The referral's own day, not the clock's: the test holds across midnight.
    const { referredAt } = await h.app.db.prisma.referral.findFirstOrThrow();
    const today = parisToday(referredAt);
    const yesterday = parisToday(new Date(referredAt.getTime() - 86_400_000));
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    const form = await openForm(h, USERS.team, card, actions.consent);
    const early = await h.driver.submitView(form, { [cb.channel]: 'phone', [cb.date]: yesterday });
    expect(early.json?.errors).toEqual({
      [cb.date]: frCase.dateRejection.date_before_referral(today.split('-').reverse().join('/')),
    });
    expect(await h.app.db.prisma.caseEvent.count({ where: { type: 'request_consent' } })).toBe(0);
    await h.driver.submitView(form, { [cb.channel]: 'phone', [cb.date]: today });
    await cardAt(h, card, 3);
  });
});

describe('information préoccupante', () => {
  it('records that one was sent (when, parents informed or why not), never its content, and tells the coordinators', async () => {
    const card = await setUp();
    const { referredAt, reference } = await h.app.db.prisma.referral.findFirstOrThrow();
    const today = parisToday(referredAt);
    // Recorded by the case's people: the team member examines it first.
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    const form = await openForm(h, USERS.team, card, actions.informationPreoccupante);
    expect(JSON.stringify(h.slack.views.get(form)?.view)).toContain('CRIP');
    const why = await h.driver.submitView(form, { [cb.date]: today, [cb.ipParents]: 'no' });
    expect(why.json?.errors).toEqual({ [cb.ipReason]: frCase.modal.ipReasonRequired });
    await h.driver.submitView(form, { [cb.date]: today, [cb.ipParents]: 'no', [cb.ipReason]: 'danger_for_child' });
    await cardAt(h, card, 3);
    const event = await h.app.db.prisma.caseEvent.findFirstOrThrow({
      where: { type: 'record_information_preoccupante' },
    });
    expect(event.details).toEqual({ on: today, parentsInformed: false, notInformedReason: 'danger_for_child' });
    const notice = await h.slack.waitFor(() => h.slack.messagesIn(`D${USERS.coordinator.slice(1)}`)[0], 60_000, 'DM');
    expect(notice.text).toBe(frCase.ipNotice(reference, USERS.team, today.split('-').reverse().join('/'), false));
    const line = await h.slack.waitFor(
      () => h.slack.threadOf(card.channel, card.ts).find((m) => m.text?.includes('information préoccupante')),
      60_000,
      'thread line',
    );
    expect(line.text).toContain('parents non informés');
  });
});

describe('an open form and changes by others', () => {
  it('goes through after a change elsewhere; drawn again with what was typed when what it shows changed', async () => {
    const card = await setUp();
    const prisma = h.app.db.prisma;
    const today = parisToday((await prisma.referral.findFirstOrThrow()).referredAt);
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    await agree(h, card, today);

    // The référent starts an orientation; meanwhile the same case gets an unrelated record (an IP).
    const orient = await openForm(h, USERS.team, card, actions.orient);
    const ip = await openForm(h, USERS.team, card, actions.informationPreoccupante);
    await h.driver.submitView(ip, { [cb.date]: today, [cb.ipParents]: 'yes' });
    await cardAt(h, card, 4);
    const through = await h.driver.submitView(orient, { [cb.actions]: ['clubs-lecture'], [cb.date]: today });
    expect(through.json?.response_action).toBeUndefined();
    await cardAt(h, card, 5);
    expect((await prisma.orientation.findMany()).map((o) => o.actionId)).toEqual(['clubs-lecture']);

    // What the form shows changes (the family now also agrees to share with the CMPP): drawn again, the change said.
    const late = await openForm(h, USERS.team, card, actions.orient);
    const consent = await openForm(h, USERS.team, card, actions.consent);
    await h.driver.submitView(consent, {
      [cb.givenAction]: 'update',
      [cb.date]: today,
      ...agreementAnswer(['IEN', 'CMPP']),
    });
    await cardAt(h, card, 6);
    const redrawn = await h.driver.submitView(late, { [cb.actions]: ['ecoute-colleges'], [cb.date]: today });
    expect(redrawn.json?.response_action).toBe('update');
    expect(JSON.stringify(redrawn.json?.view)).toContain(frCase.facet.agreement);
    expect(await prisma.orientation.count()).toBe(1);
    // Nothing typed again: Slack kept the choice in the redrawn form, which now goes through.
    const kept = await h.driver.submitView(late, {});
    expect(kept.json?.response_action).toBeUndefined();
    await cardAt(h, card, 7);
    expect((await prisma.orientation.findMany({ orderBy: { actionId: 'asc' } })).map((o) => o.actionId)).toEqual([
      'clubs-lecture',
      'ecoute-colleges',
    ]);
  });
});
