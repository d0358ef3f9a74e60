import { closeCase } from './closure.js';
import { enterParcours, type NomineeRejection, nomineeGuard } from './parcours.js';
import type { CaseState, DecisionContext } from './pathway.js';

/**
 * The équipe pluridisciplinaire de soutien examines a situation and decides collegially, in a meeting: one decision
 * per situation and meeting. Examining starts with someone taking the case.
 */

/** The four collegial decisions of the équipe pluridisciplinaire de soutien. */
export const EPS_DECISIONS = ['parcours', 'relay', 'no_follow_up', 'adjourned'] as const;
export type EpsDecision = (typeof EPS_DECISIONS)[number];

/** Why a situation has no follow-up (a decision not to act always has a reason). */
export const NO_FOLLOW_UP_REASONS = [
  'no_need_confirmed',
  'already_supported',
  'out_of_scope',
  'family_refused',
  'other',
] as const;
export type NoFollowUpReason = (typeof NO_FOLLOW_UP_REASONS)[number];

export type EpsCommand =
  | { type: 'take' }
  /**
   * A decision of the EPS on one situation of its agenda: entrée en parcours (names the référent; requires the
   * family's agreement), relais vers le droit commun (to which institution; closes the case), sans suite (coded
   * reason; closes the case), ajourné (to the next meeting).
   */
  | {
      type: 'eps_decision';
      on: string;
      meetingId: string;
      decision: EpsDecision;
      referentUserId?: string;
      relayTo?: string;
      noFollowUpReason?: NoFollowUpReason;
      nextReviewOn?: string;
    };

export type EpsRejection =
  | 'already_taken'
  | 'already_decided'
  | 'decision_incomplete'
  | 'consent_required'
  | 'already_in_parcours'
  | NomineeRejection;

export function epsGuard(state: CaseState, command: EpsCommand, ctx: DecisionContext): EpsRejection | undefined {
  if (command.type === 'take') return state.assigneeUserId ? 'already_taken' : undefined;
  if (state.epsDecisions?.includes(command.meetingId)) return 'already_decided';
  switch (command.decision) {
    case 'parcours':
      if (!command.referentUserId || !command.nextReviewOn) return 'decision_incomplete';
      if (state.consent !== 'given') return 'consent_required';
      if (state.parcours) return 'already_in_parcours';
      return nomineeGuard(state, command.referentUserId, ctx);
    case 'relay':
      return command.relayTo ? undefined : 'decision_incomplete';
    case 'no_follow_up':
      return command.noFollowUpReason ? undefined : 'decision_incomplete';
    case 'adjourned':
      return undefined;
  }
}

export function applyEps(s: CaseState, event: EpsCommand & { actorId: string }): void {
  if (event.type === 'take') {
    s.assigneeUserId = event.actorId;
    if (s.status === 'referred') s.status = 'in_analysis';
    return;
  }
  s.epsDecisions = [...(s.epsDecisions ?? []), event.meetingId];
  if (event.decision === 'parcours' && event.referentUserId)
    enterParcours(s, { on: event.on, referentUserId: event.referentUserId, nextReviewOn: event.nextReviewOn });
  else if (event.decision === 'relay' || event.decision === 'no_follow_up')
    // Relayed to the droit commun or no follow-up: the case closes, with its reason.
    closeCase(s, event.decision === 'relay' ? 'redirected' : 'other', event.on);
  else if (s.status === 'referred') s.status = 'in_analysis';
}
