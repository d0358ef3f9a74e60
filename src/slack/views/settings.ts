import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { AXES, type Axis } from '../../domain/axes.js';
import { frenchDateTime } from '../../domain/dates.js';
import { GROUPS_KEY, MAX_GROUPS, type ReflectionGroup } from '../../domain/groups.js';
import { entryChangeKind, type ListKey } from '../../domain/lists.js';
import {
  type RecordedSettings,
  SETTING_KEYS,
  SETTING_KINDS,
  SETTING_SECTIONS,
  type SettingChangeRecord,
  type SettingKey,
  type SettingValues,
} from '../../domain/settings.js';
import { fr, frLists, frSettings as t } from '../../i18n/fr.js';
import type { OperatorSettings } from '../../store/operators.js';
import { actions, callbacks, VALUE_ACTION } from '../ids.js';
import { escapeMrkdwn, formModal, input, mrkdwn, option, plain } from './block-kit.js';
import { operatorSections } from './catalogue-modal.js';

export const settingBlocks = { value: 'setting_value', reset: 'setting_reset' } as const;

/** What the edit form carries back: the setting, and its recorded value when the form opened (stale check). */
export interface SettingEditMetadata {
  key: SettingKey;
  expected: unknown;
}

/** A setting's value as the coordinator reads it. */
export function shownValue(key: SettingKey, value: unknown): string {
  const k: (typeof SETTING_KINDS)[SettingKey] = SETTING_KINDS[key];
  switch (k.kind) {
    case 'channel':
      return typeof value === 'string' ? `<#${value}>` : t.noChannel;
    case 'switch':
      return value ? t.on : t.off;
    case 'weekday':
      return t.weekday[Number(value)] ?? String(value);
    case 'integer':
      return t.unit[k.unit](Number(value));
    case 'choice':
      return t.erasureMode[value as 'visa' | 'automatic'] ?? String(value);
  }
}

/** An integer setting's bounds in words ("1 jour à 365 jours"). */
export function boundsText(key: SettingKey): string | undefined {
  const k: (typeof SETTING_KINDS)[SettingKey] = SETTING_KINDS[key];
  return k.kind === 'integer' ? t.bounds(t.unit[k.unit](k.min), t.unit[k.unit](k.max)) : undefined;
}

/**
 * Every setting with its value, its default and its bounds, a "Modifier" beside each; the operators' channels and
 * referents (as the catalogue shows them); the history one click away.
 */
export function settingsModal(
  values: SettingValues,
  recorded: RecordedSettings,
  defaults: SettingValues,
  operators: readonly OperatorSettings[] = [],
  groups: readonly ReflectionGroup[] = [],
): ModalView {
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(t.intro) },
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: actions.settingsHistory, text: plain(t.history), value: 'history' },
        { type: 'button', action_id: actions.listsOpen, text: plain(frLists.open), value: 'lists' },
      ],
    },
  ];
  for (const section of SETTING_SECTIONS) {
    blocks.push({ type: 'header', text: plain(t.section[section]) });
    for (const key of SETTING_KEYS.filter((k) => SETTING_KINDS[k].section === section)) {
      const changed = recorded[key] !== undefined ? t.changedHere : '';
      blocks.push({
        type: 'section',
        block_id: `setting_${key}`,
        text: mrkdwn(
          t.valueLine(
            t.label[key],
            `${shownValue(key, values[key])}${changed}`,
            shownValue(key, defaults[key]),
            boundsText(key),
          ),
        ),
        accessory: { type: 'button', action_id: actions.settingEdit, text: plain(t.edit), value: key },
      });
    }
  }
  blocks.push(...groupSections(groups));
  if (operators.length > 0) blocks.push({ type: 'divider' }, ...operatorSections(operators));
  return { type: 'modal', callback_id: callbacks.settings, title: plain(t.title), close: plain(t.close), blocks };
}

const weekdayOptions = (): PlainTextOption[] =>
  [1, 2, 3, 4, 5, 6, 7].map((d) => option(String(d), t.weekday[d] ?? String(d)));

/** The one field of a setting's form, holding its value in force. */
function valueElement(key: SettingKey, value: unknown): KnownBlock {
  const k: (typeof SETTING_KINDS)[SettingKey] = SETTING_KINDS[key];
  switch (k.kind) {
    case 'channel':
      return input(
        settingBlocks.value,
        t.newValue,
        {
          type: 'conversations_select',
          action_id: VALUE_ACTION,
          ...(typeof value === 'string' ? { initial_conversation: value } : {}),
          // Level 2 goes to the programme's own channels only: no channel shared with another organisation.
          filter: { include: ['public', 'private'], exclude_external_shared_channels: true, exclude_bot_users: true },
        },
        true,
      );
    case 'integer':
      return {
        ...input(
          settingBlocks.value,
          t.newValue,
          { type: 'plain_text_input', action_id: VALUE_ACTION, initial_value: String(value), max_length: 6 },
          true,
        ),
        hint: plain(t.numberHint(boundsText(key) ?? '')),
      };
    case 'weekday': {
      const options = weekdayOptions();
      const initial = options.find((o) => o.value === String(value));
      return input(
        settingBlocks.value,
        t.newValue,
        { type: 'static_select', action_id: VALUE_ACTION, options, ...(initial ? { initial_option: initial } : {}) },
        true,
      );
    }
    case 'switch': {
      const options = [option('on', t.on), option('off', t.off)];
      return input(
        settingBlocks.value,
        t.newValue,
        { type: 'radio_buttons', action_id: VALUE_ACTION, options, initial_option: value ? options[0] : options[1] },
        true,
      );
    }
    case 'choice': {
      const options = k.options.map((o) => option(o, t.erasureMode[o]));
      const initial = options.find((o) => o.value === value);
      return input(
        settingBlocks.value,
        t.newValue,
        { type: 'radio_buttons', action_id: VALUE_ACTION, options, ...(initial ? { initial_option: initial } : {}) },
        true,
      );
    }
  }
}

/** One setting's form: its value, the way back to the default, and what it means. */
export function settingEditModal(key: SettingKey, value: unknown, expected: unknown, byDefault: unknown): ModalView {
  const metadata: SettingEditMetadata = { key, expected: expected ?? null };
  return formModal(
    callbacks.settingEdit,
    { title: t.editTitle, submit: t.save, close: t.cancel },
    [
      { type: 'section', text: mrkdwn(`*${t.label[key]}*\n${t.help[key]}`) },
      valueElement(key, value),
      input(
        settingBlocks.reset,
        t.backToDefault,
        {
          type: 'checkboxes',
          action_id: VALUE_ACTION,
          options: [
            {
              ...option('default', t.backToDefault),
              description: plain(t.backToDefaultDetail(shownValue(key, byDefault))),
            },
          ],
        },
        true,
      ),
    ],
    JSON.stringify(metadata),
  );
}

/** A list's or a group's recorded change, as the history shows it. */
export interface ListChangeRecord {
  key: string;
  before?: unknown;
  after?: unknown;
  actorId: string;
  at: Date;
}

/** The words an entry or a group is known by. */
const entryWords = (v: unknown) =>
  typeof v === 'object' && v !== null
    ? String((v as { label?: unknown; name?: unknown }).label ?? (v as { name?: unknown }).name ?? '')
    : '';

/** The newest changes first (settings, lists, groups), each with who, when, before and after. */
export function settingsHistoryModal(
  changes: SettingChangeRecord[],
  defaults: SettingValues,
  timeZone: string,
  listChanges: readonly ListChangeRecord[] = [],
): ModalView {
  const shown = (key: SettingKey, v: unknown) =>
    v === undefined ? t.defaultValue(shownValue(key, defaults[key])) : shownValue(key, v);
  const listName = (key: string) => (key === GROUPS_KEY ? frLists.groupsList : (frLists.list[key as ListKey] ?? key));
  const dated = [
    ...changes.map((c) => ({
      at: c.at,
      line: t.historyLine(
        frenchDateTime(c.at, timeZone),
        c.actorId,
        t.label[c.key],
        shown(c.key, c.before),
        shown(c.key, c.after),
      ),
    })),
    ...listChanges.map((c) => ({
      at: c.at,
      line: frLists.historyLine(
        frenchDateTime(c.at, timeZone),
        c.actorId,
        listName(c.key),
        entryChangeKind(c.before, c.after),
        escapeMrkdwn(entryWords(c.before)),
        escapeMrkdwn(entryWords(c.after)),
      ),
    })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, HISTORY_SHOWN);
  const lines = dated.map((d) => d.line);
  // A section holds 3,000 characters: the lines go in several, 40 changes at most (a modal holds 100 blocks).
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < lines.length; i += 10)
    blocks.push({
      type: 'section',
      text: mrkdwn(
        lines
          .slice(i, i + 10)
          .join('\n')
          .slice(0, 3000),
      ),
    });
  if (blocks.length === 0) blocks.push({ type: 'section', text: mrkdwn(t.historyNone) });
  if (changes.length + listChanges.length >= HISTORY_SHOWN)
    blocks.push({ type: 'context', elements: [mrkdwn(t.historyMore)] });
  return { type: 'modal', title: plain(t.historyTitle), close: plain(t.close), blocks };
}

export const HISTORY_SHOWN = 40;

const axesText = (axes: readonly Axis[]) => axes.map((a) => fr.axis[a]).join(', ');

/** The groups beyond the three, each with its "Modifier"; the way to add one while there is room. */
function groupSections(groups: readonly ReflectionGroup[]): KnownBlock[] {
  const g = t.groups;
  return [
    { type: 'header', text: plain(g.header) },
    { type: 'section', text: mrkdwn(`${g.intro}${groups.length === 0 ? `\n${g.none}` : ''}`) },
    ...groups.map(
      (group): KnownBlock => ({
        type: 'section',
        block_id: `group_${group.id}`,
        text: mrkdwn(g.line(escapeMrkdwn(group.name), axesText(group.axes), group.channel, group.archived === true)),
        accessory: { type: 'button', action_id: actions.groupEdit, text: plain(g.edit), value: group.id },
      }),
    ),
    ...(groups.length < MAX_GROUPS
      ? [
          {
            type: 'actions' as const,
            elements: [{ type: 'button' as const, action_id: actions.groupAdd, text: plain(g.add), value: 'add' }],
          },
        ]
      : []),
  ];
}

export const groupBlocks = {
  name: 'group_name',
  axes: 'group_axes',
  channel: 'group_channel',
  archived: 'group_archived',
} as const;

/** What a group's form carries back: the group (none: a new one) and the groups' version (stale check). */
export interface GroupMetadata {
  id: string | null;
  version: number;
}

/** A group's form: its name, the axes it follows, its channel and (an existing one) archived or not. */
export function groupModal(group: ReflectionGroup | undefined, version: number): ModalView {
  const g = t.groups;
  const axisOptions = AXES.map((a) => option(a, fr.axis[a]));
  const archivedOption = option('archived', g.archivedOption);
  const metadata: GroupMetadata = { id: group?.id ?? null, version };
  return formModal(
    callbacks.reflectionGroup,
    { title: g.title, submit: t.save, close: t.cancel },
    [
      input(groupBlocks.name, g.name, {
        type: 'plain_text_input',
        action_id: VALUE_ACTION,
        max_length: 75,
        ...(group ? { initial_value: group.name } : {}),
      }),
      input(groupBlocks.axes, g.axes, {
        type: 'checkboxes',
        action_id: VALUE_ACTION,
        options: axisOptions,
        ...(group ? { initial_options: axisOptions.filter((o) => group.axes.includes(o.value as Axis)) } : {}),
      }),
      input(groupBlocks.channel, g.channel, {
        type: 'conversations_select',
        action_id: VALUE_ACTION,
        ...(group ? { initial_conversation: group.channel } : {}),
        filter: { include: ['public', 'private'], exclude_external_shared_channels: true, exclude_bot_users: true },
      }),
      ...(group
        ? [
            input(
              groupBlocks.archived,
              g.archived,
              {
                type: 'checkboxes',
                action_id: VALUE_ACTION,
                options: [archivedOption],
                ...(group.archived ? { initial_options: [archivedOption] } : {}),
              },
              true,
            ),
          ]
        : []),
    ],
    JSON.stringify(metadata),
  );
}
