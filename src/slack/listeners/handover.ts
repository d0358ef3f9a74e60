import { z } from 'zod';
import { holds } from '../../domain/policy.js';
import { REFERENCE_PATTERN } from '../../domain/reference.js';
import { frCase, frHandover } from '../../i18n/fr.js';
import { handOver } from '../../use-cases/handover.js';
import type { AppServices } from '../services.js';
import { buttonClick, userOf, viewSubmission } from '../view-state.js';
import { handoverBlock, handoverModal, handoverReference } from '../views/handover.js';
import { messageModal } from '../views/modals.js';
import { caseDeps } from './case-support.js';
import { inModal, onClick, onSubmit } from './handlers.js';

export const handoverDeps = (s: AppServices) => ({ ...caseDeps(s), caseMembers: s.caseMembers });

/** A coordinator hands over: the table's rule for naming another référent on a case that is not theirs. */
const mayHandOver = async (s: AppServices, userId: string) =>
  holds('change_referent', await s.members.profile(userId), 'none');

const clickSchema = buttonClick(z.string().regex(REFERENCE_PATTERN));

/** "Confier" beside a case without a référent, in the coordinator's App Home: the handover form for that case. */
export function handoverOpenClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const [allowed, found] = await Promise.all([mayHandOver(s, click.user.id), s.cases.load(click.actions[0].value)]);
    const view = !allowed
      ? messageModal(frHandover.title, frHandover.coordinatorOnly)
      : !found
        ? messageModal(frHandover.title, frCase.notFound)
        : handoverModal([found.summary]);
    await client.views.open({ trigger_id: click.trigger_id, view });
  });
}

const submissionSchema = viewSubmission();

/** The handover form: each case named a new référent is handed over; a refusal is said beside its case. */
export function handoverSubmitted(s: AppServices) {
  return onSubmit(submissionSchema, inModal(frHandover.title, frCase.notFound), async (submission, { ack }) => {
    const coordinatorId = submission.user.id;
    if (!(await mayHandOver(s, coordinatorId))) return ack(inModal(frHandover.title, frHandover.coordinatorOnly));
    const values = submission.view.state.values;
    const assignments = Object.keys(values).flatMap((blockId) => {
      const reference = handoverReference(blockId);
      const to = userOf(values, blockId);
      return reference && REFERENCE_PATTERN.test(reference) && to ? [{ reference, to }] : [];
    });
    const firstBlock = Object.keys(values)[0];
    if (assignments.length === 0)
      return ack({ response_action: 'errors', errors: firstBlock ? { [firstBlock]: frHandover.chooseOne } : {} });
    const outcomes = await handOver(handoverDeps(s), { coordinatorId, assignments, now: s.now() });
    s.kickOutbox();
    const errors: Record<string, string> = {};
    for (const o of outcomes) {
      if (o.kind === 'not_found') errors[handoverBlock(o.reference)] = frCase.notFound;
      else if (o.kind === 'rejected')
        errors[handoverBlock(o.reference)] =
          o.reason === 'stale' ? frCase.staleCard(o.reference) : frCase.rejection[o.reason];
    }
    const done = outcomes.filter((o) => o.kind === 'done').map((o) => o.reference);
    s.logger.info({ by: coordinatorId, handedOver: done.length, refused: outcomes.length - done.length }, 'handover');
    // What went through is recorded; what did not is said beside its case, the form kept for another choice.
    if (Object.keys(errors).length > 0) await ack({ response_action: 'errors', errors });
    else
      await ack({
        response_action: 'update',
        view: messageModal(frHandover.title, frHandover.done(done.join(', '))),
      });
  });
}
