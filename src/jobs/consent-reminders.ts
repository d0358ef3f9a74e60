import { differenceInCalendarDays, subDays } from 'date-fns';
import { frCase } from '../i18n/fr.js';
import type { Logger } from '../log.js';
import type { CaseRepository } from '../store/case-repository.js';
import type { MemberRepository } from '../store/member-repository.js';

/**
 * Reminds the case's assignee (or whoever asked) when the family's answer has been awaited longer than
 * `days`. One reminder per request: the dedupe key names the request, so every instance, every hour, may run this.
 * Someone who has left the team since gets nothing (not even the reference): the coordinators are reminded instead.
 */
export async function remindPendingConsents(
  deps: { cases: CaseRepository; members: MemberRepository; logger: Logger },
  input: { now: Date; days: number },
): Promise<number> {
  const awaiting = await deps.cases.consentsAwaiting(subDays(input.now, input.days));
  for (const c of awaiting) {
    const userId = c.summary.assigneeUserId ?? c.requestedBy;
    const { roles } = userId ? await deps.members.profile(userId) : { roles: [] };
    const current = userId !== undefined && (roles.includes('team') || roles.includes('coordinator'));
    const recipients = current
      ? [userId]
      : (await deps.members.withRoles()).filter((m) => m.roles.includes('coordinator')).map((m) => m.userId);
    const days = differenceInCalendarDays(input.now, c.requestedAt);
    const text = frCase.reminder(c.summary.reference, days);
    for (const recipient of recipients) {
      await deps.cases.queue({
        // The assignee's key is the one reminders always had: one already sent is not sent again after an upgrade.
        dedupeKey: `consent-reminder:${c.id}:${c.requestedAt.getTime()}${current ? '' : `:${recipient}`}`,
        kind: 'post',
        destination: { kind: 'user', userId: recipient },
        message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
      });
    }
  }
  if (awaiting.length > 0) deps.logger.info({ count: awaiting.length }, 'consent reminders queued');
  return awaiting.length;
}
