import type { CaseState } from './pathway.js';

/**
 * The parts of a case a form can be drawn from. A form depends on some of them, not on the whole case: a change
 * elsewhere (a journal entry, an information préoccupante, another person added) leaves an open form valid, and a
 * change of what it shows (the agreement it edits, the orientations it lists) makes it drawn again.
 */
export const CASE_FACETS = ['status', 'referent', 'agreement', 'orientations', 'parcours', 'identity'] as const;
export type CaseFacet = (typeof CASE_FACETS)[number];

const FACET: Record<CaseFacet, (s: CaseState) => unknown> = {
  status: (s) => s.status,
  referent: (s) => s.assigneeUserId ?? null,
  agreement: (s) => [s.consent, s.consentRequestedOn ?? null, s.agreement ?? null],
  orientations: (s) => s.orientations,
  parcours: (s) => s.parcours ?? null,
  identity: (s) => s.preReferral === true,
};

/** A facet's content as one canonical string (object keys sorted), so that equal content compares equal. */
export function facetText(state: CaseState, facet: CaseFacet): string {
  return canonical(FACET[facet](state));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}
