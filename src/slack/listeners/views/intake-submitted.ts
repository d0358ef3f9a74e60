import { z } from 'zod';
import type { IntakeErrorCode, IntakeField } from '../../../domain/referral.js';
import { fr } from '../../../i18n/fr.js';
import { submitReferral } from '../../../use-cases/submit-referral.js';
import { intakeBlocks } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { readIntakeValues, viewStateSchema } from '../../view-state.js';
import { submittedModal } from '../../views/modals.js';
import { lookForDuplicates } from '../duplicates.js';
import { blockError, onSubmit } from '../handlers.js';

const submissionSchema = z.object({
  user: z.object({ id: z.string().min(1).max(32) }),
  view: z.object({ id: z.string().min(1).max(64), state: z.object({ values: viewStateSchema }) }),
});

function toSlackErrors(errors: Partial<Record<IntakeField, IntakeErrorCode>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, code]) => [
      intakeBlocks[field as IntakeField],
      fr.intakeErrors[code as IntakeErrorCode],
    ]),
  );
}

/**
 * The referral is written before the answer to Slack, unlike most work here: the user must learn, in the modal,
 * whether it was saved. The write is small and bounded by a deadline inside Slack's 3 s window.
 */
export function intakeSubmitted(s: AppServices) {
  const unreadable = blockError(intakeBlocks.referrerRole, fr.genericError);
  return onSubmit(submissionSchema, unreadable, async (submission, { ack }) => {
    const outcome = await submitReferral(
      {
        referrals: s.referrals,
        lists: s.lists,
        timeZone: s.config.timeZone,
        render: s.render,
        storageDeadlineMs: s.storageDeadlineMs,
      },
      {
        viewId: submission.view.id,
        userId: submission.user.id,
        values: readIntakeValues(submission.view.state.values),
        now: s.now(),
      },
    ).catch((error: unknown) => ({ kind: 'unavailable' as const, cause: error }));
    switch (outcome.kind) {
      case 'invalid':
        await ack({ response_action: 'errors', errors: toSlackErrors(outcome.errors) });
        return;
      case 'unavailable':
        s.logger.error({ err: outcome.cause }, 'intake: the referral could not be stored');
        // Shown beside the submit button, where the user's eyes are; the form keeps everything typed.
        await ack(blockError(intakeBlocks.referrerRole, fr.submitFailed));
        return;
      case 'saved':
        await ack({ response_action: 'update', view: submittedModal(outcome.reference, !outcome.created) });
        s.logger.info({ reference: outcome.reference, created: outcome.created }, 'intake: referral saved');
        s.kickOutbox();
        // Slack has its answer: the same child referred before is looked for now, off the intake's critical path.
        if (outcome.created) await lookForDuplicates(s, outcome.reference);
        // What the next form prefills is remembered too.
        await s.referrals
          .rememberReferrer(submission.user.id, outcome.referrer.institution, outcome.referrer.jobTitle)
          .catch((error: unknown) =>
            s.logger.warn({ err: error }, 'intake: the referrer’s details were not remembered'),
          );
    }
  });
}
