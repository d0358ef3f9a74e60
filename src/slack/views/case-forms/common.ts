import type { KnownBlock, ModalView } from '@slack/types';
import type { CaseSummary } from '../../../domain/case-summary.js';
import { fr, frCase } from '../../../i18n/fr.js';
import { VALUE_ACTION } from '../../ids.js';
import { input, mrkdwn, option, plain } from '../block-kit.js';

export { input };

export const m = frCase.modal;

/** Block ids of the pathway modals. */
export const caseBlocks = {
  date: 'case_date',
  channel: 'consent_channel',
  answer: 'consent_answer',
  scope: 'consent_scope',
  formReference: 'consent_form_reference',
  refusalReason: 'consent_refusal_reason',
  refusalCode: 'consent_refusal_code',
  givenAction: 'consent_given_action',
  agreementForm: 'consent_form',
  relationship: (n: 1 | 2) => `consent_rep${n}_relationship`,
  authority: (n: 1 | 2) => `consent_rep${n}_authority`,
  placedWithAse: 'consent_placed_ase',
  notice: 'consent_notice',
  childView: 'consent_child_view',
  actions: 'orient_actions',
  prestation: 'orient_prestation',
  prestationCost: 'orient_prestation_cost',
  prestationFunder: 'orient_prestation_funder',
  uncoveredNeeds: 'orient_uncovered_needs',
  orientation: 'progress_orientation',
  step: 'progress_step',
  result: 'progress_result',
  notStartedReason: 'progress_not_started_reason',
  referent: 'parcours_referent',
  exceptionReason: 'parcours_exception_reason',
  objective: (n: number) => `parcours_objective_${n}`,
  objectiveDetail: (n: number) => `parcours_objective_detail_${n}`,
  rating: (n: number) => `parcours_rating_${n}`,
  familyView: 'parcours_family_view',
  parcoursNext: 'parcours_next',
  exitReason: 'parcours_exit_reason',
  ipParents: 'ip_parents_informed',
  ipReason: 'ip_not_informed_reason',
  caseResult: 'evaluate_case_result',
  orientationResult: (index: number) => `evaluate_orientation_${index}`,
  next: 'evaluate_next',
  reason: 'close_reason',
  otherReason: 'close_other',
} as const;

export interface ActionChoice {
  id: string;
  title: string;
  /** Ages, places, waiting list, funder, in words (shown under the title). */
  details?: string;
}

export const date = (today: string) =>
  input(caseBlocks.date, m.date, { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today });
export const radios = (blockId: string, label: string, options: [string, string][], optional = false) =>
  input(
    blockId,
    label,
    { type: 'radio_buttons', action_id: VALUE_ACTION, options: options.map(([v, t]) => option(v, t)) },
    optional,
  );
export const text = (blockId: string, label: string, max: number, multiline = false) =>
  input(blockId, label, { type: 'plain_text_input', action_id: VALUE_ACTION, max_length: max, multiline }, true);

export function modal(callbackId: string, title: string, summary: CaseSummary, blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title),
    submit: plain(m.save),
    close: plain(m.cancel),
    blocks: [
      { type: 'context', elements: [mrkdwn(m.caseLine(summary.reference, fr.status[summary.status]))] },
      ...blocks,
    ],
  };
}
