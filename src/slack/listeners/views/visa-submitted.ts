import { z } from 'zod';
import { frenchDate, localDay, parseDay } from '../../../domain/dates.js';
import { isCoordinator } from '../../../domain/roles.js';
import { frArchive } from '../../../i18n/fr.js';
import type { AppServices } from '../../services.js';
import { dateOf, textOf, viewSubmission } from '../../view-state.js';
import { visaBlocks } from '../../views/archive-messages.js';
import { BATCH_NUMBER } from '../actions/record-visa.js';
import { blockError, inModal, onSubmit } from '../handlers.js';

const submissionSchema = viewSubmission(z.string().regex(BATCH_NUMBER));

/**
 * The visa recorded: the date is checked (a real day, not to come, not before the bordereau), the bordereau moves to
 * "visa recorded" and the erasure runs after the ack (it may take longer than Slack's 3 s for a large batch).
 */
export function visaSubmitted(s: AppServices) {
  const v = frArchive.visa;
  return onSubmit(submissionSchema, blockError(visaBlocks.receivedOn, v.badDate), async (submission, { ack }) => {
    const { roles } = await s.members.profile(submission.user.id);
    if (!isCoordinator(roles)) return ack(inModal(v.title, v.coordinatorOnly));
    const number = submission.view.private_metadata;
    const batch = await s.batches.find(number);
    if (!batch) return ack(inModal(v.title, v.notFound));
    const state = submission.view.state.values;
    const receivedOn = dateOf(state, visaBlocks.receivedOn);
    const now = s.now();
    const drafted = localDay(batch.draftedAt, s.config.timeZone);
    const error =
      !receivedOn || !parseDay(receivedOn)
        ? v.badDate
        : receivedOn > localDay(now, s.config.timeZone)
          ? v.futureDate
          : receivedOn < drafted
            ? v.beforeDraft(frenchDate(batch.draftedAt, s.config.timeZone))
            : undefined;
    if (error || !receivedOn)
      return ack({ response_action: 'errors', errors: { [visaBlocks.receivedOn]: error ?? v.badDate } });
    const outcome = await s.batches.recordVisa({
      number,
      receivedOn,
      reference: textOf(state, visaBlocks.reference),
      by: submission.user.id,
      at: now,
    });
    const text =
      outcome === 'recorded'
        ? v.recorded(number, batch.lines.length)
        : outcome === 'already_recorded'
          ? v.already(number)
          : v.notFound;
    await ack(inModal(v.recordedTitle, text));
    if (outcome === 'recorded') s.afterVisa();
  });
}
