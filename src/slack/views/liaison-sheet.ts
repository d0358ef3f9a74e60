import type { KnownBlock, ModalView } from '@slack/types';
import type { CaseSummary } from '../../domain/case-summary.js';
import { frenchDay } from '../../domain/dates.js';
import {
  ATTENDANCES,
  type Objective,
  OPERATOR_NOT_STARTED_REASONS,
  type Orientation,
  RESULTS,
} from '../../domain/pathway.js';
import type { SharedWithOperator } from '../../domain/referral.js';
import { OPERATOR_ACCESS_REASONS } from '../../domain/roles.js';
import { fr, frCase, frOperator as o } from '../../i18n/fr.js';
import type { RenderedMessage } from '../../store/outbox.js';
import { actions, callbacks, type SheetAnswer, sheetAnswers, VALUE_ACTION } from '../ids.js';
import { escapeMrkdwn, formModal, mrkdwn, option, plain } from './block-kit.js';
import type { MessageContext } from './case-messages.js';

/** Block ids of the operator's modals. */
export const sheetBlocks = {
  date: 'sheet_date',
  reason: 'sheet_not_started_reason',
  attendance: 'sheet_attendance',
  appreciation: 'sheet_appreciation',
  comment: 'sheet_comment',
  accessReason: 'sheet_access_reason',
} as const;

function statusLine(orientation: Orientation): string {
  const day = (d?: string) => (d ? frenchDay(d) : '—');
  const why = orientation.outcome ? frCase.outcome[orientation.outcome] : '—';
  switch (orientation.status) {
    case 'proposed':
      return o.statusLine.proposed(day(orientation.proposedAt));
    case 'started':
      return o.statusLine.started(day(orientation.startedAt));
    case 'ended':
      return o.statusLine.ended(
        day(orientation.endedAt),
        orientation.attendance ? frCase.attendance[orientation.attendance].toLowerCase() : '—',
      );
    case 'not_started':
      return o.statusLine.not_started(day(orientation.endedAt), why);
    case 'cancelled':
      return o.statusLine.cancelled(why);
    case 'stopped':
      return o.statusLine.stopped(why);
  }
}

/**
 * The fiche de liaison posted to the operator's channel: level 2 only (reference, action, age band, school stage,
 * what is asked, the référent to call back). Its buttons carry the orientation's id; they are there while the
 * operator has something to answer, and go when the orientation ends, is stopped or cancelled.
 */
export function liaisonSheet(
  summary: CaseSummary,
  orientation: Orientation,
  ctx: MessageContext & { referentUserId?: string; objectives: readonly Objective[] },
): RenderedMessage {
  // Escaped once, for the blocks and the fallback text alike: Slack reads both as mrkdwn.
  const action = escapeMrkdwn(ctx.actionTitles?.get(orientation.actionId) ?? orientation.actionId);
  const objectives = ctx.objectives.map((x) => escapeMrkdwn(ctx.labels.objective(x.axis, x.labelId))).join(' ; ');
  const asked = [o.askedAction(action), ...(objectives ? [o.askedObjectives(objectives)] : [])].join('\n');
  const buttons = [
    ...(orientation.status === 'proposed' || orientation.status === 'started'
      ? [
          {
            type: 'button' as const,
            action_id: actions.sheetView,
            text: plain(o.view),
            value: orientation.id,
            accessibility_label: o.viewLabel(summary.reference),
          },
        ]
      : []),
    ...(orientation.status === 'proposed'
      ? [
          {
            type: 'button' as const,
            action_id: sheetAnswers.start.button,
            text: plain(o.start),
            value: orientation.id,
            style: 'primary' as const,
          },
          {
            type: 'button' as const,
            action_id: sheetAnswers.notStarted.button,
            text: plain(o.notStarted),
            value: orientation.id,
          },
        ]
      : []),
    ...(orientation.status === 'started'
      ? [{ type: 'button' as const, action_id: sheetAnswers.end.button, text: plain(o.end), value: orientation.id }]
      : []),
  ];
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(o.sheetHeader(summary.reference)) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*${o.action}*\n${action}`),
        mrkdwn(`*${o.ageBand}*\n${fr.ageBand[summary.ageBand]}`),
        mrkdwn(`*${o.stage}*\n${fr.stage[summary.schoolStage]}`),
        mrkdwn(`*${o.referent}*\n${ctx.referentUserId ? `<@${ctx.referentUserId}>` : o.noReferent}`),
      ],
    },
    { type: 'section', text: mrkdwn(`*${o.asked}*\n${asked}`.slice(0, 3000)) },
    { type: 'section', text: mrkdwn(`*${o.status}* : ${statusLine(orientation)}`) },
    ...(buttons.length > 0
      ? [
          { type: 'context' as const, elements: [mrkdwn(o.noName)] },
          // A new block_id for each state of the sheet, as @slack/types asks of an updated message.
          { type: 'actions' as const, block_id: `sheet_actions_${orientation.status}`, elements: buttons },
        ]
      : []),
  ];
  return { text: o.sheetFallback(summary.reference, action), blocks };
}

const input = (blockId: string, label: string, element: object, optional = false): KnownBlock =>
  ({ type: 'input', block_id: blockId, label: plain(label), element, optional }) as KnownBlock;

function sheetModal(callbackId: string, title: string, orientationId: string, blocks: KnownBlock[]): ModalView {
  return formModal(callbackId, { title: title, submit: o.save, close: o.cancel }, blocks, orientationId);
}

const radios = (options: readonly [string, string][]) => ({
  type: 'radio_buttons',
  action_id: VALUE_ACTION,
  options: options.map(([v, t]) => option(v, t)),
});
const date = (today: string) =>
  input(sheetBlocks.date, o.date, { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today });

export type { SheetAnswer };

/** The operator's answer: started (a date), not started (a reason), ended (date, attendance, appreciation). */
export function sheetAnswerModal(
  answer: SheetAnswer,
  reference: string,
  orientationId: string,
  today: string,
): ModalView {
  const context: KnownBlock = {
    type: 'context',
    elements: [mrkdwn(frCase.modal.caseLine(reference, o.sheetHeader(reference)))],
  };
  switch (answer) {
    case 'start':
      return sheetModal(sheetAnswers.start.form, o.startTitle, orientationId, [context, date(today)]);
    case 'notStarted':
      return sheetModal(sheetAnswers.notStarted.form, o.notStartedTitle, orientationId, [
        context,
        input(
          sheetBlocks.reason,
          o.notStartedReason,
          radios(OPERATOR_NOT_STARTED_REASONS.map((r) => [r, frCase.notStartedReason[r]])),
        ),
        date(today),
      ]);
    case 'end':
      return sheetModal(sheetAnswers.end.form, o.endTitle, orientationId, [
        context,
        date(today),
        input(sheetBlocks.attendance, o.attendance, radios(ATTENDANCES.map((a) => [a, frCase.attendance[a]]))),
        input(sheetBlocks.appreciation, o.appreciation, radios(RESULTS.map((r) => [r, o.appreciationOption[r]]))),
        input(
          sheetBlocks.comment,
          o.comment,
          { type: 'plain_text_input', action_id: VALUE_ACTION, multiline: true, max_length: 1000 },
          true,
        ),
        { type: 'context', elements: [mrkdwn(o.commentHint)] },
      ]);
  }
}

/** "Voir la fiche": the operator's referent says why before anything is decrypted. */
export function sheetReasonModal(reference: string, orientationId: string): ModalView {
  return formModal(
    callbacks.sheetReason,
    { title: o.reasonTitle, submit: o.open, close: o.close },
    [
      { type: 'section', text: mrkdwn(o.reasonIntro(reference)) },
      input(sheetBlocks.accessReason, o.reason, radios(OPERATOR_ACCESS_REASONS.map((r) => [r, o.reasons[r]]))),
    ],
    orientationId,
  );
}

/** What the family agreed to share with the operator, for its referent only, in a modal (never in a channel). */
export function sheetFieldsModal(reference: string, shared: SharedWithOperator): ModalView {
  const v = (value: string | undefined) => escapeMrkdwn(value && value.length > 0 ? value : o.notProvided);
  return {
    type: 'modal',
    callback_id: callbacks.sheetFields,
    title: plain(o.fieldsTitle),
    close: plain(o.close),
    blocks: [
      { type: 'context', elements: [mrkdwn(o.fieldsNotice)] },
      { type: 'header', text: plain(o.sheetHeader(reference)) },
      {
        type: 'section',
        fields: [
          mrkdwn(`*${o.childFirstName}*\n${v(shared.childFirstName)}`),
          mrkdwn(`*${o.guardianName}*\n${v(shared.guardianName)}`),
          mrkdwn(`*${o.guardianPhone}*\n${v(shared.guardianPhone)}`),
        ],
      },
    ],
  };
}

const titleOf = (orientation: Orientation, ctx: MessageContext) =>
  escapeMrkdwn(ctx.actionTitles?.get(orientation.actionId) ?? orientation.actionId);

/** To the référent: the sheet waits for its operator's channel. */
export function sheetWaiting(summary: CaseSummary, orientation: Orientation, ctx: MessageContext): RenderedMessage {
  const text = o.waitingForChannel(summary.reference, titleOf(orientation, ctx));
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}

/** In the sheet's thread, once, when the operator has not answered. */
export function sheetReminder(days: number): RenderedMessage {
  const text = o.reminder(days);
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}

/** To the référent, after the reminder went unanswered. */
export function sheetNoAnswer(summary: CaseSummary, orientation: Orientation, ctx: MessageContext): RenderedMessage {
  const text = o.noAnswer(summary.reference, titleOf(orientation, ctx));
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}
