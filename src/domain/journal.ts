import { z } from 'zod';

/**
 * The journal de suivi: what the référent and the case's people write of the follow-up itself (entretiens, calls,
 * home visits, partner meetings, notes). Level 1 whole — its text speaks of the family — sealed with the case's key
 * and erased with the rest; its kinds are codes.
 */
export const JOURNAL_KINDS = ['family_interview', 'call', 'home_visit', 'partner_meeting', 'note'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** An entry holds what a Slack text field takes. */
export const JOURNAL_TEXT_MAX = 3000;

/** The sealed field of an entry: ordered by when it was written, unique whatever else is written at once. */
export const JOURNAL_FIELD_PREFIX = 'journal:';

export const journalEntrySchema = z.object({
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  kind: z.enum(JOURNAL_KINDS),
  authorId: z.string().min(1).max(32),
  text: z.string().min(1).max(JOURNAL_TEXT_MAX),
});
export type JournalEntryValues = z.infer<typeof journalEntrySchema>;
