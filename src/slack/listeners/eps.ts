import type { ViewResponseAction } from '@slack/bolt';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { z } from 'zod';
import { frenchDay, localDay, parseDay } from '../../domain/dates.js';
import { type CaseCommand, EPS_DECISIONS, NO_FOLLOW_UP_REASONS } from '../../domain/pathway.js';
import { holds } from '../../domain/policy.js';
import { canReadIdentity, type Role } from '../../domain/roles.js';
import { frCase, frEps } from '../../i18n/fr.js';
import { agendaLane, agendaPostKey, type EpsMeeting, type MeetingEdit } from '../../store/eps-meetings.js';
import type { OutboxEntry } from '../../store/outbox.js';
import { runCaseCommand } from '../../use-cases/run-case-command.js';
import type { AppServices } from '../services.js';
import {
  buttonClick,
  choiceOf,
  choicesOf,
  dateOf,
  textOf,
  userOf,
  usersOf,
  type ViewState,
  viewSubmission,
} from '../view-state.js';
import {
  epsBlocks as b,
  epsAgendaMessage,
  epsDecisionModal,
  epsMinutesModal,
  epsScheduleModal,
  MINUTES_MAX,
  PLACE_MAX,
} from '../views/eps.js';
import { messageModal } from '../views/modals.js';
import { caseDeps, outcomeMessage } from './case-support.js';
import { blockError, inModal, onClick, onSubmit } from './handlers.js';

const submissionSchema = viewSubmission(z.string().max(40).optional());

/** The meeting's form read: its day within bounds, where, who was there (members who work on cases), the minutes. */
async function readMeeting(
  s: AppServices,
  values: ViewState,
  roles: readonly Role[],
): Promise<{ meeting: Omit<MeetingEdit, 'by'> } | { answer: ViewResponseAction }> {
  const heldOn = dateOf(values, b.heldOn);
  if (!heldOn || !parseDay(heldOn)) return { answer: blockError(b.heldOn, frCase.modal.required) };
  // A meeting is planned ahead, or recorded soon after it was held: not years away either way.
  const today = localDay(s.now(), s.config.timeZone);
  const bound = (months: number) => format(addMonths(parseISO(today), months), 'yyyy-MM-dd');
  const outOfRange =
    heldOn > bound(MEETING_AHEAD_MONTHS)
      ? frEps.tooFarAhead(MEETING_AHEAD_MONTHS)
      : heldOn < bound(-MEETING_BACK_MONTHS)
        ? frEps.tooLongAgo(MEETING_BACK_MONTHS)
        : undefined;
  if (outOfRange) return { answer: blockError(b.heldOn, outOfRange) };
  if (!canReadIdentity(roles)) return { answer: inModal(frEps.scheduleTitle, frEps.teamOnly) };
  const known = new Set(s.lists.institutions.map((i) => i.id));
  const institutions = choicesOf(values, b.institutions).filter((i) => known.has(i));
  const attendees = usersOf(values, b.attendees).filter((u) => /^[UW][A-Z0-9]{2,31}$/.test(u));
  if (attendees.length === 0) return { answer: blockError(b.attendees, frCase.modal.required) };
  // Who records the meeting's decisions is recorded here: members who work on cases only.
  const profiles = await Promise.all(attendees.map((u) => s.members.profile(u)));
  const withoutRole = attendees.filter((_, i) => !canReadIdentity(profiles[i]?.roles ?? []));
  if (withoutRole.length > 0) {
    const mentions = withoutRole.map((u) => `<@${u}>`).join(', ');
    return { answer: blockError(b.attendees, frEps.attendeesWithoutRole(mentions)) };
  }
  const place = textOf(values, b.place)?.slice(0, PLACE_MAX);
  const minutes = textOf(values, b.minutes)?.slice(0, MINUTES_MAX);
  return { meeting: { heldOn, institutions, attendees, ...(place ? { place } : {}), ...(minutes ? { minutes } : {}) } };
}

/** The agenda's post in the cellule's channel, and the update that redraws it (after it, in its lane). */
const agendaPost = (s: AppServices, m: EpsMeeting): OutboxEntry => ({
  dedupeKey: agendaPostKey(m.id),
  kind: 'post',
  destination: { kind: 'cellule' },
  message: epsAgendaMessage(m, s.labels),
  lane: agendaLane(m.id),
});
const agendaRedraw = (s: AppServices, m: EpsMeeting, at: Date): OutboxEntry => ({
  dedupeKey: `${agendaPostKey(m.id)}:${at.getTime()}`,
  kind: 'message_update',
  of: agendaPostKey(m.id),
  lane: agendaLane(m.id),
  message: epsAgendaMessage(m, s.labels),
});

/** A meeting scheduled: its agenda drawn from the cases and posted to the cellule (through the outbox). */
export function epsScheduled(s: AppServices) {
  const unreadable = blockError(b.heldOn, frCase.modal.required);
  return onSubmit(submissionSchema, unreadable, async (submission, { ack }) => {
    const { roles } = await s.members.profile(submission.user.id);
    const read = await readMeeting(s, submission.view.state.values, roles);
    if ('answer' in read) return ack(read.answer);
    const meeting = await s.eps.schedule({ ...read.meeting, createdBy: submission.user.id }, (m) => [agendaPost(s, m)]);
    await ack({ response_action: 'update', view: epsDecisionModal(meeting, s.lists, new Set()) });
    s.kickOutbox();
  });
}

/** "Modifier, compte rendu": the meeting's form for whoever records its decisions; its minutes for other members. */
export function epsEditClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const { roles, meeting } = await clickedMeeting(s, click);
    const view = !meeting
      ? messageModal(frEps.scheduleTitle, frEps.notFound)
      : meeting.cancelledAt
        ? messageModal(frEps.scheduleTitle, frEps.cancelled)
        : mayRecordDecisions(meeting, click.user.id, roles)
          ? epsScheduleModal(s.lists, localDay(s.now(), s.config.timeZone), meeting)
          : canReadIdentity(roles)
            ? epsMinutesModal(meeting)
            : messageModal(frEps.scheduleTitle, frEps.teamOnly);
    await client.views.open({ trigger_id: click.trigger_id, view });
  });
}

/** The meeting changed: recorded, its agenda redrawn in the cellule's channel. */
export function epsEdited(s: AppServices) {
  const notFound = inModal(frEps.scheduleTitle, frEps.notFound);
  return onSubmit(submissionSchema, notFound, async (submission, { ack }) => {
    const before = await s.eps.find(submission.view.private_metadata ?? '');
    if (!before) return ack(notFound);
    const { roles } = await s.members.profile(submission.user.id);
    if (!mayRecordDecisions(before, submission.user.id, roles))
      return ack(inModal(frEps.scheduleTitle, frEps.presentOnly));
    const read = await readMeeting(s, submission.view.state.values, roles);
    if ('answer' in read) return ack(read.answer);
    const now = s.now();
    const edited = await s.eps.edit(before.id, { ...read.meeting, by: submission.user.id }, (m) => [
      agendaRedraw(s, m, now),
    ]);
    if ('refused' in edited)
      return ack(
        edited.refused === 'decided'
          ? blockError(b.heldOn, frEps.decidedKeepsDay)
          : inModal(frEps.scheduleTitle, edited.refused === 'cancelled' ? frEps.cancelled : frEps.notFound),
      );
    s.logger.info({ meetingId: before.id, by: submission.user.id }, 'eps: meeting changed');
    await ack(inModal(frEps.scheduleTitle, frEps.updated(frenchDay(edited.meeting.heldOn))));
    s.kickOutbox();
  });
}

/** "Annuler la réunion" (Slack asked to confirm): a meeting without decisions is cancelled, its agenda says so. */
export function epsCancelClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const { roles, meeting } = await clickedMeeting(s, click);
    const tell = (text: string) =>
      client.views.open({ trigger_id: click.trigger_id, view: messageModal(frEps.scheduleTitle, text) });
    if (!meeting) return void (await tell(frEps.notFound));
    if (!mayRecordDecisions(meeting, click.user.id, roles)) return void (await tell(frEps.presentOnly));
    const now = s.now();
    const cancelled = await s.eps.cancel(meeting.id, click.user.id, now, (m) => [agendaRedraw(s, m, now)]);
    if ('refused' in cancelled)
      return void (await tell(
        cancelled.refused === 'decided'
          ? frEps.hasDecisions
          : cancelled.refused === 'cancelled'
            ? frEps.cancelled
            : frEps.notFound,
      ));
    s.logger.info({ meetingId: meeting.id, by: click.user.id }, 'eps: meeting cancelled');
    s.kickOutbox();
    await tell(frEps.cancelDone(frenchDay(meeting.heldOn)));
  });
}

/** The form opens to whoever the policy lets record a decision: a coordinator, or a member recorded as present. */
const mayRecordDecisions = (meeting: EpsMeeting, userId: string, roles: readonly Role[]) =>
  holds('eps_decision', { roles }, meeting.attendees.includes(userId) ? 'eps_member' : 'none');

/** How far ahead a meeting may be planned, and how long after it was held it may still be recorded. */
const MEETING_AHEAD_MONTHS = 6;
const MEETING_BACK_MONTHS = 3;

const clickSchema = buttonClick(z.string().regex(/^\d{1,18}$/));

/** A click on an agenda's button: who clicked (their roles) and the meeting (its id is the button's value). */
async function clickedMeeting(s: AppServices, click: z.infer<typeof clickSchema>) {
  const [{ roles }, meeting] = await Promise.all([
    s.members.profile(click.user.id),
    s.eps.find(click.actions[0].value),
  ]);
  return { roles, meeting };
}

/** "Enregistrer une décision" on an agenda: the decision form, for the cellule and team members. */
export function epsDecideClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const { roles, meeting } = await clickedMeeting(s, click);
    const view = !meeting
      ? messageModal(frEps.decisionTitle, frEps.notFound)
      : meeting.cancelledAt
        ? messageModal(frEps.decisionTitle, frEps.cancelled)
        : !mayRecordDecisions(meeting, click.user.id, roles)
          ? messageModal(frEps.decisionTitle, frEps.presentOnly)
          : epsDecisionModal(meeting, s.lists, await s.eps.decided(meeting.id));
    await client.views.open({ trigger_id: click.trigger_id, view });
  });
}

/** One decision on one situation: a pathway event like any other (the rules decide), then the form again. */
export function epsDecided(s: AppServices) {
  const notFound: ViewResponseAction = {
    response_action: 'update',
    view: messageModal(frEps.decisionTitle, frEps.notFound),
  };
  return onSubmit(submissionSchema, notFound, async (submission, { ack }) => {
    const meeting = await s.eps.find(submission.view.private_metadata ?? '');
    if (!meeting) return ack(notFound);
    if (meeting.cancelledAt) return ack(inModal(frEps.decisionTitle, frEps.cancelled));
    const state = submission.view.state.values;
    const reference = choiceOf(state, b.situation);
    const decision = EPS_DECISIONS.find((d) => d === choiceOf(state, b.decision));
    const errors: Record<string, string> = {};
    if (!reference || !meeting.agenda.some((a) => a.reference === reference))
      errors[b.situation] = frCase.modal.required;
    if (!decision) errors[b.decision] = frCase.modal.required;
    const found = reference ? await s.cases.load(reference) : undefined;
    if (reference && !found) errors[b.situation] = frCase.notFound;
    if (!found || !decision || Object.keys(errors).length > 0) return ack({ response_action: 'errors', errors });
    // A decision is the meeting's: taken on the day it is held, never before (nor dated in the future).
    const today = localDay(s.now(), s.config.timeZone);
    if (meeting.heldOn > today)
      return ack({ response_action: 'errors', errors: { [b.decision]: frEps.notYetHeld(frenchDay(meeting.heldOn)) } });
    const on = meeting.heldOn;
    const command: CaseCommand = {
      type: 'eps_decision',
      on,
      meetingId: meeting.id,
      decision,
      ...(decision === 'parcours'
        ? {
            referentUserId: userOf(state, b.referent),
            nextReviewOn: format(addMonths(parseISO(on), s.settings.current().reviewMonths), 'yyyy-MM-dd'),
          }
        : {}),
      ...(decision === 'relay'
        ? { relayTo: s.lists.institutions.find((i) => i.id === choiceOf(state, b.relayTo))?.id }
        : {}),
      ...(decision === 'no_follow_up'
        ? { noFollowUpReason: NO_FOLLOW_UP_REASONS.find((r) => r === choiceOf(state, b.noFollowUpReason)) }
        : {}),
    };
    const outcome = await runCaseCommand(caseDeps(s), {
      reference: found.summary.reference,
      expectedVersion: found.state.version,
      userId: submission.user.id,
      command,
      now: s.now(),
      // The situation is on the agenda (checked above); the policy asks whether this person was there.
      atMeeting: meeting.attendees.includes(submission.user.id),
    });
    // A situation referred after the meeting cannot have been examined there: said as such, not as a date to fix.
    const problem =
      outcome.kind === 'rejected' && outcome.reason === 'date_before_referral' && outcome.limit
        ? frEps.referredAfterMeeting(found.summary.reference, frenchDay(outcome.limit), frenchDay(meeting.heldOn))
        : outcomeMessage(found.summary.reference, outcome);
    if (problem) {
      const anchor =
        outcome.kind === 'rejected' && outcome.reason === 'decision_incomplete'
          ? decision === 'parcours'
            ? b.referent
            : decision === 'relay'
              ? b.relayTo
              : b.noFollowUpReason
          : b.decision;
      await ack(blockError(anchor, problem));
      return;
    }
    await ack({
      response_action: 'update',
      view: epsDecisionModal(
        meeting,
        s.lists,
        await s.eps.decided(meeting.id),
        frEps.recorded(found.summary.reference),
      ),
    });
    s.kickOutbox();
  });
}
