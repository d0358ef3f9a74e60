import type { CaseSummary } from '../domain/case-summary.js';
import type { RenderedMessage } from '../store/outbox.js';
import type { ReferralRepository } from '../store/referral-repository.js';

export interface TakeCaseDeps {
  referrals: ReferralRepository;
  render: {
    celluleCard(summary: CaseSummary): RenderedMessage;
    assignedLine(summary: CaseSummary, userId: string, at: Date): RenderedMessage;
  };
}

export type TakeCaseOutcome =
  | { kind: 'not_found' }
  | { kind: 'taken'; summary: CaseSummary }
  | { kind: 'already_assigned'; summary: CaseSummary; assigneeUserId: string }
  | { kind: 'stale'; summary: CaseSummary };

/** "Prendre en charge": one click wins; a click on an outdated card changes nothing and refreshes the card. */
export async function takeCase(
  deps: TakeCaseDeps,
  input: { reference: string; cardVersion: number; userId: string; now: Date },
): Promise<TakeCaseOutcome> {
  const result = await deps.referrals.assign(
    { reference: input.reference, expectedVersion: input.cardVersion, userId: input.userId, at: input.now },
    // The card is redrawn at its current version either way, once per version thanks to the dedupe key.
    (id, summary, won) => [
      {
        dedupeKey: `card-update:${id}:${summary.version}`,
        kind: 'card_update',
        referralId: id,
        message: deps.render.celluleCard(summary),
      },
      ...(won
        ? [
            {
              dedupeKey: `thread:${id}:${summary.version}`,
              kind: 'thread_reply' as const,
              referralId: id,
              message: deps.render.assignedLine(summary, input.userId, input.now),
            },
          ]
        : []),
    ],
  );
  if (!result) return { kind: 'not_found' };
  if (result.won) return { kind: 'taken', summary: result.summary };
  if (result.summary.assigneeUserId) {
    return { kind: 'already_assigned', summary: result.summary, assigneeUserId: result.summary.assigneeUserId };
  }
  return { kind: 'stale', summary: result.summary };
}
