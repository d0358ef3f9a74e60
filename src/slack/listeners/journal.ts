import { z } from 'zod';
import { localDay } from '../../domain/dates.js';
import { JOURNAL_KINDS } from '../../domain/journal.js';
import { REFERENCE_PATTERN } from '../../domain/reference.js';
import { fr, frCase } from '../../i18n/fr.js';
import { writeJournalEntry } from '../../use-cases/journal.js';
import type { AppServices } from '../services.js';
import { buttonClick, choiceOf, dateOf, textOf, viewSubmission } from '../view-state.js';
import { journalBlocks as b, journalModal } from '../views/journal.js';
import { caseDeps } from './case-support.js';
import { blockError, inModal, onClick, onSubmit } from './handlers.js';

const clickSchema = buttonClick(z.string().regex(REFERENCE_PATTERN));
const submissionSchema = viewSubmission(z.string().regex(REFERENCE_PATTERN));

/** "Ajouter au journal", inside the file: the note's form, pushed over the file (the policy asks at submission). */
export function journalAddClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const today = localDay(s.now(), s.config.timeZone);
    await client.views.push({
      trigger_id: click.trigger_id,
      view: journalModal(click.actions[0].value, today),
    });
  });
}

/** A note written: checked, asked to the policy, sealed; said in the form when it did not go through. */
export function journalSubmitted(s: AppServices) {
  return onSubmit(submissionSchema, blockError(b.text, frCase.modal.required), async (submission, { ack }) => {
    const state = submission.view.state.values;
    const today = localDay(s.now(), s.config.timeZone);
    const on = dateOf(state, b.date);
    const kind = JOURNAL_KINDS.find((k) => k === choiceOf(state, b.kind));
    const text = textOf(state, b.text);
    const errors: Record<string, string> = {};
    if (!on) errors[b.date] = frCase.modal.required;
    else if (on > today) errors[b.date] = frCase.modal.futureDate;
    if (!kind) errors[b.kind] = frCase.modal.required;
    if (!text) errors[b.text] = frCase.modal.required;
    if (!on || !kind || !text || Object.keys(errors).length > 0) return ack({ response_action: 'errors', errors });
    const reference = submission.view.private_metadata;
    const outcome = await writeJournalEntry(
      { ...caseDeps(s), cases: s.cases, logger: s.logger },
      { reference, userId: submission.user.id, entry: { on, kind, text }, now: s.now() },
    );
    const message =
      outcome.kind === 'done'
        ? fr.file.journalSaved(reference)
        : outcome.kind === 'not_found'
          ? frCase.notFound
          : frCase.rejection[outcome.reason];
    await ack(inModal(fr.file.journalTitle, message));
  });
}
