import { z } from 'zod';
import { isCoordinator } from '../../domain/roles.js';
import { frCase, frOperator } from '../../i18n/fr.js';
import { catalogueOperators } from '../../store/operators.js';
import { channelProblem } from '../channel-check.js';
import type { AppServices } from '../services.js';
import { buttonClick, conversationOf, usersOf, viewSubmission } from '../view-state.js';
import { operatorBlocks as b, operatorModal } from '../views/catalogue-modal.js';
import { messageModal } from '../views/modals.js';
import { answeredWithErrors, blockError, inModal, onClick, onSubmit } from './handlers.js';

const operatorKey = z.string().regex(/^op:[a-z0-9-]{1,60}$/);
const clickSchema = buttonClick(operatorKey);
const submissionSchema = viewSubmission(operatorKey);
const channelId = z.string().regex(/^[CG][A-Z0-9]{2,30}$/);
const userId = z.string().regex(/^[UW][A-Z0-9]{2,30}$/);

/** The operator of the catalogue behind a scope key (none when no action has it any more). */
async function operatorOf(s: AppServices, key: string) {
  return catalogueOperators(await s.catalogue.all()).find((op) => op.key === key);
}

/** "Canal et référents" beside an operator in the catalogue form: its settings, pushed over the form. */
export function operatorConfigureClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const [{ roles }, op] = await Promise.all([
      s.members.profile(click.user.id),
      operatorOf(s, click.actions[0].value),
    ]);
    const view = !isCoordinator(roles)
      ? messageModal(frOperator.operatorTitle, frOperator.coordinatorOnly)
      : !op
        ? messageModal(frOperator.operatorTitle, frCase.notFound)
        : operatorModal((await s.operators.settings([op]))[0] ?? { ...op, referents: [] });
    await client.views.push({ trigger_id: click.trigger_id, view });
  });
}

/** An operator's channel and referents saved: recorded, and what waited for the channel goes now. */
export function operatorSubmitted(s: AppServices) {
  const unreadable = blockError(b.channel, frCase.rejection.wrong_status);
  return onSubmit(submissionSchema, unreadable, async (submission, { ack, client }) => {
    const state = submission.view.state.values;
    const channel = conversationOf(state, b.channel);
    const referents = usersOf(state, b.referents);
    const errors: Record<string, string> = {};
    if (channel !== undefined && !channelId.safeParse(channel).success) errors[b.channel] = frCase.modal.required;
    if (referents.some((u) => !userId.safeParse(u).success)) errors[b.referents] = frCase.modal.required;
    if (await answeredWithErrors(ack, errors)) return;
    const actorId = submission.user.id;
    const [{ roles }, op] = await Promise.all([
      s.members.profile(actorId),
      operatorOf(s, submission.view.private_metadata),
    ]);
    if (!isCoordinator(roles) || !op) {
      const text = !op ? frCase.notFound : frOperator.coordinatorOnly;
      await ack(inModal(frOperator.operatorTitle, text));
      return;
    }
    // Only a channel the app can post in: a liaison sheet held for a channel it cannot reach would wait unseen.
    const problem = channel ? await channelProblem(client, channel, { shared: 'allowed' }) : undefined;
    if (problem) return void (await ack(blockError(b.channel, problem)));
    const changes = await s.operators.configure({ ...op, channelId: channel, referents, actorId, at: s.now() });
    await ack({
      response_action: 'update',
      view: messageModal(frOperator.operatorTitle, frOperator.operatorSaved(op.name)),
    });
    s.logger.info(
      { operator: op.key, by: actorId, added: changes.added.length, removed: changes.removed.length },
      'operator settings changed',
    );
    s.afterOperatorChange();
  });
}
