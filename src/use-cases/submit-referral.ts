import type { CaseSummary } from '../domain/case-summary.js';
import { localDay, localYear } from '../domain/dates.js';
import type { Lists } from '../domain/lists.js';
import {
  type FamilyAgreement,
  type IntakeErrorCode,
  type IntakeField,
  type IntakeValues,
  validateIntake,
} from '../domain/referral.js';
import type { RenderedMessage } from '../store/outbox.js';
import type { ReferralRepository } from '../store/referral-repository.js';
import { StorageUnavailableError, withDeadline } from './deadline.js';

export interface SubmitReferralDeps {
  referrals: ReferralRepository;
  lists: Lists;
  timeZone: string;
  render: {
    celluleCard(summary: CaseSummary): RenderedMessage;
    receipt(summary: CaseSummary, familyAgreement?: FamilyAgreement): RenderedMessage;
  };
  storageDeadlineMs: number;
}

export interface SubmitReferralInput {
  /** Slack's view id: the same form submitted twice is one referral. */
  viewId: string;
  userId: string;
  values: IntakeValues;
  now: Date;
}

export type SubmitReferralOutcome =
  | { kind: 'invalid'; errors: Partial<Record<IntakeField, IntakeErrorCode>> }
  | { kind: 'saved'; reference: string; created: boolean; referrer: { institution: string; jobTitle: string } }
  | { kind: 'unavailable'; cause: unknown };

/** Validates a referral and stores it with the messages it causes; nothing is sent from here. */
export async function submitReferral(
  deps: SubmitReferralDeps,
  input: SubmitReferralInput,
): Promise<SubmitReferralOutcome> {
  const checked = validateIntake(input.values, { today: localDay(input.now, deps.timeZone), lists: deps.lists });
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
  try {
    const result = await withDeadline(deps.storageDeadlineMs, () =>
      deps.referrals.create(
        {
          sourceViewId: input.viewId,
          referrerUserId: input.userId,
          referredAt: input.now,
          year: localYear(input.now, deps.timeZone),
          form: checked.form,
        },
        (id, summary) => [
          {
            dedupeKey: `card:${id}`,
            kind: 'post',
            destination: { kind: 'cellule' },
            message: deps.render.celluleCard(summary),
            cardOf: id,
          },
          {
            dedupeKey: `receipt:${id}`,
            kind: 'post',
            destination: { kind: 'user', userId: input.userId },
            message: deps.render.receipt(summary, checked.form.facts.familyAgreement),
          },
        ],
      ),
    );
    const { referrerInstitution, referrerRole } = checked.form.facts;
    return {
      kind: 'saved',
      reference: result.summary.reference,
      created: result.created,
      referrer: { institution: referrerInstitution, jobTitle: referrerRole },
    };
  } catch (error) {
    if (error instanceof StorageUnavailableError) return { kind: 'unavailable', cause: error.cause ?? error };
    throw error;
  }
}
