import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { parseISO } from 'date-fns/parseISO';

/**
 * The same child oriented twice (issue 27): same name and birth date, or same name and a close birth date. Names are
 * compared normalised — accents, case, hyphens and the order of first and last names aside — so that "Lucas MARTIN"
 * and "martin lucas" are one name.
 */
export function normalisedName(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** Close birth dates: a month apart at most, or day and month typed the other way round. */
export function closeBirthDates(a: string, b: string): boolean {
  if (a === b) return true;
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return true;
  return Math.abs(differenceInCalendarDays(parseISO(a), parseISO(b))) <= 31;
}

/** Why two cases found alike are kept apart (a code; never a free text, which would be level 1). */
export const KEEP_APART_REASONS = ['other_child', 'twins', 'other'] as const;
export type KeepApartReason = (typeof KEEP_APART_REASONS)[number];

/** How long after its closure a case is still "recent": a child referred again within it is found. */
export const RECENT_CLOSURE_MONTHS = 12;
