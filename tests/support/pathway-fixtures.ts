import type { CaseStatus } from '../../src/domain/case-status.js';
import type { Actor, Agreement, CaseState, ConsentStatus, DecisionContext } from '../../src/domain/pathway.js';

/** Actors, an agreement and cases in every status × consent for the pathway's domain tests. */
export const team: Actor = { userId: 'UTEAM', roles: ['team'] };
export const coordinator: Actor = { userId: 'UCOORD', roles: ['coordinator'] };
export const referrer: Actor = { userId: 'UREF', roles: [] };
export const group: Actor = { userId: 'UGROUP', roles: ['group'] };
export const day = '2026-11-28';

/** A complete agreement record: written, a mother with parental authority, the notice given, one operator. */
export const AGREEMENT: Omit<Agreement, 'on'> = {
  form: 'written',
  representatives: [{ relationship: 'mother', parentalAuthority: true }],
  placedWithAse: false,
  noticeGiven: true,
  scope: ['op:omja'],
};

export function stateOf(status: CaseStatus, consent: ConsentStatus, inParcours = false): CaseState {
  return {
    ...(inParcours
      ? {
          parcours: {
            enteredOn: day,
            referentUserId: 'UTEAM',
            objectives: [{ id: 'p1', axis: 'schooling', labelId: 'lecture' }],
            nextReviewOn: '2027-02-28',
            bilans: 0,
          },
        }
      : {}),
    status,
    version: 3,
    consent,
    ...(consent === 'given'
      ? {
          agreement: {
            on: day,
            ...AGREEMENT,
          },
        }
      : {}),
    assigneeUserId: status === 'referred' ? undefined : 'UTEAM',
    orientations: [
      { id: 'o1', actionId: 'clubs-lecture', status: 'proposed', proposedAt: day },
      { id: 'o2', actionId: 'mediation-familiale', status: 'started', proposedAt: day, startedAt: day },
    ],
  };
}

/** Whoever a command names as référent is a team member at work, unless a test says otherwise. */
export const CTX: DecisionContext = { nominee: { roles: ['team'], away: false } };
