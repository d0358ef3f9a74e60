import type { JournalEntryValues } from '../domain/journal.js';
import { mayDo, type PolicyRefusal } from '../domain/policy.js';
import type { Logger } from '../log.js';
import type { CaseRepository } from '../store/case-repository.js';
import { actorOnCase, type CaseAccessDeps } from './case-access.js';

export type JournalOutcome = { kind: 'done' } | { kind: 'not_found' } | { kind: 'refused'; reason: PolicyRefusal };

/**
 * The référent or one of the case's people writes in the journal de suivi: asked to the policy at submission (a role
 * removed while the form was open counts), sealed, logged without its text.
 */
export async function writeJournalEntry(
  deps: CaseAccessDeps & { cases: Pick<CaseRepository, 'load' | 'addJournalEntry'>; logger: Pick<Logger, 'info'> },
  input: { reference: string; userId: string; entry: Omit<JournalEntryValues, 'authorId'>; now: Date },
): Promise<JournalOutcome> {
  const found = await deps.cases.load(input.reference);
  if (!found) return { kind: 'not_found' };
  const who = await actorOnCase(deps, found, input.userId, input.now);
  const allowed = mayDo('write_journal', who, who.ties, who.phase);
  if (!allowed.ok) {
    deps.logger.info(
      { reference: input.reference, userId: input.userId, reason: allowed.reason },
      'policy: journal refused',
    );
    return { kind: 'refused', reason: allowed.reason };
  }
  await deps.cases.addJournalEntry({
    referralId: found.id,
    entry: { ...input.entry, authorId: input.userId },
    at: input.now,
  });
  deps.logger.info(
    { reference: input.reference, userId: input.userId, kind: input.entry.kind },
    'journal entry written',
  );
  return { kind: 'done' };
}
