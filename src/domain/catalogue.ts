import { z } from 'zod';

/** The programme's children are 2 to 16: an action's age range lies within. */
export const CHILD_AGES = { min: 2, max: 16 } as const;

/**
 * What the catalogue says of an action beyond its title and operator: the children it takes (by age, both bounds
 * included), its places for the school year and whether it keeps a waiting list, who funds it. null: not said.
 */
export interface ActionDetails {
  ageMin: number | null;
  ageMax: number | null;
  places: number | null;
  waitingList: boolean;
  funder: string | null;
}

export const NO_DETAILS: ActionDetails = { ageMin: null, ageMax: null, places: null, waitingList: false, funder: null };

/** The details as a form or a spreadsheet gives them (text; blank: not given). */
export interface DetailFields {
  ageMin?: string;
  ageMax?: string;
  places?: string;
  waitingList?: boolean;
  funder?: string;
}

export type DetailField = keyof DetailFields;
export type DetailIssue = 'age' | 'age_order' | 'places' | 'funder';

const age = z.coerce.number().int().min(CHILD_AGES.min).max(CHILD_AGES.max);
const places = z.coerce.number().int().min(0).max(9999);

/**
 * The details read from their fields over `base` (a blank field keeps base's value), or the first field that does
 * not fit: an age outside 2–16 or a range upside down, places not a whole number, a funder too long.
 */
export function readDetails(
  fields: DetailFields,
  base: ActionDetails = NO_DETAILS,
): { details: ActionDetails } | { field: DetailField; issue: DetailIssue } {
  const details: ActionDetails = {
    ageMin: base.ageMin,
    ageMax: base.ageMax,
    places: base.places,
    waitingList: base.waitingList,
    funder: base.funder,
  };
  const given = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const min = given(fields.ageMin);
  const max = given(fields.ageMax);
  const count = given(fields.places);
  if (min !== undefined) {
    const parsed = age.safeParse(min);
    if (!parsed.success) return { field: 'ageMin', issue: 'age' };
    details.ageMin = parsed.data;
  }
  if (max !== undefined) {
    const parsed = age.safeParse(max);
    if (!parsed.success) return { field: 'ageMax', issue: 'age' };
    details.ageMax = parsed.data;
  }
  if (details.ageMin !== null && details.ageMax !== null && details.ageMin > details.ageMax)
    return { field: 'ageMax', issue: 'age_order' };
  if (count !== undefined) {
    const parsed = places.safeParse(count);
    if (!parsed.success) return { field: 'places', issue: 'places' };
    details.places = parsed.data;
  }
  if (fields.waitingList !== undefined) details.waitingList = fields.waitingList;
  const funder = given(fields.funder);
  if (funder !== undefined) {
    if (funder.length > 100) return { field: 'funder', issue: 'funder' };
    details.funder = funder;
  }
  return { details };
}
