import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import {
  type EntryField,
  entriesOf,
  LIST_KEYS,
  type ListKey,
  type ListProblem,
  newEntryId,
  readEntry,
} from '../../domain/lists.js';
import { isCoordinator } from '../../domain/roles.js';
import { frLists as t } from '../../i18n/fr.js';
import type { OutboxEntry } from '../../store/outbox.js';
import { asJob } from '../../store/pool.js';
import { dmNotice, exportLists, importLists, MAX_IMPORT_BYTES } from '../../use-cases/lists-spreadsheet.js';
import type { ListsOutcome } from '../../use-cases/programme-lists.js';
import type { AppServices } from '../services.js';
import {
  buttonClick,
  choiceOf,
  choicesOf,
  jsonMetadata,
  textOf,
  viewStateSchema,
  viewSubmission,
} from '../view-state.js';
import { listBlocks as b, listEntryModal, listsModal } from '../views/lists.js';
import { messageModal } from '../views/modals.js';
import { blockError, forCoordinator, inModal, onClick, onSubmit } from './handlers.js';

const listKey = z.enum(LIST_KEYS as [ListKey, ...ListKey[]]);
const listsMetadata = jsonMetadata(z.object({ key: listKey }));
const entryMetadata = jsonMetadata(
  z.object({ key: listKey, id: z.string().max(40).nullable(), version: z.number().int().min(0) }),
);
const selection = z.object({
  trigger_id: z.string().min(1).max(255),
  user: z.object({ id: z.string().min(1).max(32) }),
  view: z.object({ id: z.string().min(1).max(64), hash: z.string().min(1).max(64), private_metadata: listsMetadata }),
  actions: z.tuple([z.object({ selected_option: z.object({ value: z.string().min(1).max(40) }) })], z.unknown()),
});
const submissionSchema = viewSubmission(entryMetadata).extend({
  view: z.object({
    private_metadata: entryMetadata,
    state: z.object({ values: viewStateSchema }),
    previous_view_id: z.string().max(64).nullish(),
  }),
});

/** The lists modal on `key` (the schools first), for a coordinator. */
export function listsView(s: AppServices, userId: string, key: ListKey = 'schools') {
  return forCoordinator(s, userId, t, () => listsModal(key, s.liveLists.all()));
}

const openClick = buttonClick(z.string().max(32)).extend({
  view: z.object({ type: z.string().max(20) }).optional(),
});

/** "Listes": from Réglages, pushed over the settings; from App Home's set-up, opened. */
export function listsOpenClicked(s: AppServices) {
  return onClick(openClick, async (click, { client }) => {
    const view = await listsView(s, click.user.id);
    if (click.view?.type === 'modal') await client.views.push({ trigger_id: click.trigger_id, view });
    else await client.views.open({ trigger_id: click.trigger_id, view });
  });
}

type SelectArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/** Another list chosen: the same modal shows it (the hash: a newer version of the view wins). */
export function listChosen(s: AppServices) {
  return async ({ ack, body, client }: SelectArgs) => {
    await ack();
    const parsed = selection.safeParse(body);
    const key = listKey.safeParse(parsed.data?.actions[0].selected_option.value);
    if (!parsed.success || !key.success) return;
    const view = await listsView(s, parsed.data.user.id, key.data);
    await client.views
      .update({ view_id: parsed.data.view.id, hash: parsed.data.view.hash, view })
      .catch((error: unknown) => s.logger.warn({ err: error }, 'lists: the list chosen could not be shown'));
  };
}

/** An entry chosen: its form, pushed over the list. */
export function listEntryChosen(s: AppServices) {
  return async ({ ack, body, client }: SelectArgs) => {
    await ack();
    const parsed = selection.safeParse(body);
    if (!parsed.success) return;
    const { key } = parsed.data.view.private_metadata;
    const id = parsed.data.actions[0].selected_option.value;
    const entry = entriesOf(s.liveLists.all(), key).find((e) => e.id === id);
    if (!entry) return;
    const view = await forCoordinator(s, parsed.data.user.id, t, () =>
      listEntryModal(key, entry, s.liveLists.versionOf(key)),
    );
    await client.views.push({ trigger_id: parsed.data.trigger_id, view });
  };
}

/** "Ajouter une entrée": an empty form for the list shown. */
export function listEntryAddClicked(s: AppServices) {
  return onClick(buttonClick(listKey), async (click, { client }) => {
    const key = click.actions[0].value;
    const view = await forCoordinator(s, click.user.id, t, () =>
      listEntryModal(key, undefined, s.liveLists.versionOf(key)),
    );
    await client.views.push({ trigger_id: click.trigger_id, view });
  });
}

const FIELD_BLOCK: Record<EntryField, string> = {
  label: b.label,
  stage: b.stage,
  education: b.education,
  qpv: b.qpv,
  kind: b.kind,
  axis: b.axis,
  archived: b.archived,
};

/** A list's refusal, under the field it is about. */
function problemError(problem: ListProblem, archivedShown: boolean): [string, string] {
  switch (problem.kind) {
    case 'duplicate_label':
      return [b.label, t.problem.duplicateLabel(problem.label)];
    case 'too_many_active':
      return [archivedShown ? b.archived : b.label, t.problem.tooManyActive(problem.max)];
    case 'none_active':
      return [b.archived, t.problem.noneActive];
    case 'too_many_entries':
      return [b.label, t.problem.tooManyEntries];
  }
}

/** What the coordinator reads once the change is recorded, or why it was not. */
function outcomeText(outcome: ListsOutcome, label: string, archived: boolean): string {
  switch (outcome.kind) {
    case 'recorded':
      return archived ? t.archived(label) : t.saved(label);
    case 'unchanged':
      return t.unchanged;
    case 'stale':
      return t.stale;
    default:
      return t.noWorkspace;
  }
}

/**
 * An entry added or changed (archived, or offered again): checked field by field and as a list (labels unique among
 * those offered, Slack's limits), recorded with who and when, in force at once; the list under the form redrawn.
 */
export function listEntrySubmitted(s: AppServices) {
  return onSubmit(submissionSchema, inModal(t.title, t.stale), async (submission, { ack, client }) => {
    const { key, id, version } = submission.view.private_metadata;
    const state = submission.view.state.values;
    const actorId = submission.user.id;
    const { roles } = await s.members.profile(actorId);
    if (!isCoordinator(roles)) return void (await ack(inModal(t.title, t.coordinatorOnly)));
    const existing = entriesOf(s.liveLists.all(), key);
    const label = textOf(state, b.label) ?? '';
    const read = readEntry(key, id ?? newEntryId(label, existing), {
      label,
      stage: choiceOf(state, b.stage),
      education: choiceOf(state, b.education),
      qpv: textOf(state, b.qpv),
      kind: choiceOf(state, b.kind),
      axis: choiceOf(state, b.axis),
      archived: choicesOf(state, b.archived).includes('archived'),
    });
    if ('field' in read) {
      const message =
        read.issue === 'required'
          ? t.problem.required
          : read.issue === 'too_long'
            ? t.problem.tooLong
            : read.field === 'qpv'
              ? t.problem.qpv
              : t.problem.required;
      return void (await ack(blockError(FIELD_BLOCK[read.field], message)));
    }
    const outcome = await s.liveLists.change(
      [{ key, entries: [read.entry], expectedVersion: version }],
      actorId,
      s.now(),
    );
    if (outcome.kind === 'invalid') {
      const [block, message] = problemError(outcome.problem, id !== null);
      return void (await ack(blockError(block, message)));
    }
    await ack(inModal(t.title, outcomeText(outcome, read.entry.label, read.entry.archived === true)));
    if (outcome.kind !== 'recorded') return;
    s.logger.info({ list: key, entry: read.entry.id, by: actorId }, 'list entry changed from Slack');
    const under = submission.view.previous_view_id;
    if (under)
      await client.views
        .update({ view_id: under, view: listsModal(key, s.liveLists.all()) })
        .catch((error: unknown) => s.logger.warn({ err: error }, 'lists: the list could not be redrawn'));
  });
}

/** The deps of the spreadsheet's use case, from the app's services. */
function spreadsheetDeps(s: AppServices) {
  return {
    lists: s.liveLists,
    catalogue: s.catalogue,
    queue: (entries: readonly OutboxEntry[]) => s.cases.queueAll(entries),
    logger: s.logger,
    now: s.now,
  };
}

/** "Exporter en tableur": the workbook goes by direct message; the modal says so. */
export function listsExportClicked(s: AppServices) {
  return onClick(buttonClick(listKey), async (click, { client }) => {
    const { roles } = await s.members.profile(click.user.id);
    if (!isCoordinator(roles)) {
      await client.views.push({ trigger_id: click.trigger_id, view: messageModal(t.title, t.coordinatorOnly) });
      return;
    }
    // The answer while the trigger lives; the file follows through the outbox.
    await client.views.push({ trigger_id: click.trigger_id, view: messageModal(t.title, t.exportSent) });
    await asJob(() => exportLists(spreadsheetDeps(s), click.user.id));
    s.kickOutbox();
  });
}

const fileShared = z.object({
  file_id: z.string().regex(/^F[A-Z0-9]{1,40}$/),
  user_id: z.string().regex(/^[UW][A-Z0-9]{1,40}$/),
  channel_id: z.string().max(40).optional(),
});
const fileInfo = z.object({
  file: z.object({
    name: z.string().max(1000).optional(),
    filetype: z.string().max(40).optional(),
    size: z.number().int().min(0),
    user: z.string().max(40).optional(),
    url_private_download: z.url({ protocol: /^https?$/ }),
  }),
});

/**
 * A file shared in a direct message with the app: a coordinator's spreadsheet of the lists, read and applied all or
 * nothing, with a report by direct message. Anyone else's file is not read (they are told so); the app's own files
 * (its exports) are ignored.
 */
export function fileSharedInDm(s: AppServices) {
  return async ({ event, client, context }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'file_shared'>) => {
    const parsed = fileShared.safeParse(event);
    if (!parsed.success || !parsed.data.channel_id?.startsWith('D')) return;
    if (parsed.data.user_id === context.botUserId) return;
    const userId = parsed.data.user_id;
    const deps = spreadsheetDeps(s);
    const dedupeKey = `lists-import:${parsed.data.file_id}`;
    const tell = async (text: string) => {
      await deps.queue([dmNotice(dedupeKey, userId, text)]);
      s.kickOutbox();
    };
    const { roles } = await s.members.profile(userId);
    if (!isCoordinator(roles)) return tell(t.importCoordinatorOnly);
    const info = fileInfo.safeParse(await client.files.info({ file: parsed.data.file_id }).catch(() => undefined));
    if (!info.success) return tell(t.importUnreadable);
    const { file } = info.data;
    if (file.filetype !== 'xlsx') return tell(t.importOnlyXlsx);
    if (file.size > MAX_IMPORT_BYTES) return tell(t.importTooBig);
    const bytes = await fetch(file.url_private_download, {
      headers: { authorization: `Bearer ${client.token ?? ''}` },
      signal: AbortSignal.timeout(30_000),
    })
      .then(async (res) => (res.ok ? new Uint8Array(await res.arrayBuffer()) : undefined))
      .catch(() => undefined);
    if (!bytes) return tell(t.importUnreadable);
    await asJob(() => importLists(deps, { userId, roles, bytes, dedupeKey }));
    s.kickOutbox();
  };
}

const writtenInDm = z.object({
  channel: z.string().regex(/^D[A-Z0-9]{1,40}$/),
  channel_type: z.literal('im'),
  user: z.string().regex(/^[UW][A-Z0-9]{1,40}$/),
  ts: z.string().max(40),
  subtype: z.never().optional(),
  bot_id: z.never().optional(),
});

/**
 * A message written to the app in its messages tab (open for the lists' spreadsheet): it is not read, nor kept, nor
 * logged; the writer is told what the app does instead, once per message.
 */
export function messageInDm(s: AppServices) {
  return async ({ event }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>) => {
    const parsed = writtenInDm.safeParse(event);
    if (!parsed.success) return;
    await s.cases.queueAll([dmNotice(`dm-help:${parsed.data.channel}:${parsed.data.ts}`, parsed.data.user, t.dmHelp)]);
    s.kickOutbox();
  };
}
