import { AXES } from '../../../domain/axes.js';
import type { DetailFields } from '../../../domain/catalogue.js';
import { frCase } from '../../../i18n/fr.js';
import { type CatalogueEdit, editCatalogue } from '../../../use-cases/edit-catalogue.js';
import type { AppServices } from '../../services.js';
import { choiceOf, textOf, viewSubmission } from '../../view-state.js';
import { catalogueBlocks as b } from '../../views/catalogue-modal.js';
import { messageModal } from '../../views/modals.js';
import { blockError, onSubmit } from '../handlers.js';

const submissionSchema = viewSubmission();

export function catalogueSubmitted(s: AppServices) {
  const unreadable = blockError(b.operation, frCase.rejection.wrong_status);
  return onSubmit(submissionSchema, unreadable, async (submission, { ack }) => {
    const state = submission.view.state.values;
    const operation = choiceOf(state, b.operation);
    const actionId = choiceOf(state, b.action);
    const axis = AXES.find((a) => a === choiceOf(state, b.axis));
    const title = textOf(state, b.title);
    const operator = textOf(state, b.operator);
    const waiting = choiceOf(state, b.waitingList);
    const details: DetailFields = {
      ageMin: textOf(state, b.ageMin),
      ageMax: textOf(state, b.ageMax),
      places: textOf(state, b.places),
      waitingList: waiting === undefined ? undefined : waiting === 'yes',
      funder: textOf(state, b.funder),
    };
    const errors: Record<string, string> = {};
    let edit: CatalogueEdit | undefined;
    if (operation === 'add') {
      if (!axis) errors[b.axis] = frCase.modal.required;
      if (!title) errors[b.title] = frCase.modal.required;
      if (!operator) errors[b.operator] = frCase.modal.required;
      if (axis && title && operator) edit = { operation, axis, title, operator, details };
    } else if (operation === 'rename') {
      if (!actionId) errors[b.action] = frCase.catalogue.chooseAction;
      if (!title && !operator && Object.values(details).every((v) => v === undefined))
        errors[b.title] = frCase.catalogue.nothingToChange;
      if (actionId && Object.keys(errors).length === 0) edit = { operation, actionId, title, operator, details };
    } else if (operation === 'retire' || operation === 'restore') {
      if (!actionId) errors[b.action] = frCase.catalogue.chooseAction;
      else edit = { operation, actionId };
    } else errors[b.operation] = frCase.modal.required;
    if (!edit) return ack({ response_action: 'errors', errors });
    const outcome = await editCatalogue(s, { userId: submission.user.id, edit, now: s.now() });
    if (outcome.kind === 'other_name') return ack(blockError(b.operator, frCase.catalogue.otherName(outcome.partner)));
    if (outcome.kind === 'invalid') return ack(blockError(b[outcome.field], frCase.catalogue.invalid[outcome.issue]));
    if (outcome.kind !== 'done') {
      const message = outcome.kind === 'refused' ? frCase.catalogue.coordinatorOnly : frCase.notFound;
      await ack(blockError(b.operation, message));
      return;
    }
    await ack({
      response_action: 'update',
      view: messageModal(frCase.catalogue.title, frCase.catalogue.done[edit.operation](outcome.title)),
    });
    s.logger.info({ operation: edit.operation, by: submission.user.id }, 'catalogue changed');
  });
}
