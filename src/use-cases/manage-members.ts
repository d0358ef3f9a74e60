import { isCoordinator, type Role } from '../domain/roles.js';
import type { MemberRepository } from '../store/member-repository.js';

export type MemberChangeOutcome = { kind: 'refused' } | { kind: 'configured_coordinator' } | { kind: 'done' };

/** Coordinators grant and remove roles; every change is recorded with who made it. */
export async function changeMemberRole(
  deps: { members: MemberRepository; configuredCoordinators: readonly string[] },
  input: {
    actorId: string;
    userId: string;
    role: Role;
    change: 'grant' | 'revoke';
    institution?: string;
    now: Date;
  },
): Promise<MemberChangeOutcome> {
  const { roles } = await deps.members.profile(input.actorId);
  if (!isCoordinator(roles)) return { kind: 'refused' };
  if (input.change === 'revoke' && input.role === 'coordinator' && deps.configuredCoordinators.includes(input.userId)) {
    return { kind: 'configured_coordinator' };
  }
  await deps.members.change({
    userId: input.userId,
    role: input.role,
    change: input.change,
    institution: input.institution,
    actorId: input.actorId,
    at: input.now,
  });
  return { kind: 'done' };
}
