import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { subDays } from 'date-fns/subDays';
import type { CaseSummary } from '../domain/case-summary.js';
import { localDay } from '../domain/dates.js';
import { weekContaining } from '../domain/iso-week.js';
import { apply, type CaseEventData, initialCaseState, referralAgreementOf } from '../domain/pathway.js';
import { type ActorRole, actorRoleOf, holds, mayDo } from '../domain/policy.js';
import type { ClassLevel } from '../domain/referral.js';
import { type ReferrerStep, referrerStepsOf } from '../domain/referrer-steps.js';
import type { CaseRepository } from '../store/case-repository.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { OperatorRepository } from '../store/operators.js';
import { actorOnCase, type CaseAccessDeps } from './case-access.js';
import { casesWithoutReferent } from './handover.js';

export interface CaseViewsDeps {
  cases: CaseRepository;
  members: MemberRepository;
  operators: Pick<OperatorRepository, 'operatorsOf' | 'openSheets'>;
}

/** What App Home shows a person: data, level 2 only; slack/views/app-home.ts draws it. */
export interface HomeData {
  /** The cellule: situations nobody has examined yet, oldest first, with their age in days. */
  toExamine?: { summary: CaseSummary; days: number }[];
  /** Team members and coordinators: what they follow. */
  assigned?: CaseSummary[];
  /** Parcours led by this référent (all, for a coordinator): next bilan, open objectives, overdue or not. */
  parcours?: { summary: CaseSummary; nextReviewOn?: string; overdue: boolean; openObjectives: number }[];
  /** My cases whose agreement is the one the referrer received: to complete (who agreed, the partners). */
  agreementsToComplete?: CaseSummary[];
  /** Oral agreements still to be confirmed in writing. */
  oralToConfirm?: CaseSummary[];
  /** Refused by the family, still open: closure proposed. */
  closureProposed?: CaseSummary[];
  awaitingConsent?: { summary: CaseSummary; requestedAt: Date }[];
  idle?: CaseSummary[];
  /** Everyone: what became of what they referred — received, examined, parcours, closed — and no more. */
  referred: ReferredCase[];
  /** A coordinator: open cases whose référent left (no role that works on cases any more), to hand over. */
  withoutReferent?: CaseSummary[];
  /** An operator's referent: that operator's liaison sheets waiting for an answer or under way. */
  operatorSheets?: { reference: string; actionId: string; status: 'proposed' | 'started'; proposedOn: string }[];
  /** A coordinator: the way into the programme's settings (Réglages), and its set-up while not done. */
  coordinator?: boolean;
}

/** One of my referrals, as its referrer sees it: what tells it apart (stage, class, week, axes) and its step. */
export interface ReferredCase {
  summary: CaseSummary;
  /** The class the referrer gave (they typed it); shown to them only, in their own App Home. */
  classLevel?: ClassLevel;
}

export const IDLE_DAYS = 30;

/** App Home content: team members see their work; everyone sees the status of what they referred. */
export async function homeFor(
  deps: CaseViewsDeps,
  userId: string,
  now: Date,
  timeZone = 'Europe/Paris',
): Promise<HomeData> {
  const [{ roles }, referred, operators] = await Promise.all([
    deps.members.profile(userId),
    deps.cases.referredBy(userId),
    deps.operators.operatorsOf(userId),
  ]);
  // An operator's referent: the liaison sheets of their own operator(s) waiting for an answer or under way.
  const operatorSheets = operators.length > 0 ? { operatorSheets: await deps.operators.openSheets(operators) } : {};
  // The lists of cases are level 2, for those the policy lets read a case's history.
  if (!holds('read_history', { roles }, 'none')) return { referred, ...operatorSheets };
  const coordinator = roles.includes('coordinator');
  const [assigned, awaiting, idle, toExamine, oral, refused, parcours] = await Promise.all([
    deps.cases.assignedTo(userId),
    deps.cases.consentsAwaiting(),
    deps.cases.idleSince(subDays(now, IDLE_DAYS), userId),
    deps.cases.awaitingExamination(),
    deps.cases.oralAgreements(),
    deps.cases.refusedStillOpen(),
    deps.cases.parcoursUnderWay(),
  ]);
  const withoutReferent = coordinator ? { withoutReferent: await casesWithoutReferent(deps), coordinator: true } : {};
  const today = localDay(now, timeZone);
  const mine = (c: { summary: { assigneeUserId?: string } }) => coordinator || c.summary.assigneeUserId === userId;
  return {
    toExamine: toExamine.map((c) => ({
      summary: c.summary,
      days: differenceInCalendarDays(now, c.referredAt),
    })),
    assigned: assigned.filter((s) => s.consent !== 'refused'),
    awaitingConsent: awaiting
      .filter((c) => mine(c) || c.requestedBy === userId)
      .map((c) => ({ summary: c.summary, requestedAt: c.requestedAt })),
    agreementsToComplete: assigned.filter((s) => s.agreementToComplete),
    oralToConfirm: oral.filter(mine).map((c) => c.summary),
    // A refusal ends the examination: such a case leaves the active lists, its closure proposed.
    closureProposed: refused.filter((summary) => mine({ summary })),
    idle: idle.filter((s) => s.consent !== 'refused'),
    // The référent's parcours (a coordinator's: all), the next bilan first; overdue ones flagged.
    parcours: parcours
      .filter((p) => coordinator || p.referentUserId === userId)
      .sort((a, b) => (a.nextReviewOn ?? '9999').localeCompare(b.nextReviewOn ?? '9999'))
      .map((p) => ({
        summary: p.summary,
        nextReviewOn: p.nextReviewOn,
        overdue: p.nextReviewOn !== undefined && p.nextReviewOn < today,
        openObjectives: p.openObjectives,
      })),
    referred,
    ...operatorSheets,
    ...withoutReferent,
  };
}

export type TimelineOutcome =
  | { kind: 'not_found' }
  | { kind: 'refused' }
  /** The case's people: each step's day and who did it. */
  | { kind: 'timeline'; precision: 'day'; entries: { at: Date; actorId: string; event?: CaseEventData }[] }
  /** Team members outside the case: each step's week (its Monday) and the role of who did it. */
  | { kind: 'timeline'; precision: 'week'; entries: { week: Date; actor: ActorRole; event?: CaseEventData }[] }
  /** For the referrer: the four steps they are told of, with their dates, and nothing else. */
  | { kind: 'steps'; steps: { at: Date; step: ReferrerStep }[] };

/**
 * The history of a case, as the policy allows: the level-2 history for the team and coordinators (`read_history`),
 * the four steps for the person who referred it (`read_steps`) — never an information préoccupante, an operator or
 * a reason.
 */
export async function caseTimeline(
  deps: CaseViewsDeps & CaseAccessDeps,
  input: { reference: string; userId: string; now: Date },
): Promise<TimelineOutcome> {
  const found = await deps.cases.load(input.reference);
  if (!found) return { kind: 'not_found' };
  const who = await actorOnCase(deps, found, input.userId, input.now);
  const full = mayDo('read_history', who, who.ties, who.phase).ok;
  if (!full && !mayDo('read_steps', who, who.ties, who.phase).ok) return { kind: 'refused' };
  const history = await deps.cases.history(found.id);
  const entries = history.map((h) => ({
    at: h.at,
    actorId: h.actorId,
    event: h.type === 'referred' ? undefined : ({ ...h.details, type: h.type, actorId: h.actorId } as CaseEventData),
  }));
  if (full && mayDo('read_history_exact', who, who.ties, who.phase).ok)
    return { kind: 'timeline', precision: 'day', entries };
  if (full) {
    const roleOf = new Map<string, Promise<ActorRole>>();
    const actorRole = (userId: string) => {
      if (!roleOf.has(userId))
        roleOf.set(
          userId,
          deps.members.profile(userId).then((p) => actorRoleOf(userId, p.roles, found.referrerUserId ?? null)),
        );
      return roleOf.get(userId) as Promise<ActorRole>;
    };
    const coarse = await Promise.all(
      entries.map(async (e) => ({
        week: weekContaining(e.at, deps.timeZone).start,
        actor: await actorRole(e.actorId),
        event: e.event,
      })),
    );
    return { kind: 'timeline', precision: 'week', entries: coarse };
  }
  const steps: { at: Date; step: ReferrerStep }[] = [];
  let state = initialCaseState({
    agreement: referralAgreementOf(history.find((h) => h.type === 'referred')?.details),
  });
  for (const entry of entries) {
    if (!entry.event) {
      steps.push({ at: entry.at, step: 'received' });
      continue;
    }
    const next = apply(state, entry.event);
    for (const step of referrerStepsOf(state, entry.event, next))
      if (!steps.some((s) => s.step === step)) steps.push({ at: entry.at, step });
    state = next;
  }
  return { kind: 'steps', steps };
}
