import { describe, expect, it } from 'vitest';
import { type CaseCommand, decide } from '../../src/domain/pathway.js';
import { day, stateOf, team } from '../support/pathway-fixtures.js';

describe('prestations individuelles and besoins non couverts', () => {
  const prestation = {
    typeId: 'orthophonie',
    axis: 'health' as const,
    costCents: 12_000,
    funder: 'state_pre' as const,
  };
  const orient = (extra: Partial<Extract<CaseCommand, { type: 'orient' }>>): CaseCommand => ({
    type: 'orient',
    on: day,
    actionIds: [],
    orientationIds: [],
    operators: [],
    ...extra,
  });

  it('orients to a prestation (no operator to check) and keeps its cost and funder on the orientation', () => {
    const decision = decide(
      stateOf('in_analysis', 'given'),
      orient({ actionIds: ['prestation:orthophonie'], orientationIds: ['p1'], prestation }),
      team,
    );
    if (!decision.ok) throw new Error(decision.reason);
    expect(decision.next.status).toBe('oriented');
    expect(decision.next.orientations.at(-1)).toEqual({
      id: 'p1',
      actionId: 'prestation:orthophonie',
      status: 'proposed',
      proposedAt: day,
      prestation,
    });
  });

  it('refuses a prestation without its details, or details without a prestation, and an empty orientation', () => {
    const state = stateOf('in_analysis', 'given');
    expect(decide(state, orient({ actionIds: ['prestation:orthophonie'], orientationIds: ['p1'] }), team)).toEqual({
      ok: false,
      reason: 'decision_incomplete',
    });
    expect(decide(state, orient({ prestation, uncoveredNeeds: ['health'] }), team)).toEqual({
      ok: false,
      reason: 'decision_incomplete',
    });
    expect(decide(state, orient({}), team)).toEqual({ ok: false, reason: 'no_action_chosen' });
  });

  it('records a besoin non couvert alone without changing where the case stands', () => {
    const state = stateOf('in_analysis', 'given');
    const decision = decide(state, orient({ uncoveredNeeds: ['schooling'] }), team);
    if (!decision.ok) throw new Error(decision.reason);
    expect(decision.next.status).toBe('in_analysis');
    expect(decision.next.orientations).toEqual(state.orientations);
  });
});
