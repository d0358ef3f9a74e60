import { z } from 'zod';
import { mayDo } from '../../../domain/policy.js';
import { REFERENCE_PATTERN } from '../../../domain/reference.js';
import { canReadIdentity } from '../../../domain/roles.js';
import { frCase, frPeople } from '../../../i18n/fr.js';
import { CASE_MEMBER_REASONS } from '../../../store/case-members.js';
import { actorOnCase } from '../../../use-cases/case-access.js';
import type { AppServices } from '../../services.js';
import { choiceOf, choicesOf, userOf, viewSubmission } from '../../view-state.js';
import { peopleBlocks } from '../../views/case-people.js';
import { caseDeps } from '../case-support.js';
import { blockError, inModal, onSubmit } from '../handlers.js';

const submissionSchema = viewSubmission(z.string().regex(REFERENCE_PATTERN));

/** The people of a case changed: checked again (référent or coordinator, at submission), then recorded. */
export function casePeopleSubmitted(s: AppServices) {
  return onSubmit(submissionSchema, blockError(peopleBlocks.add, frPeople.nothing), async (submission, { ack }) => {
    const reference = submission.view.private_metadata;
    const userId = submission.user.id;
    const found = await s.cases.load(reference);
    if (!found) return ack(inModal(frPeople.title, frCase.notFound));
    const state = submission.view.state.values;
    const added = userOf(state, peopleBlocks.add);
    const reason = CASE_MEMBER_REASONS.find((r) => r === choiceOf(state, peopleBlocks.reason));
    const removed = choicesOf(state, peopleBlocks.remove).filter((id) => /^[UW][A-Z0-9]{2,31}$/.test(id));
    // Asked again at submission: a role removed while the form was open counts.
    const at = s.now();
    const who = await actorOnCase(caseDeps(s), found, userId, at);
    const refusal = [
      ...(added ? ['add_person' as const] : []),
      ...(removed.length > 0 ? ['remove_person' as const] : []),
    ]
      .map((action) => mayDo(action, who, who.ties, who.phase))
      .find((p) => !p.ok);
    if (refusal && !refusal.ok) {
      s.logger.info({ reference, userId, reason: refusal.reason }, "policy: a change of a case's people was refused");
      const text = refusal.reason === 'referent_only' ? frPeople.onlyReferent : frCase.rejection[refusal.reason];
      await ack(inModal(frPeople.title, text));
      return;
    }
    if (!added && removed.length === 0) return ack(blockError(peopleBlocks.add, frPeople.nothing));
    if (added && !reason) return ack(blockError(peopleBlocks.reason, frPeople.reasonRequired));
    if (added && added === found.summary.assigneeUserId)
      return ack(blockError(peopleBlocks.add, frPeople.alreadyReferent));
    if (added && !canReadIdentity((await s.members.profile(added)).roles))
      return ack(blockError(peopleBlocks.add, frPeople.noRole));
    if (added && reason) await s.caseMembers.add({ referralId: found.id, userId: added, addedBy: userId, reason, at });
    for (const gone of removed)
      await s.caseMembers.remove({ referralId: found.id, userId: gone, removedBy: userId, at });
    await ack(inModal(frPeople.title, frPeople.saved(reference)));
  });
}
