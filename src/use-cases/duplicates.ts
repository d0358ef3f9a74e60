import type { CaseRepository } from '../store/case-repository.js';
import type { LikelyDuplicate } from '../store/identity-match.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { RenderedMessage } from '../store/outbox.js';

export interface DuplicateDeps {
  cases: CaseRepository;
  members: Pick<MemberRepository, 'coordinatorIds'>;
  notice(reference: string, likely: readonly LikelyDuplicate[]): RenderedMessage;
}

/**
 * Once a case has its identity (a referral with the family's agreement, or an identity completed): the cases that
 * look like the same child are told, by reference, to its référent — or to the coordinators while it has none —
 * who merge it into the existing case or keep both with a reason. Returns how many were found.
 */
export async function tellLikelyDuplicates(
  deps: DuplicateDeps,
  input: { reference: string; now: Date },
): Promise<number> {
  const found = await deps.cases.load(input.reference);
  if (!found || found.state.preReferral || found.state.mergedInto) return 0;
  const likely = await deps.cases.likelyDuplicates(found.id, input.now);
  if (likely.length === 0) return 0;
  const to = found.summary.assigneeUserId ? [found.summary.assigneeUserId] : await deps.members.coordinatorIds();
  const which = likely.map((c) => c.reference).join(',');
  await deps.cases.queueAll(
    to.map((userId) => ({
      dedupeKey: `duplicate:${found.id}:${which}:${userId}`,
      kind: 'post' as const,
      destination: { kind: 'user' as const, userId },
      message: deps.notice(input.reference, likely),
    })),
  );
  return likely.length;
}
