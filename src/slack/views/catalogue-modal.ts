import type { ModalView } from '@slack/types';
import { AXES } from '../../domain/axes.js';
import { fr, frCase } from '../../i18n/fr.js';
import type { CatalogueAction } from '../../store/catalogue-repository.js';
import { callbacks, VALUE_ACTION } from '../ids.js';
import { escapeMrkdwn, mrkdwn, option, plain } from './block-kit.js';

export const catalogueBlocks = {
  operation: 'catalogue_operation',
  action: 'catalogue_action',
  axis: 'catalogue_axis',
  title: 'catalogue_title',
  operator: 'catalogue_operator',
} as const;

const c = frCase.catalogue;

/** The coordinator's form to add, rename or retire a catalogue action. */
export function catalogueModal(actions: CatalogueAction[]): ModalView {
  const listing = actions
    .map((a) => `• ${escapeMrkdwn(a.title)} — _${escapeMrkdwn(a.operator)}_ ${a.retired ? c.retired : ''}`)
    .join('\n');
  const active = actions.filter((a) => !a.retired);
  return {
    type: 'modal',
    callback_id: callbacks.catalogue,
    title: plain(c.title),
    submit: plain(frCase.modal.save),
    close: plain(frCase.modal.cancel),
    blocks: [
      { type: 'section', text: mrkdwn(`${c.intro}\n${listing}`.slice(0, 3000)) },
      {
        type: 'input',
        block_id: catalogueBlocks.operation,
        label: plain(c.operation),
        element: {
          type: 'radio_buttons',
          action_id: VALUE_ACTION,
          options: [option('add', c.add), option('rename', c.rename), option('retire', c.retire)],
        },
      },
      ...(active.length > 0
        ? [
            {
              type: 'input' as const,
              block_id: catalogueBlocks.action,
              optional: true,
              label: plain(c.action),
              element: {
                type: 'static_select' as const,
                action_id: VALUE_ACTION,
                options: active.slice(0, 100).map((a) => option(a.id, a.title)),
              },
            },
          ]
        : []),
      {
        type: 'input',
        block_id: catalogueBlocks.axis,
        optional: true,
        label: plain(c.axis),
        element: { type: 'radio_buttons', action_id: VALUE_ACTION, options: AXES.map((a) => option(a, fr.axis[a])) },
      },
      {
        type: 'input',
        block_id: catalogueBlocks.title,
        optional: true,
        label: plain(c.actionTitle),
        element: { type: 'plain_text_input', action_id: VALUE_ACTION, max_length: 200 },
      },
      {
        type: 'input',
        block_id: catalogueBlocks.operator,
        optional: true,
        label: plain(c.operator),
        element: { type: 'plain_text_input', action_id: VALUE_ACTION, max_length: 200 },
      },
    ],
  };
}
