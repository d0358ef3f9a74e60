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

/**
 * Where an erased case's child lived, as the statistics need it: in a quartier prioritaire or not (the annual
 * return's QPV table), never the neighbourhood itself.
 */
export const ERASED_SECTOR_PREFIX = 'sector:';
export const ERASED_SECTORS = { qpv: 'sector:qpv', not_qpv: 'sector:not_qpv', unknown: 'sector:unknown' } as const;

export function erasedSectorOf(neighbourhood: string, qpvOf: ReadonlyMap<string, string | null>): string {
  if (Object.values(ERASED_SECTORS).includes(neighbourhood as never)) return neighbourhood;
  if (!qpvOf.has(neighbourhood)) return ERASED_SECTORS.unknown;
  return qpvOf.get(neighbourhood) ? ERASED_SECTORS.qpv : ERASED_SECTORS.not_qpv;
}

/** Actor of every event of an erased case: who did what is not a statistic. */
export const ERASED_ACTOR = 'erased';
