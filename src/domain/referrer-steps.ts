import type { CaseEventData, CaseState } from './pathway.js';

/**
 * What the referrer is told, and all they are told (outside shared professional secrecy): the referral was received,
 * examined, a parcours started, the case closed — never an information préoccupante, an operator or a reason.
 */
export const REFERRER_STEPS = ['received', 'examined', 'parcours_started', 'closed'] as const;
export type ReferrerStep = (typeof REFERRER_STEPS)[number];

/** The steps an event reaches, from the case before it to the case after it. One definition for news and history. */
export function referrerStepsOf(before: CaseState, event: CaseEventData, after: CaseState): ReferrerStep[] {
  const steps: ReferrerStep[] = [];
  if (event.type === 'take' || event.type === 'eps_decision') steps.push('examined');
  const firstOrientation = event.type === 'orient' && before.orientations.length === 0 && !before.parcours;
  if ((after.parcours && !before.parcours) || firstOrientation) steps.push('parcours_started');
  // A referral merged into the case that already follows the child is not a closure: the child is still followed.
  if (after.status === 'closed' && before.status !== 'closed' && event.type !== 'merge_into') steps.push('closed');
  return steps;
}
