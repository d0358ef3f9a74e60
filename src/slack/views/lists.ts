import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { AXES } from '../../domain/axes.js';
import {
  EDUCATION_PRIORITIES,
  entriesOf,
  INSTITUTION_KINDS,
  LIST_KEYS,
  type ListEntry,
  type ListKey,
  type Lists,
  SCHOOL_STAGES,
} from '../../domain/lists.js';
import { fr, frLists as t } from '../../i18n/fr.js';
import { actions, callbacks, VALUE_ACTION } from '../ids.js';
import { escapeMrkdwn, formModal, input, mrkdwn, option, plain, truncate } from './block-kit.js';

export const listBlocks = {
  choose: 'list_choose',
  entry: 'list_entry',
  label: 'list_label',
  stage: 'list_stage',
  education: 'list_education',
  qpv: 'list_qpv',
  kind: 'list_kind',
  axis: 'list_axis',
  archived: 'list_archived',
} as const;

/** What the lists modal carries: the list shown. */
export interface ListsMetadata {
  key: ListKey;
}

/** What an entry's form carries back: its list, the entry (none: a new one), the list's version (stale check). */
export interface ListEntryMetadata {
  key: ListKey;
  id: string | null;
  version: number;
}

/** What an entry's extra fields say, after its label ("Maternelle, REP+"). */
export function entryDetails(key: ListKey, entry: ListEntry): string | undefined {
  const e = entry as Partial<ListEntry<'schools'> & ListEntry<'neighbourhoods'> & ListEntry<'institutions'>> &
    Partial<ListEntry<'prestations'>>;
  switch (key) {
    case 'schools':
      return e.stage && e.education ? `${fr.stage[e.stage]}, ${t.education[e.education]}` : undefined;
    case 'neighbourhoods':
      return e.qpv ? t.inQpv(e.qpv) : t.outsideQpv;
    case 'institutions':
      return e.kind ? t.kind[e.kind] : undefined;
    case 'prestations':
      return e.axis ? t.axis[e.axis] : undefined;
    default:
      return undefined;
  }
}

/** A modal holds 100 blocks and a select 100 options: the entries a coordinator picks from in Slack. */
const SHOWN_IN_SELECT = 100;

/**
 * One list at a time (a select switches it): every entry with its details, archived ones marked; a select to change
 * one, a button to add one, the spreadsheet for bulk changes.
 */
export function listsModal(key: ListKey, lists: Lists): ModalView {
  const entries = entriesOf(lists, key);
  const offered = entries.filter((e) => !e.archived);
  const archived = entries.filter((e) => e.archived);
  const listOptions = LIST_KEYS.map((k) => option(k, t.list[k]));
  const lines = [...offered, ...archived].map((e) => {
    const details = entryDetails(key, e);
    return `• ${escapeMrkdwn(e.label)}${details ? ` — ${details}` : ''}${e.archived ? t.archivedMark : ''}`;
  });
  const sections: KnownBlock[] = [];
  let chunk = '';
  for (const line of lines) {
    if (chunk.length + line.length + 1 > 3000) {
      sections.push({ type: 'section', text: mrkdwn(chunk) });
      chunk = '';
    }
    chunk = chunk ? `${chunk}\n${line}` : line;
  }
  if (chunk) sections.push({ type: 'section', text: mrkdwn(chunk) });
  const pickable: PlainTextOption[] = [...offered, ...archived]
    .slice(0, SHOWN_IN_SELECT)
    .map((e) => option(e.id, truncate(`${e.label}${e.archived ? t.archivedOptionMark : ''}`, 75)));
  const metadata: ListsMetadata = { key };
  return {
    type: 'modal',
    callback_id: callbacks.lists,
    title: plain(t.title),
    close: plain(t.close),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      { type: 'section', text: mrkdwn(t.intro) },
      {
        type: 'actions',
        block_id: listBlocks.choose,
        elements: [
          {
            type: 'static_select',
            action_id: actions.listChoose,
            placeholder: plain(t.choose),
            options: listOptions,
            initial_option: listOptions[LIST_KEYS.indexOf(key)],
          },
        ],
      },
      { type: 'header', text: plain(truncate(`${t.list[key]} — ${t.counts(offered.length, archived.length)}`, 150)) },
      ...sections,
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: actions.listEntryAdd, text: plain(t.add), value: key },
          { type: 'button', action_id: actions.listsExport, text: plain(t.export), value: key },
          ...(pickable.length > 0
            ? [
                {
                  type: 'static_select' as const,
                  action_id: actions.listEntryChoose,
                  placeholder: plain(t.editOne),
                  options: pickable,
                },
              ]
            : []),
        ],
      },
      {
        type: 'context',
        elements: [mrkdwn(entries.length > SHOWN_IN_SELECT ? `${t.moreThanShown} ${t.importHelp}` : t.importHelp)],
      },
    ],
  };
}

/** A select of `values`, each in words, holding `current`. */
function choice<V extends string>(
  blockId: string,
  label: string,
  values: readonly V[],
  words: Record<V, string>,
  current: V | undefined,
): KnownBlock {
  const options = values.map((v) => option(v, words[v]));
  const initial = options.find((o) => o.value === current);
  return input(blockId, label, {
    type: 'static_select',
    action_id: VALUE_ACTION,
    options,
    ...(initial ? { initial_option: initial } : {}),
  });
}

/** One entry's form: its label, its list's own fields, and (an existing entry) archived or not. */
export function listEntryModal(key: ListKey, entry: ListEntry | undefined, version: number): ModalView {
  const e = (entry ?? {}) as Partial<ListEntry<'schools'> & ListEntry<'neighbourhoods'> & ListEntry<'institutions'>> &
    Partial<ListEntry<'prestations'>>;
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(`*${t.list[key]}*`) },
    {
      ...input(listBlocks.label, t.field.label, {
        type: 'plain_text_input',
        action_id: VALUE_ACTION,
        max_length: 75,
        ...(e.label ? { initial_value: e.label } : {}),
      }),
      hint: plain(t.labelHint),
    },
  ];
  if (key === 'schools')
    blocks.push(
      choice(listBlocks.stage, t.field.stage, SCHOOL_STAGES, fr.stage, e.stage),
      choice(listBlocks.education, t.field.education, EDUCATION_PRIORITIES, t.education, e.education),
    );
  if (key === 'neighbourhoods')
    blocks.push({
      ...input(
        listBlocks.qpv,
        t.field.qpv,
        {
          type: 'plain_text_input',
          action_id: VALUE_ACTION,
          max_length: 8,
          ...(e.qpv ? { initial_value: e.qpv } : {}),
        },
        true,
      ),
      hint: plain(t.qpvHint),
    });
  if (key === 'institutions') blocks.push(choice(listBlocks.kind, t.field.kind, INSTITUTION_KINDS, t.kind, e.kind));
  if (key === 'prestations') blocks.push(choice(listBlocks.axis, t.field.axis, AXES, t.axis, e.axis));
  if (entry) {
    const archivedOption = { ...option('archived', t.archivedOption), description: plain(t.archivedDetail) };
    blocks.push(
      input(
        listBlocks.archived,
        t.field.archived,
        {
          type: 'checkboxes',
          action_id: VALUE_ACTION,
          options: [archivedOption],
          ...(entry.archived ? { initial_options: [archivedOption] } : {}),
        },
        true,
      ),
    );
  }
  const metadata: ListEntryMetadata = { key, id: entry?.id ?? null, version };
  return formModal(
    callbacks.listEntry,
    { title: t.entryTitle, submit: t.save, close: t.cancel },
    blocks,
    JSON.stringify(metadata),
  );
}
