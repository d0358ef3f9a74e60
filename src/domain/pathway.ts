import type { Agreement, AgreementCommand, AgreementRejection, ConsentStatus, FirstAgreement } from './agreement.js';
import { agreementAtReferral, agreementGuard, applyAgreement } from './agreement.js';
import type { CaseStatus } from './case-status.js';
import { applyClosure, type ClosureCommand, type ClosureReason, closureGuard } from './closure.js';
import { applyEps, type EpsCommand, type EpsRejection, epsGuard } from './eps.js';
import type { IpCommand } from './information-preoccupante.js';
import {
  applyOrientation,
  type Orientation,
  type OrientationCommand,
  type OrientationRejection,
  type OrientationStatus,
  orientationGuard,
} from './orientation.js';
import {
  applyParcours,
  type Parcours,
  type ParcoursCommand,
  type ParcoursRejection,
  parcoursGuard,
} from './parcours.js';
import { type CaseTies, mayDo, type PolicyRefusal, phaseOf } from './policy.js';
import type { Role } from './roles.js';

export * from './agreement.js';
export * from './closure.js';
export * from './eps.js';
export * from './information-preoccupante.js';
export * from './orientation.js';
export * from './parcours.js';

/**
 * The pathway: repérer → analyser → répondre → évaluer, then closure (DOMAIN.md). `decide` is the one entry point:
 * it asks the policy (domain/policy.ts: who may, in which phase), then the step's own rules, each in the module of
 * what it concerns — the family's agreement (agreement.ts), the EPS (eps.ts), orientations (orientation.ts), the
 * parcours (parcours.ts), information préoccupante (information-preoccupante.ts), closure (closure.ts) — then the
 * dates. Slack handlers and the store never re-check a rule themselves.
 */

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
  /** A duplicate referral merged into another case (its reference): closed, counted nowhere. */
  mergedInto?: string;
}

/**
 * A new case. A pre-referral (the family has not agreed to the referral yet) holds no identity until the family's
 * agreement is recorded and the identity completed. A referral made with the family's agreement starts with that
 * agreement in force, as the referrer received it (its day and form): the référent completes it — who agreed, the
 * notice, the partners it covers — rather than asking for it again.
 */
export const initialCaseState = (intake: { preReferral?: boolean; agreement?: FirstAgreement } = {}): CaseState => ({
  status: 'referred',
  version: 1,
  consent: intake.agreement ? 'given' : 'not_requested',
  ...(intake.agreement ? { agreement: agreementAtReferral(intake.agreement) } : {}),
  ...(intake.preReferral ? { preReferral: true } : {}),
  orientations: [],
});

/** What a user asks for. Dates are yyyy-MM-dd days; free texts never enter a command (they are level 1). */
export type CaseCommand =
  | AgreementCommand
  | EpsCommand
  | OrientationCommand
  | ParcoursCommand
  | IpCommand
  | ClosureCommand;

export type CaseCommandType = CaseCommand['type'];

/** What happened, as recorded in the history (append-only). */
export type CaseEventData = CaseCommand & { actorId: string };

export type Rejection =
  | PolicyRefusal
  | AgreementRejection
  | EpsRejection
  | OrientationRejection
  | ParcoursRejection
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
 * Dates tell the truth: no step before the referral, a refusal before its request, a start before its orientation,
 * an end before its start; the family's agreement keeps the day it was given. (A day to come is refused by the forms, which know today.)
 */
function dateGuard(
  state: CaseState,
  command: CaseCommand,
  ctx: DecisionContext,
): { reason: DateRejection; limit: string } | undefined {
  const on = 'on' in command ? command.on : undefined;
  if (!on) return undefined;
  // The family's agreement is often given first at school or at the referrer's service, before the referral reaches
  // the PRE: that first record keeps its own day, before the referral or the request (never after today: the form).
  if (command.type === 'record_consent_given') return undefined;
  if (ctx.referredOn && on < ctx.referredOn) return { reason: 'date_before_referral', limit: ctx.referredOn };
  if (
    command.type === 'record_consent_refused' &&
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

/** Who may, in which phase: the one policy (domain/policy.ts). */
function policyGuard(state: CaseState, command: CaseCommand, actor: Actor, ctx: DecisionContext) {
  const ties = { ...ctx.ties, assigneeUserId: state.assigneeUserId, operator: answersOwnSheet(state, command, actor) };
  const permission = mayDo(command.type, actor, ties, phaseOf(state));
  return permission.ok ? undefined : permission.reason;
}

/** The step's own rules, once the policy allowed the person in this phase: each in its module. */
function guard(state: CaseState, command: CaseCommand, ctx: DecisionContext): Rejection | undefined {
  switch (command.type) {
    case 'request_consent':
    case 'record_consent_given':
    case 'record_consent_refused':
    case 'complete_identity':
    case 'withdraw_consent':
      return agreementGuard(state, command);
    case 'take':
    case 'eps_decision':
      return epsGuard(state, command, ctx);
    case 'orient':
    case 'start_orientation':
    case 'end_orientation':
    case 'orientation_not_started':
    case 'evaluate':
      return orientationGuard(state, command);
    case 'enter_parcours':
    case 'change_referent':
    case 'set_objectives':
    case 'review':
      return parcoursGuard(state, command, ctx);
    case 'close':
    case 'merge_into':
    case 'reopen':
      return closureGuard(state, command);
    case 'record_information_preoccupante':
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
  switch (event.type) {
    case 'request_consent':
    case 'record_consent_given':
    case 'record_consent_refused':
    case 'complete_identity':
    case 'withdraw_consent':
      applyAgreement(state, s, event);
      break;
    case 'take':
    case 'eps_decision':
      applyEps(s, event);
      break;
    case 'orient':
    case 'start_orientation':
    case 'end_orientation':
    case 'orientation_not_started':
    case 'evaluate':
      applyOrientation(s, event);
      break;
    case 'enter_parcours':
    case 'change_referent':
    case 'set_objectives':
    case 'review':
      applyParcours(s, event);
      break;
    case 'close':
    case 'merge_into':
    case 'reopen':
      applyClosure(s, event);
      break;
    case 'record_information_preoccupante':
      // Recorded in the history; the case goes on (the PRE does not replace child protection, nor stop by itself).
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

/** The case after its events, from what its referral recorded (the agreement the referrer received, if any). */
export function replay(
  events: readonly CaseEventData[],
  intake: Parameters<typeof initialCaseState>[0] = {},
): CaseState {
  return events.reduce(apply, initialCaseState(intake));
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
  // The first orientation in a status, as the commands on it name it.
  const firstOrientation = (status: OrientationStatus) =>
    state.orientations
      .filter((o) => o.status === status)
      .slice(0, 1)
      .map((o) => ({ orientationId: o.id, actionId: o.actionId, on: '' }));
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
    ...firstOrientation('proposed').flatMap((o): CaseCommand[] => [
      { type: 'start_orientation', ...o },
      { type: 'orientation_not_started', ...o, reason: 'other' },
    ]),
    ...firstOrientation('started').map((o): CaseCommand => ({ type: 'end_orientation', ...o, result: 'achieved' })),
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
