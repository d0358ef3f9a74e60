import { endActiveOrientations } from './orientation.js';
import type { CaseState } from './pathway.js';

/** Closure (with a reason as the State counts exits) and reopening; the archive follows closure (store/level1). */

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

export type ClosureCommand =
  | { type: 'close'; on: string; reason: ClosureReason; hasNote: boolean }
  /**
   * This referral is a child already followed in another case (a duplicate): merged into it. It closes without an
   * exit (the child goes on in the other case), keeps its history, and counts in no figure.
   */
  | { type: 'merge_into'; on: string; into: string }
  | { type: 'reopen' };

/**
 * The case closes: what was running stops, what never started is cancelled, the reason is kept. One definition for
 * every way a case closes (the Clôturer button, an EPS relais or sans suite, a bilan's exit).
 */
export function closeCase(s: CaseState, reason: ClosureReason | undefined, on: string): void {
  endActiveOrientations(s, 'case_closed', on);
  s.status = 'closed';
  s.closureReason = reason;
}

/** Closing and reopening have no step rule of their own: who may, and when, is the policy's. */
export function closureGuard(state: CaseState, command: ClosureCommand): 'wrong_status' | undefined {
  // A merged referral is not reopened: the child is followed in the case it was merged into.
  if (command.type === 'reopen' && state.mergedInto) return 'wrong_status';
  return undefined;
}

export function applyClosure(s: CaseState, event: ClosureCommand): void {
  if (event.type === 'close') closeCase(s, event.reason, event.on);
  else if (event.type === 'merge_into') {
    closeCase(s, undefined, event.on);
    s.mergedInto = event.into;
  } else {
    s.status = 'in_analysis';
    s.closureReason = undefined;
  }
}
