// The sandbox's first start: the demo members get their roles, the demo teacher enters the demo referrals, and some
// are followed — one child through a whole year — by the same Slack requests a user sends (signed, through the
// emulator), each on its own day (the app's clock moved while it is entered).

import type { RunningApp } from '../bootstrap.js';
import { localDay } from '../domain/dates.js';
import type { JournalKind } from '../domain/journal.js';
import { operatorScopeKey } from '../domain/pathway.js';
import { frDuplicates } from '../i18n/fr.js';
import { actions, intakeBlocks } from '../slack/ids.js';
import { caseBlocks } from '../slack/views/case-modals.js';
import { epsBlocks } from '../slack/views/eps.js';
import { journalBlocks } from '../slack/views/journal.js';
import { ACCESS_REASON_BLOCK } from '../slack/views/modals.js';
import type { FormValue, SlackDriver } from '../slack-emulator/driver.js';
import type { SlackEmulator, StoredMessage } from '../slack-emulator/emulator.js';
import { MemberRepository } from '../store/member-repository.js';
import { OperatorRepository } from '../store/operators.js';
import { DEMO_CHANNELS, DEMO_MEMBERS, demoReferrals, demoYearReferral } from './demo.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * First start: the demo members get their roles (as an operator would), then the demo teacher enters the demo
 * referrals through Slack's own protocol and the cellule member takes some of them on.
 */
export async function seed(
  app: RunningApp,
  slack: SlackEmulator,
  driver: SlackDriver,
  setOffset: (ms: number) => void,
) {
  const members = new MemberRepository(app.db.prisma, [DEMO_MEMBERS.coordinator.id]);
  for (const member of Object.values(DEMO_MEMBERS)) {
    for (const role of member.roles) {
      await members.change({
        userId: member.id,
        role,
        change: 'grant',
        institution: 'institution' in member ? member.institution : undefined,
        actorId: DEMO_MEMBERS.coordinator.id,
        at: new Date(),
      });
    }
  }
  // The AFEV's channel and referent, as the coordinator sets them in `/reperage catalogue`.
  await new OperatorRepository(app.db.prisma).configure({
    key: operatorScopeKey('AFEV'),
    name: 'AFEV',
    channelId: DEMO_CHANNELS.afev.id,
    referents: [DEMO_MEMBERS.operator.id],
    actorId: DEMO_MEMBERS.coordinator.id,
    at: new Date(),
  });
  try {
    // A child's whole year first (the oldest case, numbered first), then the recent demo cases.
    await demoYear(slack, driver, setOffset);
    for (const referral of demoReferrals()) {
      setOffset(-referral.daysAgo * DAY_MS);
      const reference = await refer(slack, driver, referral.form);
      if (!referral.taken) continue;
      const card = await cardOf(slack, reference);
      await driver.clickButton(DEMO_MEMBERS.cellule.id, card, actions.takeCase);
      if (referral.parcours) await demoParcours(slack, driver, card, new Date(Date.now() - referral.daysAgo * DAY_MS));
    }
  } finally {
    setOffset(0);
  }
}

/** The demo teacher's intake, through the slash command and the form, as a user enters it; its reference. */
async function refer(slack: SlackEmulator, driver: SlackDriver, form: Record<string, FormValue>): Promise<string> {
  const teacher = DEMO_MEMBERS.teacher.id;
  await driver.slashCommand(teacher, '', DEMO_CHANNELS.general.id);
  const view = await slack.waitFor(() => slack.modalOf(teacher), 60_000, 'the intake modal');
  // The form's first question, the family's agreement: the app redraws the form for the answer.
  const hash = view.hash;
  await driver.chooseInView(teacher, view.id, intakeBlocks.familyAgreement, String(form[intakeBlocks.familyAgreement]));
  await slack.waitFor(() => slack.views.get(view.id)?.hash !== hash, 60_000, 'the intake form for the answer');
  const answer = await driver.submitView(view.id, form);
  slack.closeView(view.id);
  const reference = /PRE-\d{4}-\d{4,}/.exec(answer.text)?.[0];
  if (!reference) throw new Error('sandbox: a demo referral was refused');
  return reference;
}

/** A case's card in the cellule's channel. */
function cardOf(slack: SlackEmulator, reference: string): Promise<StoredMessage> {
  return slack.waitFor(
    () =>
      slack
        .messagesIn(DEMO_CHANNELS.cellule.id)
        .find(
          (m) =>
            !m.thread_ts && m.text?.includes(reference) && JSON.stringify(m.blocks ?? []).includes(actions.takeCase),
        ),
    60_000,
    `the card of ${reference}`,
  );
}

/** Clicks a card's button as `by`, fills the form it opens, and waits for the card's next version. */
function cardSteps(slack: SlackEmulator, driver: SlackDriver, card: StoredMessage, version: number) {
  return async (by: string, actionId: string, values: Record<string, FormValue>) => {
    await slack.waitFor(() => JSON.stringify(card.blocks).includes(`@${version}"`), 60_000, `card v${version}`);
    const form = await slack.opened(() => driver.clickButton(by, card, actionId), `the form ${actionId}`);
    const answer = await driver.submitView(form.id, values);
    if (answer.json?.response_action === 'errors')
      throw new Error(`sandbox: demo step ${actionId} refused: ${JSON.stringify(answer.json.errors)}`);
    version += 1;
    await slack.waitFor(() => JSON.stringify(card.blocks).includes(`@${version}"`), 60_000, `card v${version}`);
  };
}

/** Opens a case's file as `by` (a reason given, the read logged) and writes a note in its journal de suivi. */
async function journalNote(
  slack: SlackEmulator,
  driver: SlackDriver,
  card: StoredMessage,
  reference: string,
  by: string,
  note: { on: string; kind: JournalKind; text: string },
) {
  const { id: file } = await slack.opened(() => driver.clickButton(by, card, actions.viewFile), 'the reason form');
  await driver.submitView(file, { [ACCESS_REASON_BLOCK]: 'follow_up' });
  const { id: form } = await slack.opened(
    () => driver.clickInView(by, file, actions.journalAdd, reference),
    'the journal form',
    'views.push',
  );
  await driver.submitView(form, {
    [journalBlocks.date]: note.on,
    [journalBlocks.kind]: note.kind,
    [journalBlocks.text]: `${note.text} (note fictive, données de démonstration)`,
  });
  // The user closes the file (the note's confirmation over it): no modal is left open on their screen.
  slack.closeView(form);
  slack.closeView(file);
}

/**
 * One child's year, from the referral to the closure, by the same clicks and forms as its people: the agreement the
 * teacher received (given at school before the referral) completed by the référent; the EPS meeting that decides the
 * entrée en parcours, with its place, who was there and its minutes; objectives and an orientation; the journal de
 * suivi; the same child referred again by a colleague, merged into the case; a bilan; the référent's handover to a
 * colleague; the last bilan, an exit that closes the case. Each step on the day it happens (the app's clock moved).
 */
async function demoYear(slack: SlackEmulator, driver: SlackDriver, setOffset: (ms: number) => void) {
  const year = demoYearReferral();
  const { cellule: referent, coordinator, colleague } = DEMO_MEMBERS;
  const dayOf = (daysAgo: number) => localDay(new Date(Date.now() - daysAgo * DAY_MS), 'Europe/Paris');
  const at = (daysAgo: number) => {
    setOffset(-daysAgo * DAY_MS);
    return dayOf(daysAgo);
  };
  at(year.daysAgo);
  const reference = await refer(slack, driver, { ...year.form, [intakeBlocks.agreementOn]: dayOf(year.daysAgo + 6) });
  const card = await cardOf(slack, reference);
  await driver.clickButton(referent.id, card, actions.takeCase);
  const step = cardSteps(slack, driver, card, 2);

  let day = at(year.daysAgo - 1);
  await step(referent.id, actions.consent, {
    [caseBlocks.givenAction]: 'update',
    [caseBlocks.date]: dayOf(year.daysAgo + 6),
    [caseBlocks.agreementForm]: 'written',
    [caseBlocks.relationship(1)]: 'mother',
    [caseBlocks.authority(1)]: ['yes'],
    [caseBlocks.notice]: ['yes'],
    [caseBlocks.scope]: [operatorScopeKey('IEN'), operatorScopeKey('CMPP')],
  });

  // The EPS meets a week later: place, who is present; it decides the entrée en parcours; the minutes follow.
  day = at(year.daysAgo - 7);
  const { id: eps } = await slack.opened(
    () => driver.slashCommand(coordinator.id, 'eps', DEMO_CHANNELS.cellule.id),
    'the EPS form',
  );
  await driver.submitView(eps, {
    [epsBlocks.heldOn]: day,
    [epsBlocks.place]: 'Salle du conseil, mairie',
    [epsBlocks.institutions]: ['en-ecole'],
    [epsBlocks.attendees]: [referent.id, colleague.id],
  });
  await driver.submitView(eps, {
    [epsBlocks.situation]: reference,
    [epsBlocks.decision]: 'parcours',
    [epsBlocks.referent]: referent.id,
  });
  slack.closeView(eps);
  const agenda = await slack.waitFor(
    () =>
      slack.messagesIn(DEMO_CHANNELS.cellule.id).find((m) => !m.thread_ts && m.text?.startsWith('Réunion de l’EPS')),
    60_000,
    'the EPS agenda',
  );
  const { id: editId } = await slack.opened(
    () => driver.clickButton(referent.id, agenda, actions.epsEdit),
    'the EPS edit form',
  );
  await driver.submitView(editId, {
    [epsBlocks.heldOn]: day,
    [epsBlocks.minutes]: `${reference} : entrée en parcours, référent nommé ; premier rendez-vous avec la famille sous quinze jours.`,
  });
  slack.closeView(editId);
  await slack.waitFor(() => JSON.stringify(card.blocks).includes('@4"'), 60_000, 'card v4 (the EPS decision)');

  day = at(year.daysAgo - 10);
  const next = cardSteps(slack, driver, card, 4);
  await next(referent.id, actions.objectives, {
    [caseBlocks.date]: day,
    [caseBlocks.objective(1)]: 'schooling:lecture',
    [caseBlocks.objective(2)]: 'parenting:lien-ecole',
  });
  await next(referent.id, actions.orient, { [caseBlocks.actions]: ['clubs-lecture'], [caseBlocks.date]: day });
  await journalNote(slack, driver, card, reference, referent.id, {
    on: at(year.daysAgo - 12),
    kind: 'family_interview',
    text: 'Premier entretien avec la mère : objectifs expliqués, accord pour le club lecture.',
  });

  // A colleague refers the same child again, typed otherwise: the référent is told and merges it into the case.
  at(year.daysAgo - 100);
  const again = await refer(slack, driver, {
    ...year.form,
    [intakeBlocks.childFirstName]: String(year.form[intakeBlocks.childLastName]).toUpperCase(),
    [intakeBlocks.childLastName]: String(year.form[intakeBlocks.childFirstName]).toLowerCase(),
  });
  const notice = await slack.waitFor(
    () => slack.messages.find((m) => m.text === frDuplicates.fallback(again)),
    60_000,
    'the duplicate notice',
  );
  await driver.clickButton(coordinator.id, notice, actions.duplicateMerge);
  await slack.waitFor(
    () => slack.threadOf(DEMO_CHANNELS.cellule.id, card.ts).some((m) => m.text === frDuplicates.mergedHere(again)),
    60_000,
    'the merge, in the case’s thread',
  );

  day = at(year.daysAgo - 110);
  await next(referent.id, actions.review, {
    [caseBlocks.rating(1)]: 'partly_achieved',
    [caseBlocks.rating(2)]: 'achieved',
    [caseBlocks.familyView]: 'La famille voit des progrès en lecture (avis fictif).',
    [caseBlocks.date]: day,
    [caseBlocks.parcoursNext]: 'continue',
  });

  // The référent leaves for another post: the coordinator hands the case over to a colleague of the team.
  at(year.daysAgo - 150);
  await next(coordinator.id, actions.referent, { [caseBlocks.referent]: colleague.id });
  await journalNote(slack, driver, card, reference, colleague.id, {
    on: at(year.daysAgo - 155),
    kind: 'call',
    text: 'Appel à la famille : présentation de la nouvelle référente.',
  });

  day = at(year.daysAgo - 200);
  await next(colleague.id, actions.review, {
    [caseBlocks.rating(1)]: 'achieved',
    [caseBlocks.rating(2)]: 'achieved',
    [caseBlocks.date]: day,
    [caseBlocks.parcoursNext]: 'exit',
    [caseBlocks.exitReason]: 'objectives_met',
  });
}

/**
 * A demo case followed through its first steps, by the same clicks and forms as a user: the family's agreement
 * (two legal representatives, the notice given), the entrée en parcours, two objectives, an orientation to the AFEV.
 */
async function demoParcours(slack: SlackEmulator, driver: SlackDriver, card: StoredMessage, at: Date) {
  const day = localDay(at, 'Europe/Paris');
  const referent = DEMO_MEMBERS.cellule.id;
  const next = cardSteps(slack, driver, card, 2);
  const step = (actionId: string, values: Record<string, FormValue>, by: string = referent) =>
    next(by, actionId, values);
  // The teacher received the family's written agreement: the référent completes it, not asks for it again.
  await step(actions.consent, {
    [caseBlocks.givenAction]: 'update',
    [caseBlocks.date]: day,
    [caseBlocks.agreementForm]: 'written',
    [caseBlocks.relationship(1)]: 'mother',
    [caseBlocks.authority(1)]: ['yes'],
    [caseBlocks.relationship(2)]: 'father',
    [caseBlocks.authority(2)]: ['yes'],
    [caseBlocks.notice]: ['yes'],
    [caseBlocks.scope]: [operatorScopeKey('IEN'), operatorScopeKey('AFEV')],
  });
  // Outside an EPS meeting, the coordinator decides the entrée en parcours as a recorded exception.
  await step(
    actions.parcours,
    { [caseBlocks.referent]: referent, [caseBlocks.exceptionReason]: 'eps_too_far', [caseBlocks.date]: day },
    DEMO_MEMBERS.coordinator.id,
  );
  await step(actions.objectives, {
    [caseBlocks.date]: day,
    [caseBlocks.objective(1)]: 'schooling:motivation',
    [caseBlocks.objective(2)]: 'parenting:lien-ecole',
  });
  // An orientation to the AFEV: its liaison sheet goes to the association's channel.
  await step(actions.orient, { [caseBlocks.actions]: ['parrainage-etudiant'], [caseBlocks.date]: day });
}
