import type { ModalView } from '@slack/types';
import { frAbsence } from '../../i18n/fr.js';
import { callbacks, VALUE_ACTION } from '../ids.js';
import { mrkdwn, option, plain } from './block-kit.js';

export const absenceBlocks = {
  absent: 'absence_user',
  change: 'absence_change',
  deputy: 'absence_deputy',
  until: 'absence_until',
} as const;

/** `/reperage absence`: a référent (or a coordinator, for anyone) names who covers an absence, until when. */
export function absenceModal(userId: string, today: string): ModalView {
  const a = frAbsence;
  return {
    type: 'modal',
    callback_id: callbacks.absence,
    title: plain(a.title),
    submit: plain(a.save),
    close: plain(a.cancel),
    blocks: [
      { type: 'section', text: mrkdwn(a.intro) },
      {
        type: 'input',
        block_id: absenceBlocks.absent,
        label: plain(a.absent),
        element: { type: 'users_select', action_id: VALUE_ACTION, initial_user: userId },
      },
      {
        type: 'input',
        block_id: absenceBlocks.change,
        label: plain(a.change),
        element: {
          type: 'radio_buttons',
          action_id: VALUE_ACTION,
          options: [option('set', a.set), option('end', a.end)],
          initial_option: option('set', a.set),
        },
      },
      {
        type: 'input',
        block_id: absenceBlocks.deputy,
        optional: true,
        label: plain(a.deputy),
        element: { type: 'users_select', action_id: VALUE_ACTION },
      },
      {
        type: 'input',
        block_id: absenceBlocks.until,
        optional: true,
        label: plain(a.until),
        element: { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today },
      },
    ],
  };
}
