import { describe, expect, it } from 'vitest';
import { type Actor, type CaseCommand, type CaseState, decide, initialCaseState } from '../../src/domain/pathway.js';
import { AGREEMENT, CTX, coordinator, day, team } from '../support/pathway-fixtures.js';

describe('the parcours individualisé', () => {
  it('enters with a référent, sets objectives with the family, goes through two bilans, and exits into closure', () => {
    let state: CaseState = { ...initialCaseState(), consent: 'given', agreement: { on: day, ...AGREEMENT } };
    const step = (command: CaseCommand, actor: Actor = team) => {
      const decision = decide(state, command, actor, CTX);
      if (!decision.ok) throw new Error(`${command.type}: ${decision.reason}`);
      state = decision.next;
    };
    step(
      {
        type: 'enter_parcours',
        on: day,
        referentUserId: 'UTEAM',
        nextReviewOn: '2027-02-28',
        exceptionReason: 'urgent',
      },
      coordinator,
    );
    expect(state.assigneeUserId).toBe('UTEAM');
    expect(
      decide(state, { type: 'review', on: day, ratings: {}, next: 'continue', hasFamilyView: false }, team),
    ).toEqual({
      ok: false,
      reason: 'objectives_required',
    });
    const objectives = [
      { id: 'a', axis: 'schooling', labelId: 'lecture' },
      { id: 'b', axis: 'parenting', labelId: 'lien-ecole' },
    ] as const;
    expect(
      decide(state, { type: 'set_objectives', on: day, objectives: [], nextReviewOn: '2027-02-28' }, team),
    ).toMatchObject({ reason: 'objectives_count' });
    step({ type: 'set_objectives', on: day, objectives: [...objectives], nextReviewOn: '2027-02-28' });
    step({
      type: 'review',
      on: '2027-02-28',
      ratings: { a: 'partly_achieved', b: 'achieved' },
      next: 'continue',
      nextReviewOn: '2027-05-28',
      hasFamilyView: true,
    });
    expect(state.parcours?.bilans).toBe(1);
    expect(state.parcours?.nextReviewOn).toBe('2027-05-28');
    // Only the référent hands over, or a coordinator.
    expect(
      decide(state, { type: 'change_referent', referentUserId: 'UNEW' }, { userId: 'UX', roles: ['team'] }, CTX),
    ).toMatchObject({ reason: 'referent_only' });
    step({ type: 'change_referent', referentUserId: 'UNEW' }, coordinator);
    expect(state.assigneeUserId).toBe('UNEW');
    // The former référent is no longer on the case; the new one carries on.
    const review = { type: 'review', on: '2027-05-28', ratings: {}, next: 'exit', hasFamilyView: false } as const;
    expect(decide(state, review, team, CTX)).toMatchObject({ reason: 'not_on_case' });
    const newReferent: Actor = { userId: 'UNEW', roles: ['team'] };
    expect(decide(state, review, newReferent, CTX)).toMatchObject({ reason: 'exit_reason_required' });
    step(
      {
        type: 'review',
        on: '2027-05-28',
        ratings: { a: 'achieved' },
        next: 'exit',
        exitReason: 'objectives_met',
        hasFamilyView: false,
      },
      newReferent,
    );
    // Deciding to exit is the closure.
    expect(state).toMatchObject({ status: 'closed', closureReason: 'objectives_met' });
    expect(state.parcours?.objectives.map((o) => o.rating)).toEqual(['achieved', 'achieved']);
    expect(state.parcours?.nextReviewOn).toBeUndefined();
  });
});
