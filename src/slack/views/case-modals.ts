import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import type { CaseSummary } from '../../domain/case-summary.js';
import {
  CLOSURE_REASONS,
  CONSENT_CHANNELS,
  type ConsentStatus,
  type Orientation,
  REFUSAL_REASONS,
  RESULTS,
} from '../../domain/pathway.js';
import { fr, frCase } from '../../i18n/fr.js';
import { caseModals, VALUE_ACTION } from '../ids.js';
import { mrkdwn, option, plain } from './block-kit.js';

const m = frCase.modal;

/** Block ids of the pathway modals. */
export const caseBlocks = {
  date: 'case_date',
  channel: 'consent_channel',
  answer: 'consent_answer',
  scope: 'consent_scope',
  formReference: 'consent_form_reference',
  refusalReason: 'consent_refusal_reason',
  refusalCode: 'consent_refusal_code',
  actions: 'orient_actions',
  orientation: 'progress_orientation',
  step: 'progress_step',
  result: 'progress_result',
  caseResult: 'evaluate_case_result',
  orientationResult: (index: number) => `evaluate_orientation_${index}`,
  next: 'evaluate_next',
  reason: 'close_reason',
  otherReason: 'close_other',
} as const;

export interface ActionChoice {
  id: string;
  title: string;
}

const input = (blockId: string, label: string, element: InputBlock['element'], optional = false): InputBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  element,
  optional,
});
const date = (today: string) =>
  input(caseBlocks.date, m.date, { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today });
const radios = (blockId: string, label: string, options: [string, string][], optional = false) =>
  input(
    blockId,
    label,
    { type: 'radio_buttons', action_id: VALUE_ACTION, options: options.map(([v, t]) => option(v, t)) },
    optional,
  );
const text = (blockId: string, label: string, max: number, multiline = false) =>
  input(blockId, label, { type: 'plain_text_input', action_id: VALUE_ACTION, max_length: max, multiline }, true);

function modal(callbackId: string, title: string, summary: CaseSummary, blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title),
    submit: plain(m.save),
    close: plain(m.cancel),
    // The version the user saw: a change by someone else in the meantime is refused, never overwritten.
    private_metadata: `${summary.reference}@${summary.version}`,
    blocks: [
      { type: 'context', elements: [mrkdwn(m.caseLine(summary.reference, fr.status[summary.status]))] },
      ...blocks,
    ],
  };
}

/** What the consent modal asks depends on where consent stands. */
export type ConsentStep = 'request' | 'answer' | 'withdraw';
export function consentStep(consent: ConsentStatus): ConsentStep {
  if (consent === 'requested') return 'answer';
  if (consent === 'given') return 'withdraw';
  return 'request';
}

export function consentModal(summary: CaseSummary, catalogue: ActionChoice[], today: string): ModalView {
  const step = consentStep(summary.consent);
  const blocks: KnownBlock[] =
    step === 'request'
      ? [
          date(today),
          radios(
            caseBlocks.channel,
            m.channel,
            CONSENT_CHANNELS.map((c) => [c, frCase.consentChannel[c]]),
          ),
        ]
      : step === 'answer'
        ? [
            radios(caseBlocks.answer, m.answer, [
              ['given', m.answerGiven],
              ['refused', m.answerRefused],
            ]),
            date(today),
            input(
              caseBlocks.scope,
              m.scope,
              {
                type: 'multi_static_select',
                action_id: VALUE_ACTION,
                options: catalogue.slice(0, 100).map((a) => option(a.id, a.title)),
              },
              true,
            ),
            text(caseBlocks.formReference, m.formReference, 100),
            radios(
              caseBlocks.refusalCode,
              m.refusalCode,
              REFUSAL_REASONS.map((r) => [r, frCase.refusalReason[r]]),
              true,
            ),
            text(caseBlocks.refusalReason, m.refusalReason, 500, true),
          ]
        : [{ type: 'section', text: mrkdwn(`:warning: ${m.withdrawNotice}`) }, date(today)];
  return modal(caseModals.consent, m.consentTitle, summary, blocks);
}

export function orientModal(summary: CaseSummary, catalogue: ActionChoice[], today: string): ModalView {
  return modal(caseModals.orient, m.orientTitle, summary, [
    input(caseBlocks.actions, m.actions, {
      type: 'multi_static_select',
      action_id: VALUE_ACTION,
      // A static select shows at most 100 options; the catalogue is far smaller.
      options: catalogue.slice(0, 100).map((a) => option(a.id, a.title)),
    }),
    { type: 'context', elements: [mrkdwn(m.actionsHint)] },
    date(today),
  ]);
}

const RESULT_OPTIONS = (): [string, string][] => RESULTS.map((r) => [r, frCase.result[r]]);

export function progressModal(
  summary: CaseSummary,
  orientations: Orientation[],
  titles: ReadonlyMap<string, string>,
  today: string,
): ModalView {
  const open = orientations.filter((o) => o.status !== 'ended');
  return modal(caseModals.progress, m.progressTitle, summary, [
    input(caseBlocks.orientation, m.orientation, {
      type: 'static_select',
      action_id: VALUE_ACTION,
      options: open
        .slice(0, 100)
        .map((o) => option(o.id, `${titles.get(o.actionId) ?? o.actionId} (${frCase.orientationStatus[o.status]})`)),
    }),
    radios(caseBlocks.step, m.step, [
      ['start', m.stepStart],
      ['end', m.stepEnd],
    ]),
    date(today),
    radios(caseBlocks.result, m.outcome, RESULT_OPTIONS(), true),
  ]);
}

export function evaluateModal(
  summary: CaseSummary,
  orientations: Orientation[],
  titles: ReadonlyMap<string, string>,
  today: string,
): ModalView {
  // One result per orientation still running; ten at most keeps the form readable (and far from 100 blocks).
  const running = orientations.filter((o) => o.status !== 'ended').slice(0, 10);
  return modal(caseModals.evaluate, m.evaluateTitle, summary, [
    radios(caseBlocks.caseResult, m.caseResult, RESULT_OPTIONS()),
    ...running.map((o, i) =>
      radios(
        caseBlocks.orientationResult(i),
        m.orientationResult(titles.get(o.actionId) ?? o.actionId),
        RESULT_OPTIONS(),
        true,
      ),
    ),
    date(today),
    radios(caseBlocks.next, m.next, [
      ['continue', m.nextContinue],
      ['close', m.nextClose],
    ]),
  ]);
}

export function closeModal(summary: CaseSummary): ModalView {
  return modal(caseModals.close, m.closeTitle, summary, [
    radios(
      caseBlocks.reason,
      m.reason,
      CLOSURE_REASONS.map((r) => [r, frCase.closureReason[r]]),
    ),
    text(caseBlocks.otherReason, m.otherReason, 300, true),
  ]);
}
