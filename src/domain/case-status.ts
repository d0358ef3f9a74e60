/** The pathway (DOMAIN.md): repérer → analyser → répondre → évaluer, then closure. */
export const CASE_STATUSES = ['referred', 'in_analysis', 'oriented', 'in_progress', 'evaluated', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
