import type { ModalView } from '@slack/types';
import { JOURNAL_KINDS, JOURNAL_TEXT_MAX } from '../../domain/journal.js';
import { fr } from '../../i18n/fr.js';
import { callbacks, VALUE_ACTION } from '../ids.js';
import { mrkdwn, option, plain } from './block-kit.js';

export const journalBlocks = { date: 'journal_date', kind: 'journal_kind', text: 'journal_text' } as const;

/** A note for the journal de suivi, pushed over the file it is written from. */
export function journalModal(reference: string, today: string): ModalView {
  const f = fr.file;
  return {
    type: 'modal',
    callback_id: callbacks.journal,
    private_metadata: reference,
    title: plain(f.journalTitle),
    submit: plain(f.journalSave),
    close: plain(f.close),
    blocks: [
      { type: 'context', elements: [mrkdwn(`:lock: ${f.journalIntro(reference)}`)] },
      {
        type: 'input',
        block_id: journalBlocks.date,
        label: plain(f.journalDate),
        element: { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today },
      },
      {
        type: 'input',
        block_id: journalBlocks.kind,
        label: plain(f.journalKindLabel),
        element: {
          type: 'radio_buttons',
          action_id: VALUE_ACTION,
          options: JOURNAL_KINDS.map((k) => option(k, f.journalKind[k])),
        },
      },
      {
        type: 'input',
        block_id: journalBlocks.text,
        label: plain(f.journalText),
        element: { type: 'plain_text_input', action_id: VALUE_ACTION, multiline: true, max_length: JOURNAL_TEXT_MAX },
      },
    ],
  };
}
