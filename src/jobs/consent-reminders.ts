import { differenceInCalendarDays, subDays } from 'date-fns';
import { frCase } from '../i18n/fr.js';
import type { Logger } from '../log.js';
import type { CaseRepository } from '../store/case-repository.js';

/**
 * Reminds the case's assignee (or whoever asked) when the family's answer has been awaited longer than
 * `days`. One reminder per request: the dedupe key names the request, so every instance, every hour, may run this.
 */
export async function remindPendingConsents(
  deps: { cases: CaseRepository; logger: Logger },
  input: { now: Date; days: number },
): Promise<number> {
  const awaiting = await deps.cases.consentsAwaiting(subDays(input.now, input.days));
  for (const c of awaiting) {
    const userId = c.summary.assigneeUserId ?? c.requestedBy;
    const days = differenceInCalendarDays(input.now, c.requestedAt);
    const text = frCase.reminder(c.summary.reference, days);
    await deps.cases.queue({
      dedupeKey: `consent-reminder:${c.id}:${c.requestedAt.getTime()}`,
      kind: 'post',
      destination: { kind: 'user', userId },
      message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
    });
  }
  if (awaiting.length > 0) deps.logger.info({ count: awaiting.length }, 'consent reminders queued');
  return awaiting.length;
}
