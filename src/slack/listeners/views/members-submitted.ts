import { ROLES } from '../../../domain/roles.js';
import { frCase, frCharter } from '../../../i18n/fr.js';
import { afterRoleRemoved } from '../../../use-cases/handover.js';
import { changeMemberRole } from '../../../use-cases/manage-members.js';
import type { AppServices } from '../../services.js';
import { choiceOf, choicesOf, userOf, viewSubmission } from '../../view-state.js';
import { handoverModal } from '../../views/handover.js';
import { memberBlocks as b } from '../../views/members-modal.js';
import { messageModal } from '../../views/modals.js';
import { blockError, onSubmit } from '../handlers.js';
import { handoverDeps } from '../handover.js';

const submissionSchema = viewSubmission();

export function membersSubmitted(s: AppServices) {
  return onSubmit(submissionSchema, blockError(b.user, frCase.modal.required), async (submission, { ack }) => {
    const state = submission.view.state.values;
    const userId = userOf(state, b.user);
    const change = (['grant', 'revoke'] as const).find((c) => c === choiceOf(state, b.change));
    const role = ROLES.find((r) => r === choiceOf(state, b.role));
    const institutionId = choiceOf(state, b.institution);
    const institution = s.lists.institutions.some((i) => i.id === institutionId) ? institutionId : undefined;
    const errors: Record<string, string> = {};
    if (!userId || !/^[UW][A-Z0-9]+$/.test(userId)) errors[b.user] = frCase.modal.required;
    if (!change) errors[b.change] = frCase.modal.required;
    if (!role) errors[b.role] = frCase.modal.required;
    // A role that works on children's cases is granted knowingly, to someone who represents an institution.
    if (change === 'grant' && (role === 'team' || role === 'coordinator')) {
      if (!choicesOf(state, b.confirm).includes('yes')) errors[b.confirm] = frCharter.members.confirmRequired;
      if (!institution) errors[b.institution] = frCharter.members.institutionRequired;
    }
    if (!userId || !change || !role || Object.keys(errors).length > 0)
      return ack({ response_action: 'errors', errors });
    const outcome = await changeMemberRole(
      { members: s.members, configuredCoordinators: s.config.coordinators },
      { actorId: submission.user.id, userId, role, change, institution, now: s.now() },
    );
    if (outcome.kind === 'refused') return ack(blockError(b.user, frCharter.members.coordinatorOnly));
    if (outcome.kind === 'configured_coordinator')
      return ack(blockError(b.role, frCharter.members.configuredCoordinator));
    s.logger.info({ userId, role, change, by: submission.user.id }, 'member role changed');
    // Leaving: the person's access ended with the role; their open cases are handed over at once, in the same form.
    if (change === 'revoke') {
      const cases = await afterRoleRemoved(handoverDeps(s), {
        userId,
        coordinatorId: submission.user.id,
        now: s.now(),
      });
      if (cases.length > 0) return ack({ response_action: 'update', view: handoverModal(cases, userId) });
    }
    await ack({
      response_action: 'update',
      view: messageModal(frCharter.members.title, frCharter.members.done(userId, change, frCharter.role[role])),
    });
  });
}
