import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type Agreement,
  availableCommands,
  type CaseCommand,
  type CaseCommandType,
  type CaseState,
  type DecisionContext,
  decide,
  initialCaseState,
} from '../../src/domain/pathway.js';
import {
  CASE_READS,
  type CaseAction,
  inIntermediateArchive,
  PHASES,
  type Phase,
  POLICY,
  permits,
  phaseOf,
  RELATIONS,
  type Relation,
  ROLE_KINDS,
  type RoleKind,
} from '../../src/domain/policy.js';
import type { Role } from '../../src/domain/roles.js';

const day = '2026-11-28';
const ME = 'UME';
const OTHER = 'UOTHER';
const AGREEMENT: Agreement = {
  on: day,
  form: 'written',
  representatives: [{ relationship: 'mother', parentalAuthority: true }],
  placedWithAse: false,
  noticeGiven: true,
  scope: ['op:omja'],
};

/** A case in each phase, its référent `assignee`, with one proposed orientation to the OMJA. */
function caseIn(phase: Phase, assignee: string): CaseState {
  const base: CaseState = {
    ...initialCaseState(),
    version: 5,
    assigneeUserId: assignee,
    orientations: [{ id: 'o1', actionId: 'clubs', status: 'proposed', proposedAt: day, operator: 'op:omja' }],
  };
  const parcours = { enteredOn: day, referentUserId: assignee, objectives: [], bilans: 0 };
  switch (phase) {
    case 'pre_referral':
      return { ...base, preReferral: true, consent: 'requested', consentRequestedOn: day };
    case 'consent':
      return { ...base, status: 'in_analysis', consent: 'requested', consentRequestedOn: day };
    case 'eps':
      return { ...base, status: 'oriented', consent: 'given', agreement: AGREEMENT };
    case 'parcours':
      return { ...base, status: 'oriented', consent: 'given', agreement: AGREEMENT, parcours };
    case 'withdrawn':
      return { ...base, status: 'in_analysis', consent: 'withdrawn' };
    case 'closed':
    case 'archived':
      return { ...base, status: 'closed', consent: 'given', agreement: AGREEMENT, closureReason: 'other' };
  }
}

/** One command of each type, well formed; the référent it names is a third person. */
const COMMANDS: Record<CaseCommandType, CaseCommand> = {
  take: { type: 'take' },
  merge_into: { type: 'merge_into', on: day, into: 'PRE-2026-0001' },
  request_consent: { type: 'request_consent', on: day, channel: 'phone' },
  record_consent_given: { type: 'record_consent_given', ...AGREEMENT, hasFormReference: true },
  record_consent_refused: { type: 'record_consent_refused', on: day },
  complete_identity: { type: 'complete_identity' },
  withdraw_consent: { type: 'withdraw_consent', on: day },
  orient: { type: 'orient', on: day, actionIds: ['clubs'], orientationIds: ['o2'], operators: ['op:omja'] },
  start_orientation: { type: 'start_orientation', orientationId: 'o1', actionId: 'clubs', on: day },
  end_orientation: { type: 'end_orientation', orientationId: 'o1', actionId: 'clubs', on: day, result: 'achieved' },
  orientation_not_started: {
    type: 'orientation_not_started',
    orientationId: 'o1',
    actionId: 'clubs',
    on: day,
    reason: 'waiting_list',
  },
  evaluate: { type: 'evaluate', on: day, caseResult: 'achieved', orientationResults: {}, next: 'continue' },
  close: { type: 'close', on: day, reason: 'moved_away', hasNote: false },
  record_information_preoccupante: { type: 'record_information_preoccupante', on: day, parentsInformed: true },
  eps_decision: { type: 'eps_decision', on: day, meetingId: '7', decision: 'adjourned' },
  enter_parcours: {
    type: 'enter_parcours',
    on: day,
    referentUserId: 'UTHIRD',
    nextReviewOn: '2027-02-28',
    exceptionReason: 'urgent',
  },
  change_referent: { type: 'change_referent', referentUserId: 'UTHIRD' },
  set_objectives: {
    type: 'set_objectives',
    on: day,
    objectives: [{ id: 'b1', axis: 'schooling', labelId: 'lecture' }],
    nextReviewOn: '2027-02-28',
  },
  review: { type: 'review', on: day, ratings: {}, next: 'continue', hasFamilyView: false },
  reopen: { type: 'reopen' },
};

const ROLES_OF: Record<RoleKind, Role[]> = { coordinator: ['coordinator'], team: ['team'], group: ['group'], none: [] };

/** The actor, the case and the context that put `ME` in `relation` to a case in `phase`. */
function setting(role: RoleKind, relation: Relation, phase: Phase) {
  const state = caseIn(phase, relation === 'referent' ? ME : OTHER);
  const actor: Actor = {
    userId: ME,
    roles: ROLES_OF[role],
    ...(relation === 'operator' ? { operators: ['op:omja'] } : {}),
  };
  const ctx: DecisionContext = {
    nominee: { roles: ['team'], away: false },
    ties: {
      deputy: relation === 'deputy',
      onCase: relation === 'case_member',
      atMeeting: relation === 'eps_member',
      referrerUserId: relation === 'referrer' ? ME : 'UTEACHER',
    },
  };
  return { state, actor, ctx };
}

const policyReasons = new Set([
  'not_allowed',
  'not_on_case',
  'referent_only',
  'coordinator_only',
  'not_at_meeting',
  'closed',
  'archived',
  'consent_withdrawn',
]);

describe('the policy: who may do what on which case', () => {
  it('is what decide applies, for every command × role × relation × phase: nothing else allows or refuses who', () => {
    let walked = 0;
    for (const type of Object.keys(COMMANDS) as CaseCommandType[])
      for (const role of ROLE_KINDS)
        for (const relation of RELATIONS)
          for (const phase of PHASES) {
            if (phase === 'archived') continue; // commands see a closed case; archiving concerns reads
            const { state, actor, ctx } = setting(role, relation, phase);
            expect(phaseOf(state)).toBe(phase);
            // Operators act on their own orientations only: elsewhere they are no one to the case.
            const seen: Relation =
              relation === 'operator' &&
              !['start_orientation', 'end_orientation', 'orientation_not_started'].includes(type)
                ? 'none'
                : relation;
            const permission = permits(type, { role, relation: seen }, phase);
            const decision = decide(state, COMMANDS[type], actor, ctx);
            const where = `${type} by ${role}/${relation} in ${phase}`;
            if (!permission.ok) expect(decision, where).toMatchObject({ ok: false, reason: permission.reason });
            else if (!decision.ok)
              expect(policyReasons.has(decision.reason), `${where}: ${decision.reason}`).toBe(false);
            // A button is offered only where the policy allows (the card is drawn for its people).
            if (availableCommands(state, actor, ctx).includes(type)) expect(permission.ok, where).toBe(true);
            walked += 1;
          }
    expect(walked).toBe(Object.keys(COMMANDS).length * ROLE_KINDS.length * RELATIONS.length * (PHASES.length - 1));
  });

  it('covers every command of the pathway and every read', () => {
    expect(Object.keys(POLICY).sort()).toEqual([...Object.keys(COMMANDS), ...CASE_READS].sort());
  });

  /** The domain's words (DOMAIN.md, "Need to know"), cell by cell, written apart from the table. */
  const may = (action: CaseAction, role: RoleKind, relation: Relation, phase: Phase) =>
    permits(action, { role, relation }, phase).ok;

  it('keeps a case to its people: a team member who is not on it neither reads, writes, nor names anyone', () => {
    for (const action of ['read_file', 'orient', 'record_consent_given', 'add_person', 'change_referent'] as const)
      expect(may(action, 'team', 'none', 'eps'), action).toBe(false);
    expect(may('enter_parcours', 'team', 'referent', 'eps')).toBe(false);
    expect(may('enter_parcours', 'coordinator', 'none', 'eps')).toBe(true);
    expect(may('take', 'team', 'none', 'consent')).toBe(true);
    expect(may('read_history', 'team', 'none', 'eps')).toBe(true);
  });

  it('ends every access with the role: a référent or a person on the case without a role does nothing', () => {
    for (const relation of ['referent', 'deputy', 'case_member', 'eps_member'] as const)
      for (const action of Object.keys(POLICY) as CaseAction[])
        for (const phase of PHASES) {
          expect(may(action, 'none', relation, phase), `${action}/${relation}/${phase}`).toBe(false);
          expect(may(action, 'group', relation, phase), `${action}/${relation}/${phase}`).toBe(false);
        }
  });

  it('gives the agreement to the référent and the coordinators only', () => {
    for (const action of ['record_consent_given', 'withdraw_consent', 'request_consent'] as const) {
      expect(may(action, 'team', 'case_member', 'eps') || may(action, 'team', 'case_member', 'consent')).toBe(false);
      expect(may(action, 'team', 'deputy', 'eps') || may(action, 'team', 'deputy', 'consent')).toBe(false);
    }
    expect(may('record_consent_given', 'team', 'referent', 'parcours')).toBe(true);
  });

  it('stops everything at a withdrawal but closure (or a merge into the case that follows the child), a new request and an information préoccupante', () => {
    const allowed = (Object.keys(COMMANDS) as CaseCommandType[]).filter((a) =>
      may(a, 'coordinator', 'referent', 'withdrawn'),
    );
    expect(allowed.sort()).toEqual(
      ['close', 'eps_decision', 'merge_into', 'record_information_preoccupante', 'request_consent'].sort(),
    );
  });

  it('tells the referrer four steps and nothing else; an operator sees its sheet and answers it', () => {
    const referrer = (Object.keys(POLICY) as CaseAction[]).filter((a) => may(a, 'none', 'referrer', 'parcours'));
    expect(referrer).toEqual(['read_steps']);
    const operator = (Object.keys(POLICY) as CaseAction[]).filter((a) => may(a, 'none', 'operator', 'parcours'));
    expect(operator.sort()).toEqual(['end_orientation', 'orientation_not_started', 'read_sheet', 'start_orientation']);
  });

  it('records EPS decisions by the coordinator or a member present, and archives for the coordinator alone', () => {
    expect(may('eps_decision', 'team', 'eps_member', 'consent')).toBe(true);
    expect(may('eps_decision', 'team', 'none', 'consent')).toBe(false);
    expect(may('eps_decision', 'team', 'referent', 'consent')).toBe(false);
    expect(may('read_file', 'team', 'referent', 'archived')).toBe(false);
    expect(may('read_file', 'coordinator', 'none', 'archived')).toBe(true);
  });
});

describe('the intermediate archive', () => {
  it('takes a closed file from its people after the delay, or at once when listed on a bordereau', () => {
    const closedAt = new Date('2026-01-10T10:00:00Z');
    const at = (days: number) => new Date(closedAt.getTime() + days * 86_400_000);
    const closed = { status: 'closed', closedAt };
    expect(inIntermediateArchive(closed, at(89), 90)).toBe(false);
    expect(inIntermediateArchive(closed, at(90), 90)).toBe(true);
    expect(inIntermediateArchive(closed, at(0), 0)).toBe(true);
    expect(inIntermediateArchive({ status: 'in_progress', closedAt: null }, at(400), 90)).toBe(false);
    expect(inIntermediateArchive({ ...closed, listedForElimination: true }, at(1), 90)).toBe(true);
  });
});
