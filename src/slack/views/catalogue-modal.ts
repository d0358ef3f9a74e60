import type { KnownBlock, ModalView } from '@slack/types';
import { AXES } from '../../domain/axes.js';
import { fr, frCase, frOperator } from '../../i18n/fr.js';
import type { CatalogueAction } from '../../store/catalogue-repository.js';
import type { OperatorSettings } from '../../store/operators.js';
import { actions as buttonIds, callbacks, VALUE_ACTION } from '../ids.js';
import { escapeMrkdwn, formModal, mrkdwn, option, plain } from './block-kit.js';

export const catalogueBlocks = {
  operation: 'catalogue_operation',
  action: 'catalogue_action',
  axis: 'catalogue_axis',
  title: 'catalogue_title',
  operator: 'catalogue_operator',
} as const;

const c = frCase.catalogue;

/**
 * The coordinator's form to add, rename or retire a catalogue action; below it, each operator with its channel and
 * referents, and a button that opens their settings (pushed over this form).
 */
export function catalogueModal(actions: CatalogueAction[], operators: readonly OperatorSettings[] = []): ModalView {
  const listing = actions
    .map((a) => `• ${escapeMrkdwn(a.title)} — _${escapeMrkdwn(a.operator)}_ ${a.retired ? c.retired : ''}`)
    .join('\n');
  const active = actions.filter((a) => !a.retired);
  return formModal(callbacks.catalogue, { title: c.title, submit: frCase.modal.save, close: frCase.modal.cancel }, [
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
    ...(operators.length > 0 ? [{ type: 'divider' as const }, ...operatorSections(operators)] : []),
  ]);
}

/**
 * The operators with their channel and referents, a button each to change them (the catalogue's form and Réglages).
 * One section per operator (a static select could not carry its settings): at most 40 keeps a view far from
 * Slack's 100 blocks.
 */
export function operatorSections(operators: readonly OperatorSettings[]): KnownBlock[] {
  return [
    { type: 'section', text: mrkdwn(frOperator.operatorsHeader) },
    ...operators.slice(0, 40).map(
      (op, i): KnownBlock => ({
        type: 'section',
        block_id: `operator_${i}`,
        text: mrkdwn(frOperator.operatorLine(escapeMrkdwn(op.name), op.channelId, op.referents.length)),
        accessory: {
          type: 'button',
          action_id: buttonIds.operatorConfigure,
          text: plain(frOperator.configure),
          value: op.key,
          accessibility_label: frOperator.configureLabel(op.name),
        },
      }),
    ),
  ];
}

/** One operator's settings: the channel its liaison sheets go to, and its referents. */
export function operatorModal(op: OperatorSettings): ModalView {
  return formModal(
    callbacks.operator,
    { title: frOperator.operatorTitle, submit: frCase.modal.save, close: frCase.modal.cancel },
    [
      { type: 'section', text: mrkdwn(frOperator.operatorIntro(escapeMrkdwn(op.name))) },
      {
        type: 'input',
        block_id: operatorBlocks.channel,
        optional: true,
        label: plain(frOperator.channel),
        hint: plain(frOperator.channelHint),
        element: {
          type: 'conversations_select',
          action_id: VALUE_ACTION,
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(op.channelId ? { initial_conversation: op.channelId } : {}),
        },
      },
      {
        type: 'input',
        block_id: operatorBlocks.referents,
        optional: true,
        label: plain(frOperator.referents),
        element: {
          type: 'multi_users_select',
          action_id: VALUE_ACTION,
          ...(op.referents.length > 0 ? { initial_users: op.referents } : {}),
        },
      },
    ],
    op.key,
  );
}

export const operatorBlocks = { channel: 'operator_channel', referents: 'operator_referents' } as const;
