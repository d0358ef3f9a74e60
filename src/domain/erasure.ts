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

/**
 * The pathway snapshot of an erased case, by the same rule as the events: every day (the agreement's, the entry's,
 * the engagement's, a request's, an orientation's) moved to its Monday, every person (référent, who received the
 * agreement, …) left out.
 */
export function weekOnlyState(state: CaseState): CaseState {
  return weekOnlyDetails(state) as CaseState;
}

export type QpvStatus = 'qpv' | 'not_qpv' | 'unknown';

/**
 * Where an erased case's child lived, as the statistics need it: in a quartier prioritaire or not (the annual
 * return's QPV table), never the neighbourhood itself.
 */
export const ERASED_SECTOR_PREFIX = 'sector:';

/** A case's QPV status, from its neighbourhood or, once erased, from the sector it keeps (the one definition). */
export function qpvStatusOf(neighbourhood: string, qpvOf: ReadonlyMap<string, string | null>): QpvStatus {
  if (neighbourhood.startsWith(ERASED_SECTOR_PREFIX)) {
    const kept = neighbourhood.slice(ERASED_SECTOR_PREFIX.length);
    return kept === 'qpv' || kept === 'not_qpv' ? kept : 'unknown';
  }
  if (!qpvOf.has(neighbourhood)) return 'unknown';
  return qpvOf.get(neighbourhood) ? 'qpv' : 'not_qpv';
}

export function erasedSectorOf(neighbourhood: string, qpvOf: ReadonlyMap<string, string | null>): string {
  return `${ERASED_SECTOR_PREFIX}${qpvStatusOf(neighbourhood, qpvOf)}`;
}

/** Actor of every event of an erased case: who did what is not a statistic. */
export const ERASED_ACTOR = 'erased';
