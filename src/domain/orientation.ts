import type { Axis } from './axes.js';
import type { CaseState } from './pathway.js';

/**
 * Orientations (DOMAIN.md): catalogue actions and prestations individuelles, proposed, started, ended — or not
 * started, cancelled, stopped — and the besoins non couverts; the operators answer their own liaison sheets.
 */

export const RESULTS = ['achieved', 'partly_achieved', 'not_achieved'] as const;
export type Result = (typeof RESULTS)[number];

/**
 * How an orientation ended: a result; stopped or cancelled by a withdrawn consent or a closure; or why it never
 * started.
 */
export type OrientationOutcome = Result | 'consent_withdrawn' | 'scope_withdrawn' | 'case_closed' | NotStartedReason;

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
/** The family's refusal is the référent's to record, with the family, not the operator's. */
export const OPERATOR_NOT_STARTED_REASONS = NOT_STARTED_REASONS.filter(
  (r): r is Exclude<NotStartedReason, 'family_refused'> => r !== 'family_refused',
);

/** How the child came, as the operator saw it at the end of an action. */
export const ATTENDANCES = ['regular', 'irregular', 'dropped_out'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

/**
 * proposée → démarrée → terminée; or non démarrée (with why); or, when the case closes or the agreement is
 * withdrawn, annulée (never started) / arrêtée (was running) — never "terminée".
 */
export type OrientationStatus = 'proposed' | 'started' | 'ended' | 'not_started' | 'cancelled' | 'stopped';

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

const ACTIVE: readonly OrientationStatus[] = ['proposed', 'started'];
/** Proposed or running: what the progress and bilan forms still ask about. */
export const isActiveOrientation = (o: { status: OrientationStatus }): boolean => ACTIVE.includes(o.status);

/**
 * A closure or a withdrawal stops what was running and cancels what never started (those `which` selects, all by
 * default); why stays in `outcome`. `s` is a next state, its orientations already copied.
 */
export function endActiveOrientations(
  s: CaseState,
  outcome: OrientationOutcome,
  on: string,
  which: (o: Orientation) => boolean = () => true,
): void {
  for (const o of s.orientations) {
    if (!which(o)) continue;
    if (o.status === 'started') Object.assign(o, { status: 'stopped', endedAt: on, outcome });
    else if (o.status === 'proposed') Object.assign(o, { status: 'cancelled', endedAt: on, outcome });
  }
}

export type OrientationCommand =
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
    };

export type OrientationRejection =
  | 'consent_required'
  | 'no_action_chosen'
  | 'decision_incomplete'
  | 'wrong_status'
  | 'outside_scope'
  | 'unknown_orientation'
  | 'orientation_not_proposed'
  | 'orientation_not_started'
  | 'nothing_to_evaluate';

export function orientationGuard(state: CaseState, command: OrientationCommand): OrientationRejection | undefined {
  switch (command.type) {
    case 'orient':
      if (state.consent !== 'given') return 'consent_required';
      if (command.actionIds.length === 0 && !command.uncoveredNeeds?.length) return 'no_action_chosen';
      if (command.actionIds.some(isPrestationActionId) !== Boolean(command.prestation)) return 'decision_incomplete';
      if (state.status === 'referred') return 'wrong_status';
      // Checked against the agreement in force (its last version).
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
  }
}

/** `s` is the next state, being built (orientations already copied). */
export function applyOrientation(s: CaseState, event: OrientationCommand): void {
  switch (event.type) {
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
  }
}
