import { subDays, subMonths } from 'date-fns';
import type { RetentionConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { ErasureCandidate, Level1Store } from '../store/level1-store.js';

export const SYSTEM_ACTOR = 'system:retention';

/**
 * The charter's retention rules: level-1 data of a case closed more than `closedMonths` ago, or whose family refused
 * or withdrew consent more than `refusalDays` ago, is erased; level-2 facts stay for statistics. Idempotent (an
 * erased case is no longer a candidate), so any instance may run it at any time.
 */
export async function runRetention(
  deps: { level1: Level1Store; logger: Logger },
  input: { now: Date; retention: RetentionConfig; dryRun: boolean },
): Promise<{ candidates: ErasureCandidate[]; erasedValues: number }> {
  const candidates = await deps.level1.dueForErasure({
    closedBefore: subMonths(input.now, input.retention.closedMonths),
    refusedBefore: subDays(input.now, input.retention.refusalDays),
  });
  let erasedValues = 0;
  if (!input.dryRun) {
    for (const c of candidates) {
      erasedValues += await deps.level1.erase({
        referralId: c.id,
        reason: c.rule === 'closed' ? 'retention_closed' : 'retention_refused',
        actorId: SYSTEM_ACTOR,
        at: input.now,
      });
    }
  }
  if (candidates.length > 0) {
    deps.logger.info(
      { cases: candidates.length, erasedValues, dryRun: input.dryRun },
      'retention: level-1 data of expired cases erased',
    );
  }
  return { candidates, erasedValues };
}
