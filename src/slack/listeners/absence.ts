import { frenchDay, localDay } from '../../domain/dates.js';
import { canReadIdentity, isCoordinator } from '../../domain/roles.js';
import { frAbsence, frCase } from '../../i18n/fr.js';
import type { AppServices } from '../services.js';
import { choiceOf, dateOf, userOf, viewSubmission } from '../view-state.js';
import { absenceBlocks as b } from '../views/absence.js';
import { plainMessage } from '../views/block-kit.js';
import { messageModal } from '../views/modals.js';
import { blockError, inModal, onSubmit } from './handlers.js';

const submissionSchema = viewSubmission();
const USER = /^[UW][A-Z0-9]{2,31}$/;

/**
 * An absence covered, or ended: the référent for themself, a coordinator for anyone. The deputy works on cases and is
 * told by direct message; from then until the day given, the policy gives them the référent's access.
 */
export function absenceSubmitted(s: AppServices) {
  return onSubmit(submissionSchema, blockError(b.absent, frCase.modal.required), async (submission, { ack }) => {
    const actorId = submission.user.id;
    const state = submission.view.state.values;
    const absent = userOf(state, b.absent);
    const change = choiceOf(state, b.change);
    const deputy = userOf(state, b.deputy);
    const until = dateOf(state, b.until);
    const now = s.now();
    const today = localDay(now, s.config.timeZone);
    const { roles } = await s.members.profile(actorId);
    const errors: Record<string, string> = {};
    if (!absent || !USER.test(absent)) errors[b.absent] = frCase.modal.required;
    else if (absent !== actorId && !isCoordinator(roles)) errors[b.absent] = frAbsence.othersCoordinatorOnly;
    if (change !== 'set' && change !== 'end') errors[b.change] = frCase.modal.required;
    if (change === 'set') {
      if (!deputy || !USER.test(deputy)) errors[b.deputy] = frCase.modal.required;
      else if (deputy === absent) errors[b.deputy] = frAbsence.selfDeputy;
      else if (!canReadIdentity((await s.members.profile(deputy)).roles)) errors[b.deputy] = frAbsence.deputyNoRole;
      if (!until) errors[b.until] = frCase.modal.required;
      else if (until < today) errors[b.until] = frAbsence.untilPast;
    }
    if (!absent || Object.keys(errors).length > 0) return ack({ response_action: 'errors', errors });
    if (change === 'end') {
      const ended = await s.absences.end({ userId: absent, endedBy: actorId, at: now });
      if (ended) await ack(inModal(frAbsence.title, frAbsence.ended(absent)));
      else await ack(blockError(b.change, frAbsence.noneToEnd));
      return;
    }
    if (!deputy || !until) return;
    await s.absences.cover({ userId: absent, deputyUserId: deputy, until, setBy: actorId, at: now });
    await s.cases.queue({
      dedupeKey: `absence:${absent}:${deputy}:${until}:${now.getTime()}`,
      kind: 'post',
      destination: { kind: 'user', userId: deputy },
      message: plainMessage(frAbsence.toDeputy(absent, frenchDay(until))),
    });
    s.kickOutbox();
    s.logger.info({ absent, deputy, until, by: actorId }, 'absence covered');
    await ack({
      response_action: 'update',
      view: messageModal(frAbsence.title, frAbsence.saved(absent, deputy, frenchDay(until))),
    });
  });
}
