import type { CaseSummary } from '../domain/case-summary.js';
import type { Rejection } from '../domain/pathway.js';
import { canReadIdentity } from '../domain/roles.js';
import type { CaseMembers } from '../store/case-members.js';
import { type CaseCommandDeps, runCaseCommand } from './run-case-command.js';

export interface HandoverDeps extends CaseCommandDeps {
  caseMembers: CaseCommandDeps['caseMembers'] & Pick<CaseMembers, 'removeEverywhere'>;
}

/**
 * A person lost the role that opened cases to them: their access already ended (the policy reads roles at each
 * click); their places on cases' people are ended too, recorded, and their open cases are returned, to be handed over.
 */
export async function afterRoleRemoved(
  deps: Pick<HandoverDeps, 'members' | 'caseMembers' | 'cases'>,
  input: { userId: string; coordinatorId: string; now: Date },
): Promise<CaseSummary[]> {
  const { roles } = await deps.members.profile(input.userId);
  if (canReadIdentity(roles)) return [];
  await deps.caseMembers.removeEverywhere({ userId: input.userId, removedBy: input.coordinatorId, at: input.now });
  return deps.cases.assignedTo(input.userId);
}

/** Open cases whose référent no longer holds a role that works on cases: the coordinator's to hand over. */
export async function casesWithoutReferent(deps: Pick<HandoverDeps, 'members' | 'cases'>): Promise<CaseSummary[]> {
  const workers = (await deps.members.withRoles()).filter((m) => canReadIdentity(m.roles)).map((m) => m.userId);
  return deps.cases.withoutWorkingReferent(workers);
}

export type HandoverOutcome = { reference: string } & (
  | { kind: 'done' }
  | { kind: 'not_found' }
  | { kind: 'rejected'; reason: Rejection | 'stale' }
);

/** Each case to its new référent: a change of référent like any other, by the coordinator, in its history. */
export async function handOver(
  deps: HandoverDeps,
  input: { coordinatorId: string; assignments: readonly { reference: string; to: string }[]; now: Date },
): Promise<HandoverOutcome[]> {
  const outcomes: HandoverOutcome[] = [];
  for (const { reference, to } of input.assignments) {
    const found = await deps.cases.load(reference);
    if (!found) {
      outcomes.push({ reference, kind: 'not_found' });
      continue;
    }
    const outcome = await runCaseCommand(deps, {
      reference,
      expectedVersion: found.state.version,
      userId: input.coordinatorId,
      command: { type: 'change_referent', referentUserId: to },
      now: input.now,
    });
    outcomes.push(
      outcome.kind === 'done'
        ? { reference, kind: 'done' }
        : outcome.kind === 'rejected'
          ? { reference, kind: 'rejected', reason: outcome.reason }
          : outcome.kind === 'stale'
            ? { reference, kind: 'rejected', reason: 'stale' }
            : { reference, kind: 'not_found' },
    );
  }
  return outcomes;
}
