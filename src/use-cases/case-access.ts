import { localDay } from '../domain/dates.js';
import {
  type CaseAction,
  type CaseTies,
  inIntermediateArchive,
  mayDo,
  type Permission,
  type Phase,
  phaseOf,
} from '../domain/policy.js';
import type { Role } from '../domain/roles.js';
import type { Absences } from '../store/absences.js';
import type { CaseMembers } from '../store/case-members.js';
import type { MemberRepository } from '../store/member-repository.js';

export interface CaseAccessDeps {
  members: Pick<MemberRepository, 'profile'>;
  caseMembers: Pick<CaseMembers, 'tiesOf'>;
  timeZone: string;
  /** Days a closed file stays with its people before the intermediate archive (config PRE_ARCHIVE_DAYS). */
  archiveDays: number;
}

/** A case as the policy needs it: the référent, who referred, where it stands. */
export interface CaseAtHand {
  id: string;
  summary: { assigneeUserId?: string };
  referrerUserId?: string;
  state: Parameters<typeof phaseOf>[0];
  /** When it closed, and whether a bordereau d'élimination lists it: the intermediate archive is read from them. */
  closedAt: Date | null;
  listedForElimination: boolean;
}

export interface ActorOnCase {
  userId: string;
  roles: Role[];
  ties: Omit<CaseTies, 'operator'>;
  phase: Phase;
}

/** Who this person is to this case, read fresh at each click: a role removed a second ago counts. */
export async function actorOnCase(
  deps: CaseAccessDeps,
  found: CaseAtHand,
  userId: string,
  now: Date,
): Promise<ActorOnCase> {
  const assigneeUserId = found.summary.assigneeUserId;
  const [{ roles }, ties] = await Promise.all([
    deps.members.profile(userId),
    deps.caseMembers.tiesOf({
      referralId: found.id,
      userId,
      assigneeUserId,
      today: localDay(now, deps.timeZone),
    }),
  ]);
  return {
    userId,
    roles,
    ties: { ...ties, assigneeUserId, referrerUserId: found.referrerUserId },
    phase: phaseOf(found.state, inIntermediateArchive({ status: found.state.status, ...found }, now, deps.archiveDays)),
  };
}

/** The policy's answer for this person on this case. */
export async function mayOnCase(
  deps: CaseAccessDeps,
  found: CaseAtHand,
  userId: string,
  action: CaseAction,
  now: Date,
): Promise<Permission> {
  const who = await actorOnCase(deps, found, userId, now);
  return mayDo(action, who, who.ties, who.phase);
}

/** Whether a named référent is away (a deputy covers them today). */
export async function isAway(absences: Pick<Absences, 'isAway'>, userId: string, now: Date, timeZone: string) {
  return absences.isAway(userId, localDay(now, timeZone));
}
