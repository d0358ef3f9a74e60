import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../../src/domain/case-status.js';
import {
  type Actor,
  availableCommands,
  type CaseCommand,
  type CaseState,
  CONSENT_STATUSES,
  decide,
  initialCaseState,
  replay,
} from '../../src/domain/pathway.js';
import { mayDo, phaseOf } from '../../src/domain/policy.js';
import { AGREEMENT, CTX, coordinator, day, group, referrer, stateOf, team } from '../support/pathway-fixtures.js';

const commands: CaseCommand[] = [
  { type: 'take' },
  { type: 'request_consent', on: day, channel: 'phone' },
  { type: 'record_consent_given', on: day, ...AGREEMENT, hasFormReference: false },
  { type: 'complete_identity' },
  { type: 'record_consent_refused', on: day },
  { type: 'withdraw_consent', on: day },
  { type: 'orient', on: day, actionIds: ['clubs-lecture'], orientationIds: ['o-new'], operators: ['op:omja'] },
  { type: 'start_orientation', orientationId: 'o1', actionId: 'clubs-lecture', on: day },
  { type: 'end_orientation', orientationId: 'o2', actionId: 'mediation-familiale', on: day, result: 'achieved' },
  { type: 'orientation_not_started', orientationId: 'o1', actionId: 'clubs-lecture', on: day, reason: 'waiting_list' },
  { type: 'evaluate', on: day, caseResult: 'partly_achieved', orientationResults: {}, next: 'continue' },
  { type: 'close', on: day, reason: 'moved_away', hasNote: false },
  { type: 'record_information_preoccupante', on: day, parentsInformed: false, notInformedReason: 'danger_for_child' },
  { type: 'enter_parcours', on: day, referentUserId: 'UTEAM', nextReviewOn: '2027-02-28', exceptionReason: 'urgent' },
  {
    type: 'eps_decision',
    on: day,
    meetingId: '1',
    decision: 'parcours',
    referentUserId: 'UTEAM',
    nextReviewOn: '2027-02-28',
  },
  { type: 'eps_decision', on: day, meetingId: '1', decision: 'relay', relayTo: 'cmpp' },
  { type: 'eps_decision', on: day, meetingId: '1', decision: 'no_follow_up', noFollowUpReason: 'already_supported' },
  { type: 'eps_decision', on: day, meetingId: '1', decision: 'adjourned' },
  { type: 'change_referent', referentUserId: 'UOTHER' },
  {
    type: 'set_objectives',
    on: day,
    objectives: [{ id: 'b1', axis: 'schooling', labelId: 'lecture' }],
    nextReviewOn: '2027-02-28',
  },
  { type: 'review', on: day, ratings: { p1: 'achieved' }, next: 'continue', hasFamilyView: false },
  {
    type: 'review',
    on: day,
    ratings: { p1: 'achieved' },
    next: 'exit',
    exitReason: 'objectives_met',
    hasFamilyView: true,
  },
  { type: 'reopen' },
];

/**
 * The step rules written out, independently of the code's guards; who may act in which phase is the policy's
 * (domain/policy.ts, walked whole in policy.test.ts).
 */
function expected(state: CaseState, command: CaseCommand, actor: Actor): boolean {
  const allowed = mayDo(command.type, actor, { assigneeUserId: state.assigneeUserId }, phaseOf(state));
  if (!allowed.ok) return false;
  switch (command.type) {
    case 'reopen':
      return !state.mergedInto;
    case 'merge_into':
      return true;
    case 'take':
      return !state.assigneeUserId;
    case 'request_consent':
      return state.consent !== 'requested' && state.consent !== 'given';
    case 'record_consent_given':
      return state.consent === 'requested' || state.consent === 'given';
    case 'record_consent_refused':
      return state.consent === 'requested';
    case 'complete_identity':
      return Boolean(state.preReferral) && state.consent === 'given';
    case 'withdraw_consent':
      return state.consent === 'given';
    case 'orient':
      return state.consent === 'given' && state.status !== 'referred';
    case 'start_orientation':
      return state.consent === 'given';
    case 'end_orientation':
      return true;
    case 'orientation_not_started':
      return true; // o1 is proposed in every state of the table
    case 'evaluate':
      return state.status === 'in_progress' || state.status === 'oriented';
    case 'close':
    case 'record_information_preoccupante':
      return true;
    case 'enter_parcours':
      return state.consent === 'given' && !state.parcours;
    case 'eps_decision':
      if (command.decision === 'parcours') return state.consent === 'given' && !state.parcours;
      return true;
    case 'change_referent':
      return Boolean(state.assigneeUserId || state.parcours);
    case 'set_objectives':
    case 'review':
      return Boolean(state.parcours);
  }
}

describe('the pathway state machine', () => {
  it('matches the rule table over every status × consent × command × role', () => {
    let checked = 0;
    for (const status of CASE_STATUSES) {
      for (const consent of CONSENT_STATUSES) {
        for (const inParcours of [false, true]) {
          for (const command of commands) {
            for (const actor of [team, coordinator, referrer, group]) {
              const state = stateOf(status, consent, inParcours);
              const decision = decide(state, command, actor, CTX);
              expect(decision.ok, `${status}/${consent}/${inParcours}/${command.type}/${actor.userId}`).toBe(
                expected(state, command, actor),
              );
              if (decision.ok) expect(decision.next.version).toBe(state.version + 1);
              checked += 1;
            }
          }
        }
      }
    }
    expect(checked).toBe(CASE_STATUSES.length * CONSENT_STATUSES.length * 2 * commands.length * 4);
  });

  it('offers as buttons exactly the commands that would be accepted', () => {
    for (const status of CASE_STATUSES) {
      for (const consent of CONSENT_STATUSES) {
        const state = stateOf(status, consent);
        const offered = availableCommands(state, team);
        for (const type of offered) {
          const command = commands.find((c) => c.type === type) as CaseCommand;
          expect(decide(state, command, team, CTX).ok, `${status}/${consent}/${type}`).toBe(true);
        }
      }
    }
    expect(availableCommands(stateOf('referred', 'not_requested'), referrer)).toEqual([]);
  });

  it('offers every command that would be accepted (no rule without its button), for every role', () => {
    const states = CASE_STATUSES.flatMap((status) =>
      CONSENT_STATUSES.flatMap((consent) => {
        const withOrientations = stateOf(status, consent);
        return [
          withOrientations,
          { ...withOrientations, orientations: [] },
          { ...withOrientations, assigneeUserId: undefined },
        ];
      }),
    );
    let accepted = 0;
    for (const state of states) {
      for (const actor of [team, coordinator, referrer, group]) {
        const offered = availableCommands(state, actor);
        for (const command of commands) {
          // The EPS decides from its meeting's agenda, not from a card button.
          if (command.type === 'eps_decision' || !decide(state, command, actor).ok) continue;
          accepted += 1;
          // The family's answer is one button for both answers.
          const button = command.type === 'record_consent_refused' ? 'record_consent_given' : command.type;
          expect(offered, `${state.status}/${state.consent}/${actor.userId}: ${command.type}`).toContain(button);
        }
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('follows a whole pathway, and the state is the replay of its events', () => {
    const steps: [CaseCommand, Actor, CaseStatus][] = [
      [{ type: 'take' }, team, 'in_analysis'],
      [{ type: 'request_consent', on: day, channel: 'interview' }, team, 'in_analysis'],
      [{ type: 'record_consent_given', on: day, ...AGREEMENT, hasFormReference: true }, team, 'in_analysis'],
      [
        { type: 'orient', on: day, actionIds: ['clubs-lecture'], orientationIds: ['a'], operators: ['op:omja'] },
        team,
        'oriented',
      ],
      [{ type: 'start_orientation', orientationId: 'a', actionId: 'clubs-lecture', on: day }, team, 'in_progress'],
      [
        { type: 'end_orientation', orientationId: 'a', actionId: 'clubs-lecture', on: day, result: 'achieved' },
        team,
        'in_progress',
      ],
      [
        { type: 'evaluate', on: day, caseResult: 'achieved', orientationResults: { a: 'achieved' }, next: 'close' },
        team,
        'evaluated',
      ],
      [{ type: 'close', on: day, reason: 'objectives_met', hasNote: false }, team, 'closed'],
      [{ type: 'reopen' }, coordinator, 'in_analysis'],
    ];
    let state = initialCaseState();
    const events = [];
    for (const [command, actor, status] of steps) {
      const decision = decide(state, command, actor);
      if (!decision.ok) throw new Error(`${command.type}: ${decision.reason}`);
      events.push(decision.event);
      state = decision.next;
      expect(state.status).toBe(status);
    }
    expect(replay(events)).toEqual(state);
  });

  it('a withdrawn consent ends every active orientation and returns the case to analysis', () => {
    const state = stateOf('in_progress', 'given');
    const decision = decide(state, { type: 'withdraw_consent', on: day }, team);
    if (!decision.ok) throw new Error(decision.reason);
    expect(decision.next.status).toBe('in_analysis');
    expect(decision.next.orientations.map((o) => [o.status, o.outcome])).toEqual([
      ['cancelled', 'consent_withdrawn'],
      ['stopped', 'consent_withdrawn'],
    ]);
    expect(availableCommands(decision.next, team)).toEqual([
      'request_consent',
      'close',
      'record_information_preoccupante',
    ]);
  });

  it('keeps each version of the family’s agreement: a change of scope is a new version, the first in the history', () => {
    const first = decide(
      stateOf('in_analysis', 'requested'),
      { type: 'record_consent_given', on: day, ...AGREEMENT, hasFormReference: true },
      team,
      CTX,
    );
    if (!first.ok) throw new Error(first.reason);
    expect(first.next.agreement?.version).toBe(1);
    const wider = { ...AGREEMENT, scope: ['op:omja', 'op:afev'] };
    const second = decide(
      first.next,
      { type: 'record_consent_given', on: day, ...wider, hasFormReference: true },
      team,
      CTX,
    );
    if (!second.ok) throw new Error(second.reason);
    expect(second.next.agreement).toMatchObject({ version: 2, scope: ['op:omja', 'op:afev'] });
    // The earlier version is the first event, as recorded; the state is the replay of both.
    expect(first.event).toMatchObject({ scope: ['op:omja'] });
    expect(replay([first.event, second.event]).agreement?.version).toBe(2);
  });

  it('explains refusals with a reason', () => {
    const orient: CaseCommand = {
      type: 'orient',
      on: day,
      actionIds: ['x'],
      orientationIds: ['y'],
      operators: ['op:omja'],
    };
    expect(decide(stateOf('in_analysis', 'requested'), orient, team)).toEqual({
      ok: false,
      reason: 'consent_required',
    });
    expect(decide(stateOf('closed', 'given'), { type: 'reopen' }, team)).toEqual({
      ok: false,
      reason: 'coordinator_only',
    });
    expect(decide(stateOf('referred', 'not_requested'), { type: 'take' }, referrer)).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
  });
});

describe('dates tell the truth', () => {
  it('refuses a step dated before the referral or before the step it depends on, and says the earliest day', () => {
    const referredOn = '2026-11-29';
    const ctx = { referredOn };
    // The team member examines this case: its référent.
    let state: CaseState = { ...initialCaseState(), assigneeUserId: 'UTEAM' };
    expect(decide(state, { type: 'request_consent', on: '2026-11-28', channel: 'phone' }, team, ctx)).toEqual({
      ok: false,
      reason: 'date_before_referral',
      limit: referredOn,
    });
    const asked = decide(state, { type: 'request_consent', on: '2026-12-02', channel: 'phone' }, team, ctx);
    if (!asked.ok) throw new Error('request refused');
    state = asked.next;
    // A refusal answers the request: not before it.
    expect(decide(state, { type: 'record_consent_refused', on: '2026-12-01' }, team, ctx)).toEqual({
      ok: false,
      reason: 'date_before_request',
      limit: '2026-12-02',
    });
    // The agreement keeps the day the family gave it, at school, before the referral and the request.
    const given = { type: 'record_consent_given', ...AGREEMENT, hasFormReference: false } as const;
    const atSchool = decide(state, { ...given, on: '2026-11-20' }, team, ctx);
    expect(atSchool.ok && atSchool.next.agreement?.on).toBe('2026-11-20');
    const agreed = decide(state, { ...given, on: '2026-12-02' }, team, ctx);
    if (!agreed.ok) throw new Error('agreement refused');
    state = { ...agreed.next, status: 'in_analysis' };
    const oriented = decide(
      state,
      { type: 'orient', on: '2026-12-10', actionIds: ['clubs-lecture'], orientationIds: ['o'], operators: ['op:omja'] },
      team,
      ctx,
    );
    if (!oriented.ok) throw new Error('orientation refused');
    state = oriented.next;
    const start = { type: 'start_orientation', orientationId: 'o', actionId: 'clubs-lecture' } as const;
    expect(decide(state, { ...start, on: '2026-12-09' }, team, ctx)).toMatchObject({
      reason: 'date_before_orientation',
      limit: '2026-12-10',
    });
    const started = decide(state, { ...start, on: '2026-12-11' }, team, ctx);
    if (!started.ok) throw new Error('start refused');
    const end = { type: 'end_orientation', orientationId: 'o', actionId: 'clubs-lecture', result: 'achieved' } as const;
    expect(decide(started.next, { ...end, on: '2026-12-10' }, team, ctx)).toMatchObject({
      reason: 'date_before_start',
      limit: '2026-12-11',
    });
    expect(decide(started.next, { ...end, on: '2026-12-11' }, team, ctx).ok).toBe(true);
  });
});
