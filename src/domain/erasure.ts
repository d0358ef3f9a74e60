import { mondayOfDay } from './dates.js';
import type { CaseState } from './pathway.js';

/**
 * What an erased case keeps: statistics only (age band, school stage, axes, week of referral, status history by
 * week). These helpers take the precision out of what stays: days become the Monday of their week, people go.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Keys of event details that name a person (Slack user ids). */
const PERSON_KEYS = /userid|actorid|by$/i;

/** An event's details with days moved to their Monday and the people left out. */
export function weekOnlyDetails(details: unknown): unknown {
  if (Array.isArray(details)) return details.map(weekOnlyDetails);
  if (details && typeof details === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(details)) {
      if (PERSON_KEYS.test(key)) continue;
      out[key] = weekOnlyDetails(value);
    }
    return out;
  }
  if (typeof details === 'string' && DAY.test(details)) return mondayOfDay(details);
  return details;
}

/** The pathway snapshot of an erased case: no référent, orientation days moved to their Monday. */
export function weekOnlyState(state: CaseState): CaseState {
  const { assigneeUserId: _dropped, ...rest } = state;
  return {
    ...rest,
    orientations: state.orientations.map((o) => ({
      ...o,
      proposedAt: mondayOfDay(o.proposedAt),
      ...(o.startedAt ? { startedAt: mondayOfDay(o.startedAt) } : {}),
      ...(o.endedAt ? { endedAt: mondayOfDay(o.endedAt) } : {}),
    })),
  };
}

/** Actor of every event of an erased case: who did what is not a statistic. */
export const ERASED_ACTOR = 'erased';
