import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { subDays } from 'date-fns/subDays';
import { localDay } from '../domain/dates.js';
import { type CaseEventData, institutionScopeKey } from '../domain/pathway.js';
import { canReadIdentity } from '../domain/roles.js';
import type { HomeData } from '../slack/views/app-home.js';
import type { CaseRepository } from '../store/case-repository.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { OperatorRepository } from '../store/operators.js';

export interface CaseViewsDeps {
  cases: CaseRepository;
  members: MemberRepository;
  operators: Pick<OperatorRepository, 'operatorsOf' | 'openSheets'>;
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
  if (!canReadIdentity(roles)) return { referred, ...operatorSheets };
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
  };
}

export type TimelineOutcome =
  | { kind: 'not_found' }
  | { kind: 'refused' }
  | { kind: 'timeline'; entries: { at: Date; actorId: string; event?: CaseEventData }[] };

/** The level-2 history of a case, for team members, coordinators and the person who referred it. */
export async function caseTimeline(
  deps: CaseViewsDeps,
  input: { reference: string; userId: string },
): Promise<TimelineOutcome> {
  const found = await deps.cases.load(input.reference);
  if (!found) return { kind: 'not_found' };
  const { roles } = await deps.members.profile(input.userId);
  if (!canReadIdentity(roles)) {
    // The referrer is outside shared professional secrecy: the history only if the family's agreement covers the
    // referrer's institution (App Home and direct messages tell them the four steps anyway).
    const shared = found.state.agreement?.scope.includes(institutionScopeKey(found.referrerInstitution)) ?? false;
    if (found.referrerUserId !== input.userId || !shared) return { kind: 'refused' };
  }
  const history = await deps.cases.history(found.id);
  return {
    kind: 'timeline',
    entries: history.map((h) => ({
      at: h.at,
      actorId: h.actorId,
      event: h.type === 'referred' ? undefined : ({ ...h.details, type: h.type, actorId: h.actorId } as CaseEventData),
    })),
  };
}
