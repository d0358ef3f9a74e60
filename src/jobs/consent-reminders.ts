import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { parseISO } from 'date-fns/parseISO';
import { subDays } from 'date-fns/subDays';
import { frenchDay, localDay } from '../domain/dates.js';
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
    const days = differenceInCalendarDays(input.now, c.requestedAt);
    const text = frCase.reminder(c.summary.reference, days);
    // The assignee's key is the one reminders always had: one already sent is not sent again after an upgrade.
    const key = (recipient: string, toTheOneWhoActs: boolean) =>
      `consent-reminder:${c.id}:${c.requestedAt.getTime()}${toTheOneWhoActs ? '' : `:${recipient}`}`;
    await remind(deps, c.summary.assigneeUserId ?? c.requestedBy, key, text);
  }
  if (awaiting.length > 0) deps.logger.info({ count: awaiting.length }, 'consent reminders queued');
  return awaiting.length;
}

/**
 * A reminder about a case goes to the person who should act (still on the team), else to the coordinators: someone
 * who left gets nothing, not even the reference. One message per recipient, once per `key`.
 */
export async function remind(
  deps: { cases: CaseRepository; members: MemberRepository },
  to: string | undefined,
  key: string | ((recipient: string, toTheOneWhoActs: boolean) => string),
  text: string,
): Promise<void> {
  const { roles } = to ? await deps.members.profile(to) : { roles: [] };
  const current = to !== undefined && (roles.includes('team') || roles.includes('coordinator'));
  const recipients = current ? [to] : await deps.members.coordinatorIds();
  for (const recipient of recipients)
    await deps.cases.queue({
      dedupeKey: typeof key === 'string' ? `${key}:${recipient}` : key(recipient, current),
      kind: 'post',
      destination: { kind: 'user', userId: recipient },
      message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
    });
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
    const text = frCase.oralReminder(c.summary.reference, frenchDay(c.on));
    await remind(deps, c.summary.assigneeUserId, `oral-agreement:${c.id}:${c.on}:${week}`, text);
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
    const text = frCase.reviewReminder[kind](c.summary.reference, frenchDay(due));
    await remind(deps, c.referentUserId, `review:${c.id}:${due}:${kind}`, text);
    sent += 1;
  }
  if (sent > 0) deps.logger.info({ count: sent }, 'review reminders queued');
  return sent;
}
