import type { KnownBlock, ModalView } from '@slack/types';
import { AXES } from '../../domain/axes.js';
import { fr, frCase, frOperator } from '../../i18n/fr.js';
import type { CatalogueAction } from '../../store/catalogue-repository.js';
import type { OperatorSettings } from '../../store/operators.js';
import { actions as buttonIds, callbacks, VALUE_ACTION } from '../ids.js';
import { escapeMrkdwn, formModal, mrkdwn, option, plain, truncate } from './block-kit.js';

export const catalogueBlocks = {
  operation: 'catalogue_operation',
  action: 'catalogue_action',
  axis: 'catalogue_axis',
  title: 'catalogue_title',
  operator: 'catalogue_operator',
  ageMin: 'catalogue_age_min',
  ageMax: 'catalogue_age_max',
  places: 'catalogue_places',
  waitingList: 'catalogue_waiting_list',
  funder: 'catalogue_funder',
} as const;

const c = frCase.catalogue;

/**
 * The coordinator's form to add, rename or retire a catalogue action; below it, each operator with its channel and
 * referents, and a button that opens their settings (pushed over this form).
 */
export function catalogueModal(actions: CatalogueAction[], operators: readonly OperatorSettings[] = []): ModalView {
  const listing = actions
    .map((a) => {
      const details = c.details(a);
      return `• ${escapeMrkdwn(a.title)} — _${escapeMrkdwn(a.operator)}_${details ? ` · ${escapeMrkdwn(details)}` : ''} ${a.retired ? c.retired : ''}`;
    })
    .join('\n');
  return formModal(callbacks.catalogue, { title: c.title, submit: frCase.modal.save, close: frCase.modal.cancel }, [
    { type: 'section', text: mrkdwn(`${c.intro}\n${listing}`.slice(0, 3000)) },
    {
      type: 'input',
      block_id: catalogueBlocks.operation,
      label: plain(c.operation),
      element: {
        type: 'radio_buttons',
        action_id: VALUE_ACTION,
        options: [
          option('add', c.add),
          option('rename', c.rename),
          option('retire', c.retire),
          option('restore', c.restore),
        ],
      },
    },
    ...(actions.length > 0
      ? [
          {
            type: 'input' as const,
            block_id: catalogueBlocks.action,
            optional: true,
            label: plain(c.action),
            element: {
              type: 'static_select' as const,
              action_id: VALUE_ACTION,
              options: actions
                .slice(0, 100)
                .map((a) => option(a.id, truncate(`${a.title}${a.retired ? ` ${c.retired}` : ''}`, 75))),
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
    { type: 'context', elements: [mrkdwn(c.detailsHint)] },
    detailInput(catalogueBlocks.ageMin, c.ageMin, 2),
    detailInput(catalogueBlocks.ageMax, c.ageMax, 2),
    detailInput(catalogueBlocks.places, c.places, 4),
    {
      type: 'input',
      block_id: catalogueBlocks.waitingList,
      optional: true,
      label: plain(c.waitingList),
      element: {
        type: 'radio_buttons',
        action_id: VALUE_ACTION,
        options: [option('yes', c.waitingYes), option('no', c.waitingNo)],
      },
    },
    detailInput(catalogueBlocks.funder, c.funder, 100),
    ...(operators.length > 0 ? [{ type: 'divider' as const }, ...operatorSections(operators)] : []),
  ]);
}

const detailInput = (blockId: string, label: string, maxLength: number): KnownBlock => ({
  type: 'input',
  block_id: blockId,
  optional: true,
  label: plain(label),
  element: { type: 'plain_text_input', action_id: VALUE_ACTION, max_length: maxLength },
});

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
