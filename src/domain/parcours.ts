import type { Axis } from './axes.js';
import { type ClosureReason, closeCase } from './closure.js';
import type { CaseState, DecisionContext } from './pathway.js';
import { canReadIdentity } from './roles.js';

/**
 * The parcours individualisé: a référent de parcours leads it, objectives agreed with the family, reviews and a bilan
 * at the exit. It starts from an EPS decision or, outside a meeting, as a coordinator's recorded exception.
 */

/** Why a coordinator starts a parcours without an EPS decision: the exception is recorded, with its reason. */
export const PARCOURS_EXCEPTION_REASONS = ['urgent', 'eps_too_far', 'continuity', 'other'] as const;
export type ParcoursExceptionReason = (typeof PARCOURS_EXCEPTION_REASONS)[number];

export const OBJECTIVE_RATINGS = ['achieved', 'partly_achieved', 'not_achieved', 'abandoned'] as const;
export type ObjectiveRating = (typeof OBJECTIVE_RATINGS)[number];

/** One objective of a parcours, agreed with the family: an axis and a label of the lists (level 2). */
export interface Objective {
  id: string;
  axis: Axis;
  labelId: string;
  /** The last bilan's rating; none until the first bilan. */
  rating?: ObjectiveRating;
}

/** The parcours individualisé: who leads it, its objectives, when it is next reviewed. */
export interface Parcours {
  enteredOn: string;
  referentUserId: string;
  objectives: Objective[];
  familyEngagedOn?: string;
  nextReviewOn?: string;
  bilans: number;
}

export const PARCOURS_NEXT_STEPS = ['continue', 'adjust', 'exit'] as const;
export type ParcoursNextStep = (typeof PARCOURS_NEXT_STEPS)[number];

export type ParcoursCommand =
  /**
   * Entrée en parcours outside an EPS decision: a coordinator's exception, with its reason (the family's agreement is
   * required). A référent de parcours leads it.
   */
  | {
      type: 'enter_parcours';
      on: string;
      referentUserId: string;
      nextReviewOn: string;
      exceptionReason: ParcoursExceptionReason;
    }
  | { type: 'change_referent'; referentUserId: string }
  /** One to four objectives agreed with the family (details, if any, are level 1 and stored apart). */
  | { type: 'set_objectives'; on: string; objectives: Omit<Objective, 'rating'>[]; nextReviewOn: string }
  /**
   * A bilan: each objective rated, the family's view (level 1, apart), the next step. "exit" closes the case at once
   * with an exit reason as the State counts them.
   */
  | {
      type: 'review';
      on: string;
      ratings: Record<string, ObjectiveRating>;
      next: ParcoursNextStep;
      exitReason?: ClosureReason;
      nextReviewOn?: string;
      hasFamilyView: boolean;
    };

export type NomineeRejection = 'referent_not_team' | 'referent_away' | 'already_referent';

export type ParcoursRejection =
  | 'consent_required'
  | 'already_in_parcours'
  | 'decision_incomplete'
  | 'nothing_to_hand_over'
  | 'parcours_required'
  | 'objectives_count'
  | 'objectives_required'
  | 'exit_reason_required'
  | NomineeRejection;

/** The référent a command names: someone who works on cases, here to take it, not the one already leading it. */
export function nomineeGuard(
  state: CaseState,
  referentUserId: string,
  ctx: DecisionContext,
): NomineeRejection | undefined {
  if (!ctx.nominee || !canReadIdentity(ctx.nominee.roles)) return 'referent_not_team';
  if (ctx.nominee.away) return 'referent_away';
  return state.assigneeUserId === referentUserId && state.parcours ? 'already_referent' : undefined;
}

/** The child enters a parcours, led by its référent (from an EPS decision or a coordinator's exception). */
export function enterParcours(s: CaseState, entry: { on: string; referentUserId: string; nextReviewOn?: string }) {
  s.parcours = {
    enteredOn: entry.on,
    referentUserId: entry.referentUserId,
    objectives: [],
    nextReviewOn: entry.nextReviewOn,
    bilans: 0,
  };
  s.assigneeUserId = entry.referentUserId;
  if (s.status === 'referred') s.status = 'in_analysis';
}

export function parcoursGuard(
  state: CaseState,
  command: ParcoursCommand,
  ctx: DecisionContext,
): ParcoursRejection | undefined {
  switch (command.type) {
    case 'enter_parcours':
      if (state.consent !== 'given') return 'consent_required';
      if (state.parcours) return 'already_in_parcours';
      if (!command.exceptionReason) return 'decision_incomplete';
      return nomineeGuard(state, command.referentUserId, ctx);
    case 'change_referent':
      // The référent hands over, or a coordinator names another (recorded either way).
      if (!state.assigneeUserId && !state.parcours) return 'nothing_to_hand_over';
      if (state.assigneeUserId === command.referentUserId) return 'already_referent';
      return nomineeGuard(state, command.referentUserId, ctx);
    case 'set_objectives':
      if (!state.parcours) return 'parcours_required';
      if (command.objectives.length < 1 || command.objectives.length > 4) return 'objectives_count';
      return undefined;
    case 'review':
      if (!state.parcours) return 'parcours_required';
      if (state.parcours.objectives.length === 0) return 'objectives_required';
      if (command.next === 'exit' && !command.exitReason) return 'exit_reason_required';
      return undefined;
  }
}

export function applyParcours(s: CaseState, event: ParcoursCommand): void {
  switch (event.type) {
    case 'enter_parcours':
      enterParcours(s, event);
      break;
    case 'change_referent':
      if (s.parcours) s.parcours = { ...s.parcours, referentUserId: event.referentUserId };
      s.assigneeUserId = event.referentUserId;
      break;
    case 'set_objectives':
      if (s.parcours)
        s.parcours = {
          ...s.parcours,
          objectives: event.objectives.map((o) => ({ ...o })),
          familyEngagedOn: event.on,
          nextReviewOn: event.nextReviewOn,
        };
      break;
    case 'review':
      if (s.parcours) {
        s.parcours = {
          ...s.parcours,
          objectives: s.parcours.objectives.map((o) => ({ ...o, rating: event.ratings[o.id] ?? o.rating })),
          bilans: s.parcours.bilans + 1,
          nextReviewOn: event.next === 'exit' ? undefined : (event.nextReviewOn ?? s.parcours.nextReviewOn),
        };
      }
      // Deciding to exit is the closure: no second click.
      if (event.next === 'exit') closeCase(s, event.exitReason, event.on);
      break;
  }
}
