import type { Axis } from './axes.js';
import type { CaseStatus } from './case-status.js';
import { type CaseTies, mayDo, type PolicyRefusal, phaseOf } from './policy.js';
import type { AgeBand } from './referral.js';
import { canReadIdentity, type Role } from './roles.js';

/**
 * The pathway rules, and only here: repérer → analyser → répondre → évaluer, then closure (DOMAIN.md). Slack
 * handlers and the store ask `decide` what a command does and never re-check a rule themselves. The family's
 * consent gates everything past the analysis.
 */

export const CONSENT_STATUSES = ['not_requested', 'requested', 'given', 'refused', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const CONSENT_CHANNELS = ['interview', 'phone', 'letter'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const RESULTS = ['achieved', 'partly_achieved', 'not_achieved'] as const;
export type Result = (typeof RESULTS)[number];

/**
 * How an orientation ended: a result; stopped or cancelled by a withdrawn consent or a closure; or why it never
 * started.
 */
export type OrientationOutcome = Result | 'consent_withdrawn' | 'scope_withdrawn' | 'case_closed' | NotStartedReason;

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

/** Why the parents were not told of an information préoccupante (the child's interest comes first). */
export const IP_NOT_INFORMED_REASONS = ['danger_for_child', 'crip_request', 'unreachable', 'other'] as const;
export type IpNotInformedReason = (typeof IP_NOT_INFORMED_REASONS)[number];

/** Why an orientation never started (DOMAIN.md, orientation outcomes). */
export const NOT_STARTED_REASONS = [
  'waiting_list',
  'family_absent',
  'action_full',
  'out_of_criteria',
  'family_refused',
  'other',
] as const;
export type NotStartedReason = (typeof NOT_STARTED_REASONS)[number];
/** What an operator answers when a child does not start (issue: operators in the loop). */
export const OPERATOR_NOT_STARTED_REASONS = [
  'waiting_list',
  'family_absent',
  'action_full',
  'out_of_criteria',
  'other',
] as const satisfies readonly NotStartedReason[];

/** How the child came, as the operator saw it at the end of an action. */
export const ATTENDANCES = ['regular', 'irregular', 'dropped_out'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

/** Why a family said no, as a code (level 2): the free text, if any, is level 1 and erased with the rest. */
export const REFUSAL_REASONS = ['no_need_felt', 'already_supported', 'disagrees', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Why a coordinator starts a parcours without an EPS decision: the exception is recorded, with its reason. */
export const PARCOURS_EXCEPTION_REASONS = ['urgent', 'eps_too_far', 'continuity', 'other'] as const;
export type ParcoursExceptionReason = (typeof PARCOURS_EXCEPTION_REASONS)[number];

export const CLOSURE_REASONS = [
  'objectives_met',
  'moved_away',
  'family_refused',
  'redirected',
  'age_limit',
  'child_protection',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/**
 * proposée → démarrée → terminée; or non démarrée (with why); or, when the case closes or the agreement is
 * withdrawn, annulée (never started) / arrêtée (was running) — never "terminée".
 */
export type OrientationStatus = 'proposed' | 'started' | 'ended' | 'not_started' | 'cancelled' | 'stopped';

export const AGREEMENT_FORMS = ['written', 'oral'] as const;
export type AgreementForm = (typeof AGREEMENT_FORMS)[number];

export const RELATIONSHIPS = ['mother', 'father', 'guardian', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Who agreed for the child (level 2: a relationship, never a name). */
export interface Representative {
  relationship: Relationship;
  parentalAuthority: boolean;
}

/**
 * The family's agreement as recorded (level 2). `scope` lists the partners the family allows information to be
 * shared with: `op:<operator>` for a catalogue operator, `in:<institution id>` for an institution of the lists.
 */
export interface Agreement {
  on: string;
  form: AgreementForm;
  representatives: Representative[];
  placedWithAse: boolean;
  noticeGiven: boolean;
  scope: string[];
  /**
   * Which record of the family's agreement this is: 1 for the first, then one more for each change (of scope,
   * form, signatories), each earlier version kept in the case's history. Set by the pathway, never by a form.
   */
  version?: number;
}

/** Who pays for a prestation individuelle: the State's PRE credits or the Commune. */
export const FUNDERS = ['state_pre', 'commune'] as const;
export type Funder = (typeof FUNDERS)[number];

/** A prestation individuelle: a service bought for this child when no catalogue action fits (level 2). */
export interface Prestation {
  /** A kind of the lists' `prestations`. */
  typeId: string;
  axis: Axis;
  costCents: number;
  funder: Funder;
}

/** The action id an orientation to a prestation individuelle carries: it names the kind, never a catalogue action. */
export const PRESTATION_PREFIX = 'prestation:';
export const prestationActionId = (typeId: string): string => `${PRESTATION_PREFIX}${typeId}`;
export const isPrestationActionId = (actionId: string): boolean => actionId.startsWith(PRESTATION_PREFIX);

export interface Orientation {
  id: string;
  /** A catalogue action's id, or `prestation:<kind>` for a prestation individuelle. */
  actionId: string;
  status: OrientationStatus;
  proposedAt: string;
  startedAt?: string;
  endedAt?: string;
  outcome?: OrientationOutcome;
  prestation?: Prestation;
  /** The scope key of the action's operator (`op:<slug>`): its referents answer the liaison sheet. */
  operator?: string;
  attendance?: Attendance;
}

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

export interface CaseState {
  status: CaseStatus;
  version: number;
  assigneeUserId?: string;
  consent: ConsentStatus;
  /** The agreement in force while consent is `given`. */
  agreement?: Agreement;
  /** A situation à examiner: no identity held until the family agrees and it is completed. */
  preReferral?: boolean;
  /** The day the family's agreement was last asked for (an answer cannot predate it). */
  consentRequestedOn?: string;
  /** Once the child entered a parcours individualisé. */
  parcours?: Parcours;
  orientations: Orientation[];
  closureReason?: ClosureReason;
  /** The EPS meetings that took a decision on this situation: one decision per meeting. */
  epsDecisions?: string[];
}

/**
 * A new case. A pre-referral (the family has not agreed to the referral yet) holds no identity until the family's
 * agreement is recorded and the identity completed. With the family's agreement to the referral, the agreement
 * itself — its form, who gave it, the notice, the partners it covers — is still recorded by the référent.
 */
export const initialCaseState = (intake: { preReferral?: boolean } = {}): CaseState => ({
  status: 'referred',
  version: 1,
  consent: 'not_requested',
  ...(intake.preReferral ? { preReferral: true } : {}),
  orientations: [],
});

/** The scope key of a catalogue operator (its name, normalised) and of an institution of the lists. */
export const operatorScopeKey = (operator: string): string =>
  `op:${operator
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)}`;
export const institutionScopeKey = (institutionId: string): string => `in:${institutionId}`;

/** What a user asks for. Dates are yyyy-MM-dd days; free texts never enter a command (they are level 1). */
export type CaseCommand =
  | { type: 'take' }
  | { type: 'request_consent'; on: string; channel: ConsentChannel }
  | ({
      type: 'record_consent_given';
      hasFormReference: boolean;
      hasChildView?: boolean;
    } & Agreement)
  | { type: 'complete_identity'; ageBand?: AgeBand }
  | { type: 'record_consent_refused'; on: string; reason?: RefusalReason }
  | { type: 'withdraw_consent'; on: string }
  | {
      type: 'orient';
      on: string;
      /** Catalogue actions, and `prestation:<kind>` last when a prestation individuelle is ordered. */
      actionIds: string[];
      orientationIds: string[];
      /** Scope keys of the chosen actions' operators, checked against the family's agreement. */
      operators: string[];
      prestation?: Prestation;
      /** Besoins non couverts: axes on which a need has no action in the catalogue. */
      uncoveredNeeds?: Axis[];
    }
  | { type: 'start_orientation'; orientationId: string; actionId: string; on: string }
  | {
      type: 'end_orientation';
      orientationId: string;
      actionId: string;
      on: string;
      result: Result;
      /** Given by the operator when it answers the liaison sheet. */
      attendance?: Attendance;
      hasComment?: boolean;
    }
  | { type: 'orientation_not_started'; orientationId: string; actionId: string; on: string; reason: NotStartedReason }
  | {
      type: 'evaluate';
      on: string;
      caseResult: Result;
      orientationResults: Record<string, Result>;
      next: 'continue' | 'close';
    }
  | { type: 'close'; on: string; reason: ClosureReason; hasNote: boolean }
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
    }
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
    }
  /** An information préoccupante was sent to the CRIP: that it was, when, and whether the parents knew; never what. */
  | {
      type: 'record_information_preoccupante';
      on: string;
      parentsInformed: boolean;
      notInformedReason?: IpNotInformedReason;
    }
  | { type: 'reopen' };

export type CaseCommandType = CaseCommand['type'];

/** What happened, as recorded in the history (append-only). */
export type CaseEventData = CaseCommand & { actorId: string };

export type Rejection =
  | PolicyRefusal
  | 'already_taken'
  | 'wrong_status'
  | 'consent_required'
  | 'consent_not_requested'
  | 'consent_already_requested'
  | 'consent_not_given'
  | 'unknown_orientation'
  | 'orientation_not_proposed'
  | 'orientation_not_started'
  | 'nothing_to_evaluate'
  | 'coordinator_only'
  | 'no_action_chosen'
  | 'outside_scope'
  | 'not_pre_referral'
  | 'parcours_required'
  | 'already_in_parcours'
  | 'objectives_count'
  | 'objectives_required'
  | 'exit_reason_required'
  | 'decision_incomplete'
  | 'referent_not_team'
  | 'referent_away'
  | 'already_referent'
  | 'nothing_to_hand_over'
  | 'already_decided'
  | DateRejection;

/** A step dated before what it depends on; `limit` is the earliest day it may have. */
export type DateRejection =
  | 'date_before_referral'
  | 'date_before_request'
  | 'date_before_orientation'
  | 'date_before_start';

export type Decision =
  | { ok: true; event: CaseEventData; next: CaseState }
  | { ok: false; reason: Rejection; limit?: string };

/** What the rules need to know beyond the state. */
export interface DecisionContext {
  /** The day of the referral (yyyy-MM-dd, programme's time zone). */
  referredOn?: string;
  /** The actor's ties to this case (the référent is read from the state); none known: none held. */
  ties?: Omit<CaseTies, 'assigneeUserId' | 'operator'>;
  /** The person a command names as référent: their roles, and whether someone covers their absence now. */
  nominee?: { roles: readonly Role[]; away: boolean };
}

/**
 * Dates tell the truth: no step before the referral, an answer before its request, a start before its orientation,
 * an end before its start. (A day to come is refused by the forms, which know today.)
 */
function dateGuard(
  state: CaseState,
  command: CaseCommand,
  ctx: DecisionContext,
): { reason: DateRejection; limit: string } | undefined {
  const on = 'on' in command ? command.on : undefined;
  if (!on) return undefined;
  if (ctx.referredOn && on < ctx.referredOn) return { reason: 'date_before_referral', limit: ctx.referredOn };
  if (
    (command.type === 'record_consent_given' || command.type === 'record_consent_refused') &&
    state.consent === 'requested' &&
    state.consentRequestedOn &&
    on < state.consentRequestedOn
  )
    return { reason: 'date_before_request', limit: state.consentRequestedOn };
  if (command.type === 'start_orientation') {
    const o = state.orientations.find((x) => x.id === command.orientationId);
    if (o && on < o.proposedAt) return { reason: 'date_before_orientation', limit: o.proposedAt };
  }
  if (command.type === 'end_orientation') {
    const o = state.orientations.find((x) => x.id === command.orientationId);
    if (o?.startedAt && on < o.startedAt) return { reason: 'date_before_start', limit: o.startedAt };
  }
  return undefined;
}

export interface Actor {
  userId: string;
  roles: readonly Role[];
  /** The operators (scope keys) this person is a referent of: they answer those operators' liaison sheets. */
  operators?: readonly string[];
}

/** An operator's referent answering its own liaison sheet: start, not started, end — nothing else. */
function answersOwnSheet(state: CaseState, command: CaseCommand, actor: Actor): boolean {
  if (
    command.type !== 'start_orientation' &&
    command.type !== 'end_orientation' &&
    command.type !== 'orientation_not_started'
  )
    return false;
  const o = state.orientations.find((x) => x.id === command.orientationId);
  return Boolean(o?.operator && actor.operators?.includes(o.operator));
}

const ACTIVE: readonly OrientationStatus[] = ['proposed', 'started'];
/** Proposed or running: what the progress and bilan forms still ask about. */
export const isActiveOrientation = (o: { status: OrientationStatus }): boolean => ACTIVE.includes(o.status);
/** The référent a command names: someone who works on cases, here to take it, not the one already leading it. */
function nomineeGuard(state: CaseState, referentUserId: string, ctx: DecisionContext): Rejection | undefined {
  if (!ctx.nominee || !canReadIdentity(ctx.nominee.roles)) return 'referent_not_team';
  if (ctx.nominee.away) return 'referent_away';
  return state.assigneeUserId === referentUserId && state.parcours ? 'already_referent' : undefined;
}

/** Who may, in which phase: the one policy (domain/policy.ts). */
function policyGuard(state: CaseState, command: CaseCommand, actor: Actor, ctx: DecisionContext) {
  const ties = { ...ctx.ties, assigneeUserId: state.assigneeUserId, operator: answersOwnSheet(state, command, actor) };
  const permission = mayDo(command.type, actor, ties, phaseOf(state));
  return permission.ok ? undefined : permission.reason;
}

/** The step's own rules, once the policy allowed the person in this phase. */
function guard(state: CaseState, command: CaseCommand, ctx: DecisionContext): Rejection | undefined {
  switch (command.type) {
    case 'reopen':
      return undefined;
    case 'take':
      if (state.assigneeUserId) return 'already_taken';
      return undefined;
    case 'request_consent':
      if (state.consent === 'requested') return 'consent_already_requested';
      if (state.consent === 'given') return 'wrong_status';
      return undefined;
    case 'record_consent_given':
      // An answer to a request, or an update of the agreement in force (scope, representatives, written form).
      return state.consent === 'requested' || state.consent === 'given' ? undefined : 'consent_not_requested';
    case 'record_consent_refused':
      return state.consent === 'requested' ? undefined : 'consent_not_requested';
    case 'complete_identity':
      if (!state.preReferral) return 'not_pre_referral';
      return state.consent === 'given' ? undefined : 'consent_required';
    case 'withdraw_consent':
      return state.consent === 'given' ? undefined : 'consent_not_given';
    case 'orient':
      if (state.consent !== 'given') return 'consent_required';
      if (command.actionIds.length === 0 && !command.uncoveredNeeds?.length) return 'no_action_chosen';
      if (command.actionIds.some(isPrestationActionId) !== Boolean(command.prestation)) return 'decision_incomplete';
      if (state.status === 'referred') return 'wrong_status';
      if (command.operators.some((o) => !(state.agreement?.scope ?? []).includes(o))) return 'outside_scope';
      return undefined;
    case 'start_orientation': {
      const o = state.orientations.find((x) => x.id === command.orientationId && x.actionId === command.actionId);
      if (!o) return 'unknown_orientation';
      if (state.consent !== 'given') return 'consent_required';
      return o.status === 'proposed' ? undefined : 'orientation_not_proposed';
    }
    case 'end_orientation': {
      const o = state.orientations.find((x) => x.id === command.orientationId && x.actionId === command.actionId);
      if (!o) return 'unknown_orientation';
      return o.status === 'started' ? undefined : 'orientation_not_started';
    }
    case 'orientation_not_started': {
      const o = state.orientations.find((x) => x.id === command.orientationId && x.actionId === command.actionId);
      if (!o) return 'unknown_orientation';
      return o.status === 'proposed' ? undefined : 'orientation_not_proposed';
    }
    case 'evaluate':
      if (state.status !== 'in_progress' && state.status !== 'oriented') return 'nothing_to_evaluate';
      return undefined;
    case 'close':
    case 'record_information_preoccupante':
      return undefined;
    case 'enter_parcours':
      if (state.consent !== 'given') return 'consent_required';
      if (state.parcours) return 'already_in_parcours';
      if (!command.exceptionReason) return 'decision_incomplete';
      return nomineeGuard(state, command.referentUserId, ctx);
    case 'eps_decision':
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
      return undefined;
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

/** The case after `event`. Pure: replaying a case's events from `initialCaseState()` gives its current state. */
export function apply(state: CaseState, event: CaseEventData): CaseState {
  const s: CaseState = {
    ...state,
    version: state.version + 1,
    orientations: state.orientations.map((o) => ({ ...o })),
  };
  // A closure or a withdrawal stops what was running and cancels what never started; why stays in `outcome`.
  const endActive = (outcome: OrientationOutcome, on: string) => {
    for (const o of s.orientations) {
      if (o.status === 'started') Object.assign(o, { status: 'stopped', endedAt: on, outcome });
      else if (o.status === 'proposed') Object.assign(o, { status: 'cancelled', endedAt: on, outcome });
    }
  };
  switch (event.type) {
    case 'take':
      s.assigneeUserId = event.actorId;
      if (s.status === 'referred') s.status = 'in_analysis';
      break;
    case 'request_consent':
      s.consent = 'requested';
      s.consentRequestedOn = event.on;
      if (s.status === 'referred') s.status = 'in_analysis';
      break;
    case 'record_consent_given': {
      const { type: _t, actorId: _a, hasFormReference: _f, hasChildView: _c, version: _v, ...agreement } = event;
      const previous = state.consent === 'given' ? state.agreement : undefined;
      s.consent = 'given';
      s.agreement = { ...agreement, version: previous ? (previous.version ?? 1) + 1 : 1 };
      // An operator the family no longer allows to be told: its orientations stop (or are cancelled) at once.
      for (const o of s.orientations) {
        if (!o.operator || agreement.scope.includes(o.operator)) continue;
        if (o.status === 'started')
          Object.assign(o, { status: 'stopped', endedAt: event.on, outcome: 'scope_withdrawn' });
        else if (o.status === 'proposed')
          Object.assign(o, { status: 'cancelled', endedAt: event.on, outcome: 'scope_withdrawn' });
      }
      break;
    }
    case 'complete_identity':
      s.preReferral = false;
      break;
    case 'record_consent_refused':
      s.consent = 'refused';
      s.agreement = undefined;
      break;
    case 'withdraw_consent':
      s.consent = 'withdrawn';
      s.agreement = undefined;
      endActive('consent_withdrawn', event.on);
      s.status = 'in_analysis';
      break;
    case 'orient':
      event.actionIds.forEach((actionId, i) => {
        const id = event.orientationIds[i] ?? `${s.version}-${i}`;
        const prestation = isPrestationActionId(actionId) && event.prestation ? { prestation: event.prestation } : {};
        // `operators` follows the catalogue actions, which come before the prestation.
        const operator = !isPrestationActionId(actionId) && event.operators[i] ? { operator: event.operators[i] } : {};
        s.orientations.push({ id, actionId, status: 'proposed', proposedAt: event.on, ...prestation, ...operator });
      });
      // A besoin non couvert alone is recorded (and counted) but orients the child nowhere.
      if (event.actionIds.length > 0 && (s.status === 'in_analysis' || s.status === 'evaluated')) s.status = 'oriented';
      break;
    case 'start_orientation': {
      const o = s.orientations.find((x) => x.id === event.orientationId);
      if (o) Object.assign(o, { status: 'started', startedAt: event.on });
      s.status = 'in_progress';
      break;
    }
    case 'end_orientation': {
      const o = s.orientations.find((x) => x.id === event.orientationId);
      if (o)
        Object.assign(o, {
          status: 'ended',
          endedAt: event.on,
          outcome: event.result,
          ...(event.attendance ? { attendance: event.attendance } : {}),
        });
      break;
    }
    case 'orientation_not_started': {
      const o = s.orientations.find((x) => x.id === event.orientationId);
      if (o) Object.assign(o, { status: 'not_started', endedAt: event.on, outcome: event.reason });
      break;
    }
    case 'evaluate':
      // Results live in the event; orientations go on unless the case is then closed.
      if (event.next === 'close') s.status = 'evaluated';
      else if (s.orientations.some((o) => o.status === 'started')) s.status = 'in_progress';
      else if (s.orientations.some((o) => o.status === 'proposed')) s.status = 'oriented';
      else s.status = 'in_analysis';
      break;
    case 'close':
      endActive('case_closed', event.on);
      s.status = 'closed';
      s.closureReason = event.reason;
      break;
    case 'reopen':
      s.status = 'in_analysis';
      s.closureReason = undefined;
      break;
    case 'record_information_preoccupante':
      // Recorded in the history; the case goes on (the PRE does not replace child protection, nor stop by itself).
      break;
    case 'eps_decision':
      s.epsDecisions = [...(s.epsDecisions ?? []), event.meetingId];
      if (event.decision === 'parcours' && event.referentUserId) {
        s.parcours = {
          enteredOn: event.on,
          referentUserId: event.referentUserId,
          objectives: [],
          nextReviewOn: event.nextReviewOn,
          bilans: 0,
        };
        s.assigneeUserId = event.referentUserId;
        if (s.status === 'referred') s.status = 'in_analysis';
      } else if (event.decision === 'relay' || event.decision === 'no_follow_up') {
        // Relayed to the droit commun or no follow-up: the case closes, with its reason.
        endActive('case_closed', event.on);
        s.status = 'closed';
        s.closureReason = event.decision === 'relay' ? 'redirected' : 'other';
      } else if (s.status === 'referred') s.status = 'in_analysis';
      break;
    case 'enter_parcours':
      s.parcours = {
        enteredOn: event.on,
        referentUserId: event.referentUserId,
        objectives: [],
        nextReviewOn: event.nextReviewOn,
        bilans: 0,
      };
      s.assigneeUserId = event.referentUserId;
      if (s.status === 'referred') s.status = 'in_analysis';
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
      if (event.next === 'exit') {
        endActive('case_closed', event.on);
        s.status = 'closed';
        s.closureReason = event.exitReason;
      }
      break;
  }
  return s;
}

/**
 * The step's own rules and dates, without who may: what `decide` checks once the policy let the actor in. Only test
 * data generators call it alone (they draw histories, including ones recorded before the policy); every surface goes
 * through `decide`.
 */
export function stepRejection(
  state: CaseState,
  command: CaseCommand,
  ctx: DecisionContext = {},
): { reason: Rejection; limit?: string } | undefined {
  const reason = guard(state, command, ctx);
  return reason ? { reason } : dateGuard(state, command, ctx);
}

/** The commands whose step rules pass now, whoever asks (see `stepRejection`); `availableCommands` adds who. */
export function commandsByStep(state: CaseState, ctx: DecisionContext = {}): CaseCommandType[] {
  return probesFor(state)
    .filter((c) => guard(state, c, { ...ctx, ...PROBE_CTX }) === undefined)
    .map((c) => c.type);
}

export function decide(state: CaseState, command: CaseCommand, actor: Actor, ctx: DecisionContext = {}): Decision {
  const reason = policyGuard(state, command, actor, ctx) ?? guard(state, command, ctx);
  if (reason) return { ok: false, reason };
  const late = dateGuard(state, command, ctx);
  if (late) return { ok: false, ...late };
  const event = { ...command, actorId: actor.userId } as CaseEventData;
  return { ok: true, event, next: apply(state, event) };
}

export function replay(events: readonly CaseEventData[]): CaseState {
  return events.reduce(apply, initialCaseState());
}

/**
 * The commands worth offering now, in the order buttons show them. (The EPS's decisions are taken from its meeting's
 * agenda, not from a card: they are not offered here.)
 */
export function availableCommands(state: CaseState, actor: Actor, ctx: DecisionContext = {}): CaseCommandType[] {
  const probeCtx: DecisionContext = { ...ctx, ...PROBE_CTX };
  return probesFor(state)
    .filter((c) => (policyGuard(state, c, actor, probeCtx) ?? guard(state, c, probeCtx)) === undefined)
    .map((c) => c.type);
}

// Whom a form will name is asked in the form: any member of the team is a possible référent here.
const PROBE_NOMINEE = 'UPROBE';
const PROBE_CTX: DecisionContext = { nominee: { roles: ['team'], away: false } };

/** One well-formed command of each kind a card may offer, for the case as it stands. */
function probesFor(state: CaseState): CaseCommand[] {
  const nominee = PROBE_NOMINEE;
  return [
    { type: 'take' },
    { type: 'request_consent', on: '', channel: 'interview' },
    {
      type: 'record_consent_given',
      on: '',
      form: 'written',
      representatives: [],
      placedWithAse: false,
      noticeGiven: true,
      scope: [],
      hasFormReference: false,
    },
    { type: 'complete_identity' },
    { type: 'withdraw_consent', on: '' },
    { type: 'orient', on: '', actionIds: ['probe'], orientationIds: ['probe'], operators: [] },
    ...state.orientations
      .filter((o) => o.status === 'proposed')
      .slice(0, 1)
      .map((o): CaseCommand => ({ type: 'start_orientation', orientationId: o.id, actionId: o.actionId, on: '' })),
    ...state.orientations
      .filter((o) => o.status === 'proposed')
      .slice(0, 1)
      .map(
        (o): CaseCommand => ({
          type: 'orientation_not_started',
          orientationId: o.id,
          actionId: o.actionId,
          on: '',
          reason: 'other',
        }),
      ),
    ...state.orientations
      .filter((o) => o.status === 'started')
      .slice(0, 1)
      .map(
        (o): CaseCommand => ({
          type: 'end_orientation',
          orientationId: o.id,
          actionId: o.actionId,
          on: '',
          result: 'achieved',
        }),
      ),
    { type: 'evaluate', on: '', caseResult: 'achieved', orientationResults: {}, next: 'continue' },
    { type: 'close', on: '', reason: 'other', hasNote: false },
    { type: 'record_information_preoccupante', on: '', parentsInformed: true },
    { type: 'enter_parcours', on: '', referentUserId: nominee, nextReviewOn: '', exceptionReason: 'other' },
    { type: 'change_referent', referentUserId: nominee },
    {
      type: 'set_objectives',
      on: '',
      objectives: [{ id: 'probe', axis: 'schooling', labelId: 'probe' }],
      nextReviewOn: '',
    },
    {
      type: 'review',
      on: '',
      ratings: {},
      next: 'continue',
      hasFamilyView: false,
    },
    { type: 'reopen' },
  ];
}
