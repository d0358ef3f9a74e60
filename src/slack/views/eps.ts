import type { KnownBlock, ModalView } from '@slack/types';
import { frenchDay } from '../../domain/dates.js';
import type { Lists } from '../../domain/lists.js';
import { EPS_DECISIONS, NO_FOLLOW_UP_REASONS } from '../../domain/pathway.js';
import { frCase, frEps } from '../../i18n/fr.js';
import { AGENDA_REASONS, type EpsMeeting } from '../../store/eps-meetings.js';
import type { RenderedMessage } from '../../store/outbox.js';
import { actions, callbacks, VALUE_ACTION } from '../ids.js';
import { escapeMrkdwn, formModal, input, mrkdwn, option, plain } from './block-kit.js';
import type { ListLabels } from './labels.js';

export const epsBlocks = {
  heldOn: 'eps_held_on',
  place: 'eps_place',
  institutions: 'eps_institutions',
  attendees: 'eps_attendees',
  minutes: 'eps_minutes',
  situation: 'eps_situation',
  decision: 'eps_decision',
  referent: 'eps_referent',
  relayTo: 'eps_relay_to',
  noFollowUpReason: 'eps_no_follow_up_reason',
} as const;

/**
 * `/reperage eps`: the day of the meeting, where, and who is there. With a meeting: the same form to change it,
 * with its minutes (level 2).
 */
export function epsScheduleModal(lists: Lists, today: string, meeting?: EpsMeeting): ModalView {
  const chosen = lists.institutions
    .filter((i) => meeting?.institutions.includes(i.id))
    .map((i) => option(i.id, i.label));
  return formModal(
    meeting ? callbacks.epsEdit : callbacks.epsSchedule,
    { title: frEps.scheduleTitle, submit: frEps.save, close: frEps.cancel },
    [
      { type: 'section', text: mrkdwn(meeting ? frEps.editIntro : frEps.scheduleIntro) },
      input(epsBlocks.heldOn, frEps.heldOn, {
        type: 'datepicker',
        action_id: VALUE_ACTION,
        initial_date: meeting?.heldOn ?? today,
      }),
      input(
        epsBlocks.place,
        frEps.place,
        {
          type: 'plain_text_input',
          action_id: VALUE_ACTION,
          max_length: PLACE_MAX,
          ...(meeting?.place ? { initial_value: meeting.place } : {}),
        },
        true,
      ),
      input(
        epsBlocks.institutions,
        frEps.institutions,
        {
          type: 'multi_static_select',
          action_id: VALUE_ACTION,
          options: lists.institutions.map((i) => option(i.id, i.label)),
          ...(chosen.length > 0 ? { initial_options: chosen } : {}),
        },
        true,
      ),
      {
        ...input(epsBlocks.attendees, frEps.attendees, {
          type: 'multi_users_select',
          action_id: VALUE_ACTION,
          ...(meeting && meeting.attendees.length > 0 ? { initial_users: meeting.attendees } : {}),
        }),
        hint: plain(frEps.attendeesHint),
      },
      ...(meeting
        ? [
            {
              ...input(
                epsBlocks.minutes,
                frEps.minutes,
                {
                  type: 'plain_text_input',
                  action_id: VALUE_ACTION,
                  multiline: true,
                  max_length: MINUTES_MAX,
                  ...(meeting.minutes ? { initial_value: meeting.minutes } : {}),
                },
                true,
              ),
              hint: plain(frEps.minutesHint),
            },
          ]
        : []),
    ],
    meeting?.id,
  );
}

export const PLACE_MAX = 150;
export const MINUTES_MAX = 3000;

/** A meeting's minutes, for the team members who may read them but not change them. */
export function epsMinutesModal(meeting: EpsMeeting): ModalView {
  return {
    type: 'modal',
    title: plain(frEps.scheduleTitle),
    close: plain(frEps.cancel),
    blocks: [
      { type: 'header', text: plain(frEps.header(frenchDay(meeting.heldOn)).slice(0, 150)) },
      {
        type: 'section',
        text: meeting.minutes ? { type: 'plain_text', text: meeting.minutes } : mrkdwn(frEps.noMinutes),
      },
    ],
  };
}

/** The agenda, posted to the cellule: references grouped by why they are on it (level 2), and the decision button. */
export function epsAgendaMessage(meeting: EpsMeeting, labels: ListLabels): RenderedMessage {
  const present = meeting.institutions.map((i) => labels.institution(i)).join(', ');
  const sections: KnownBlock[] = AGENDA_REASONS.flatMap((reason) => {
    const refs = meeting.agenda.filter((a) => a.reason === reason).map((a) => a.reference);
    return refs.length > 0
      ? [{ type: 'section' as const, text: mrkdwn(`*${frEps.reason[reason]}*\n${refs.join(', ')}`.slice(0, 3000)) }]
      : [];
  });
  const day = frenchDay(meeting.heldOn);
  if (meeting.cancelledAt)
    return {
      text: frEps.cancelledFallback(day),
      blocks: [
        { type: 'header', text: plain(frEps.cancelledHeader(day).slice(0, 150)) },
        { type: 'context', elements: [mrkdwn(frEps.cancelledBy(`<@${meeting.cancelledBy ?? ''}>`))] },
      ],
    };
  return {
    text: frEps.fallback(day, meeting.agenda.length),
    blocks: [
      { type: 'header', text: plain(frEps.header(day).slice(0, 150)) },
      {
        type: 'context',
        elements: [
          ...(meeting.place ? [mrkdwn(frEps.placeLine(escapeMrkdwn(meeting.place)))] : []),
          mrkdwn(present ? frEps.present(present) : frEps.nobodyListed),
          ...(meeting.attendees.length > 0
            ? [mrkdwn(frEps.members(meeting.attendees.map((u) => `<@${u}>`).join(', ')))]
            : []),
          ...(meeting.minutes ? [mrkdwn(frEps.minutesWritten(`<@${meeting.minutesBy ?? ''}>`))] : []),
        ],
      },
      ...(sections.length > 0 ? sections : [{ type: 'section' as const, text: mrkdwn(frEps.emptyAgenda) }]),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: actions.epsDecide,
            text: plain(frEps.decide),
            value: meeting.id,
            style: 'primary',
          },
          { type: 'button', action_id: actions.epsEdit, text: plain(frEps.edit), value: meeting.id },
          {
            type: 'button',
            action_id: actions.epsCancel,
            text: plain(frEps.cancelMeeting),
            value: meeting.id,
            style: 'danger',
            confirm: {
              title: plain(frEps.cancelMeeting),
              text: plain(frEps.cancelConfirm(day)),
              confirm: plain(frEps.cancelMeeting),
              deny: plain(frEps.keepMeeting),
            },
          },
        ],
      },
    ],
  };
}

/** One decision per agenda item; after each, the same form comes back for the next one. */
export function epsDecisionModal(
  meeting: EpsMeeting,
  lists: Lists,
  decided: ReadonlySet<string>,
  notice?: string,
): ModalView {
  // A decided situation leaves the form (one decision per situation and meeting); an adjourned one comes back at the
  // next meeting's agenda.
  const open = meeting.agenda.filter((a) => !decided.has(a.reference));
  if (open.length === 0)
    return {
      type: 'modal',
      callback_id: callbacks.epsDecision,
      private_metadata: meeting.id,
      title: plain(frEps.decisionTitle),
      close: plain(frEps.cancel),
      blocks: [
        ...(notice ? [{ type: 'section' as const, text: mrkdwn(notice) }] : []),
        { type: 'section', text: mrkdwn(meeting.agenda.length > 0 ? frEps.allDecided : frEps.emptyAgenda) },
      ],
    };
  return formModal(
    callbacks.epsDecision,
    { title: frEps.decisionTitle, submit: frEps.save, close: frEps.cancel },
    [
      ...(notice ? [{ type: 'section' as const, text: mrkdwn(notice) }] : []),
      {
        type: 'input',
        block_id: epsBlocks.situation,
        label: plain(frEps.situation),
        element: {
          type: 'static_select',
          action_id: VALUE_ACTION,
          options: open.slice(0, 100).map((a) => option(a.reference, `${a.reference} — ${frEps.reason[a.reason]}`)),
        },
      },
      {
        type: 'input',
        block_id: epsBlocks.decision,
        label: plain(frEps.decision),
        element: {
          type: 'radio_buttons',
          action_id: VALUE_ACTION,
          options: EPS_DECISIONS.map((d) => option(d, frCase.epsDecision[d])),
        },
      },
      {
        type: 'input',
        block_id: epsBlocks.referent,
        optional: true,
        label: plain(frEps.referent),
        element: { type: 'users_select', action_id: VALUE_ACTION },
      },
      {
        type: 'input',
        block_id: epsBlocks.relayTo,
        optional: true,
        label: plain(frEps.relayTo),
        element: {
          type: 'static_select',
          action_id: VALUE_ACTION,
          options: lists.institutions.map((i) => option(i.id, i.label)),
        },
      },
      {
        type: 'input',
        block_id: epsBlocks.noFollowUpReason,
        optional: true,
        label: plain(frEps.noFollowUpReason),
        element: {
          type: 'radio_buttons',
          action_id: VALUE_ACTION,
          options: NO_FOLLOW_UP_REASONS.map((r) => option(r, frCase.noFollowUpReason[r])),
        },
      },
    ],
    meeting.id,
  );
}
