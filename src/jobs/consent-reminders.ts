import { differenceInCalendarDays, parseISO, subDays } from 'date-fns';
import { localDay } from '../domain/dates.js';
import { weekContaining } from '../domain/iso-week.js';
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

/**
 * An oral agreement is temporary: once older than `days`, the référent (else the coordinators) is reminded, once a
 * week, until a written agreement is recorded (the dedupe key names the agreement and the week).
 */
export async function remindOralAgreements(
  deps: { cases: CaseRepository; members: MemberRepository; logger: Logger; timeZone: string },
  input: { now: Date; days: number },
): Promise<number> {
  const today = localDay(input.now, deps.timeZone);
  const week = weekContaining(input.now, deps.timeZone).id;
  let sent = 0;
  for (const c of await deps.cases.oralAgreements()) {
    if (!c.on || differenceInCalendarDays(parseISO(today), parseISO(c.on)) < input.days) continue;
    const referent = c.summary.assigneeUserId;
    const { roles } = referent ? await deps.members.profile(referent) : { roles: [] };
    const current = referent !== undefined && (roles.includes('team') || roles.includes('coordinator'));
    const recipients = current ? [referent] : await deps.members.coordinatorIds();
    const text = frCase.oralReminder(c.summary.reference, c.on.split('-').reverse().join('/'));
    for (const recipient of recipients) {
      await deps.cases.queue({
        dedupeKey: `oral-agreement:${c.id}:${c.on}:${week}:${recipient}`,
        kind: 'post',
        destination: { kind: 'user', userId: recipient },
        message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
      });
    }
    sent += 1;
  }
  if (sent > 0) deps.logger.info({ count: sent }, 'oral agreement reminders queued');
  return sent;
}

/**
 * A parcours' bilan is due on its review day: the référent (else the coordinators) gets a direct message a week
 * before and on the day (once each per review day, whatever the number of runs or instances; a day missed while the
 * app was down is caught up at the next run).
 */
export async function remindReviews(
  deps: { cases: CaseRepository; members: MemberRepository; logger: Logger; timeZone: string },
  input: { now: Date },
): Promise<number> {
  const today = localDay(input.now, deps.timeZone);
  let sent = 0;
  for (const c of await deps.cases.parcoursUnderWay()) {
    const due = c.nextReviewOn;
    if (!due) continue;
    const daysLeft = differenceInCalendarDays(parseISO(due), parseISO(today));
    const kind = daysLeft <= 0 ? 'due' : daysLeft <= 7 ? 'soon' : undefined;
    if (!kind) continue;
    const referent = c.referentUserId;
    const { roles } = await deps.members.profile(referent);
    const recipients =
      roles.includes('team') || roles.includes('coordinator') ? [referent] : await deps.members.coordinatorIds();
    const text = frCase.reviewReminder[kind](c.summary.reference, due.split('-').reverse().join('/'));
    for (const recipient of recipients)
      await deps.cases.queue({
        dedupeKey: `review:${c.id}:${due}:${kind}:${recipient}`,
        kind: 'post',
        destination: { kind: 'user', userId: recipient },
        message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
      });
    sent += 1;
  }
  if (sent > 0) deps.logger.info({ count: sent }, 'review reminders queued');
  return sent;
}
