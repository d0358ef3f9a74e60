import { describe, expect, it } from 'vitest';
import { type CaseCommand, decide } from '../../src/domain/pathway.js';
import { CTX, coordinator, day, stateOf } from '../support/pathway-fixtures.js';

const decision = (d: Extract<CaseCommand, { type: 'eps_decision' }>['decision'], extra = {}): CaseCommand => ({
  type: 'eps_decision',
  on: day,
  meetingId: '7',
  decision: d,
  ...extra,
});

describe('the EPS and its decisions', () => {
  it('takes one decision per situation and meeting; an adjourned situation comes back at the next one', () => {
    const first = decide(stateOf('in_analysis', 'given'), decision('adjourned'), coordinator, CTX);
    if (!first.ok) throw new Error(first.reason);
    expect(first.next.epsDecisions).toEqual(['7']);
    expect(decide(first.next, decision('adjourned'), coordinator, CTX)).toEqual({
      ok: false,
      reason: 'already_decided',
    });
    expect(decide(first.next, { ...decision('adjourned'), meetingId: '8' } as CaseCommand, coordinator, CTX).ok).toBe(
      true,
    );
  });

  it('names as référent a team member who is not away, and closes the case on a relais or sans suite', () => {
    const parcours = decision('parcours', { referentUserId: 'UTEAM2', nextReviewOn: '2027-02-28' });
    const state = stateOf('in_analysis', 'given');
    expect(decide(state, parcours, coordinator, { nominee: { roles: [], away: false } })).toMatchObject({
      reason: 'referent_not_team',
    });
    expect(decide(state, parcours, coordinator, { nominee: { roles: ['team'], away: true } })).toMatchObject({
      reason: 'referent_away',
    });
    const entered = decide(state, parcours, coordinator, CTX);
    if (!entered.ok) throw new Error(entered.reason);
    expect(entered.next).toMatchObject({ assigneeUserId: 'UTEAM2', parcours: { referentUserId: 'UTEAM2' } });
    const relayed = decide(state, decision('relay', { relayTo: 'cmpp' }), coordinator, CTX);
    if (!relayed.ok) throw new Error(relayed.reason);
    expect(relayed.next).toMatchObject({ status: 'closed', closureReason: 'redirected' });
    expect(relayed.next.orientations.map((o) => o.status)).toEqual(['cancelled', 'stopped']);
    expect(decide(state, decision('no_follow_up'), coordinator, CTX)).toMatchObject({ reason: 'decision_incomplete' });
  });
});
