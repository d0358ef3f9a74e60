import type { ModalView } from '@slack/types';
import { frAbsence } from '../../i18n/fr.js';
import { callbacks, VALUE_ACTION } from '../ids.js';
import { formModal, input, mrkdwn, option } from './block-kit.js';

export const absenceBlocks = {
  absent: 'absence_user',
  change: 'absence_change',
  deputy: 'absence_deputy',
  until: 'absence_until',
} as const;

/** `/reperage absence`: a référent (or a coordinator, for anyone) names who covers an absence, until when. */
export function absenceModal(userId: string, today: string): ModalView {
  const a = frAbsence;
  return formModal(callbacks.absence, { title: a.title, submit: a.save, close: a.cancel }, [
    { type: 'section', text: mrkdwn(a.intro) },
    input(absenceBlocks.absent, a.absent, { type: 'users_select', action_id: VALUE_ACTION, initial_user: userId }),
    input(absenceBlocks.change, a.change, {
      type: 'radio_buttons',
      action_id: VALUE_ACTION,
      options: [option('set', a.set), option('end', a.end)],
      initial_option: option('set', a.set),
    }),
    input(absenceBlocks.deputy, a.deputy, { type: 'users_select', action_id: VALUE_ACTION }, true),
    input(absenceBlocks.until, a.until, { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today }, true),
  ]);
}
