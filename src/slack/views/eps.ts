import type { KnownBlock, ModalView } from '@slack/types';
import { frenchDay } from '../../domain/dates.js';
import type { Lists } from '../../domain/lists.js';
import { EPS_DECISIONS, NO_FOLLOW_UP_REASONS } from '../../domain/pathway.js';
import { frCase, frEps } from '../../i18n/fr.js';
import { AGENDA_REASONS, type EpsMeeting } from '../../store/eps-meetings.js';
import type { RenderedMessage } from '../../store/outbox.js';
import { actions, callbacks, VALUE_ACTION } from '../ids.js';
import { formModal, input, mrkdwn, option, plain } from './block-kit.js';
import type { ListLabels } from './labels.js';

export const epsBlocks = {
  heldOn: 'eps_held_on',
  institutions: 'eps_institutions',
  attendees: 'eps_attendees',
  situation: 'eps_situation',
  decision: 'eps_decision',
  referent: 'eps_referent',
  relayTo: 'eps_relay_to',
  noFollowUpReason: 'eps_no_follow_up_reason',
} as const;

/** `/reperage eps`: the day of the meeting and who is there. */
export function epsScheduleModal(lists: Lists, today: string): ModalView {
  return formModal(callbacks.epsSchedule, { title: frEps.scheduleTitle, submit: frEps.save, close: frEps.cancel }, [
    { type: 'section', text: mrkdwn(frEps.scheduleIntro) },
    input(epsBlocks.heldOn, frEps.heldOn, { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today }),
    input(
      epsBlocks.institutions,
      frEps.institutions,
      {
        type: 'multi_static_select',
        action_id: VALUE_ACTION,
        options: lists.institutions.map((i) => option(i.id, i.label)),
      },
      true,
    ),
    {
      ...input(epsBlocks.attendees, frEps.attendees, { type: 'multi_users_select', action_id: VALUE_ACTION }),
      hint: plain(frEps.attendeesHint),
    },
  ]);
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
  return {
    text: frEps.fallback(frenchDay(meeting.heldOn), meeting.agenda.length),
    blocks: [
      { type: 'header', text: plain(frEps.header(frenchDay(meeting.heldOn)).slice(0, 150)) },
      {
        type: 'context',
        elements: [
          mrkdwn(present ? frEps.present(present) : frEps.nobodyListed),
          ...(meeting.attendees.length > 0
            ? [mrkdwn(frEps.members(meeting.attendees.map((u) => `<@${u}>`).join(', ')))]
            : []),
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
