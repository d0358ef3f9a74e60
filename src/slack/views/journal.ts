import type { ModalView } from '@slack/types';
import { JOURNAL_KINDS, JOURNAL_TEXT_MAX } from '../../domain/journal.js';
import { fr } from '../../i18n/fr.js';
import { callbacks, VALUE_ACTION } from '../ids.js';
import { formModal, input, mrkdwn, option } from './block-kit.js';

export const journalBlocks = { date: 'journal_date', kind: 'journal_kind', text: 'journal_text' } as const;

/** A note for the journal de suivi, pushed over the file it is written from. */
export function journalModal(reference: string, today: string): ModalView {
  const f = fr.file;
  return formModal(
    callbacks.journal,
    { title: f.journalTitle, submit: f.journalSave, close: f.close },
    [
      { type: 'context', elements: [mrkdwn(`:lock: ${f.journalIntro(reference)}`)] },
      input(journalBlocks.date, f.journalDate, { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today }),
      input(journalBlocks.kind, f.journalKindLabel, {
        type: 'radio_buttons',
        action_id: VALUE_ACTION,
        options: JOURNAL_KINDS.map((k) => option(k, f.journalKind[k])),
      }),
      input(journalBlocks.text, f.journalText, {
        type: 'plain_text_input',
        action_id: VALUE_ACTION,
        multiline: true,
        max_length: JOURNAL_TEXT_MAX,
      }),
    ],
    reference,
  );
}
