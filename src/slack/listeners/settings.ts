import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { GROUPS_KEY, groupSchema, MAX_GROUPS, nameTaken } from '../../domain/groups.js';
import { newEntryId } from '../../domain/lists.js';
import { isCoordinator } from '../../domain/roles.js';
import { everyChannelSet, readTyped, SETTING_KEYS, SETTING_KINDS, type SettingKey } from '../../domain/settings.js';
import { frLists, frSettings as t } from '../../i18n/fr.js';
import { catalogueOperators } from '../../store/operators.js';
import { channelProblem } from '../channel-check.js';
import type { AppServices } from '../services.js';
import {
  buttonClick,
  choiceOf,
  choicesOf,
  conversationOf,
  jsonMetadata,
  textOf,
  viewSubmission,
} from '../view-state.js';
import {
  settingBlocks as b,
  boundsText,
  groupBlocks as gb,
  groupModal,
  HISTORY_SHOWN,
  settingEditModal,
  settingsHistoryModal,
  settingsModal,
  shownValue,
} from '../views/settings.js';
import { answeredWithErrors, blockError, forCoordinator, inModal, onClick, onSubmit } from './handlers.js';

const settingKey = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]);
const openClick = buttonClick(z.string().max(32));
const editClick = buttonClick(settingKey);
const metadataSchema = jsonMetadata(z.object({ key: settingKey, expected: z.unknown() }));
const submissionSchema = viewSubmission(metadataSchema).extend({
  view: z.object({
    private_metadata: metadataSchema,
    state: viewSubmission().shape.view.shape.state,
    root_view_id: z.string().max(64).nullish(),
  }),
});

/** The Réglages modal, for a coordinator; anyone else reads why not. */
export function settingsView(s: AppServices, userId: string) {
  return forCoordinator(s, userId, t, async () => {
    const operators = await s.operators.settings(catalogueOperators(await s.catalogue.all()));
    return settingsModal(
      s.settings.current(),
      s.settings.recorded(),
      s.settings.defaults,
      operators,
      s.liveLists.groups(),
    );
  });
}

/** The Réglages modal under a form just saved shows the values in force (best effort: the change is recorded). */
async function redrawSettings(s: AppServices, client: WebClient, root: string | null | undefined, userId: string) {
  if (!root) return;
  await client.views
    .update({ view_id: root, view: await settingsView(s, userId) })
    .catch((error: unknown) => s.logger.warn({ err: error }, 'settings: the list could not be redrawn'));
}

/** App Home's "Réglages": the modal opens while the click's trigger lives. */
export function settingsOpenClicked(s: AppServices) {
  return onClick(openClick, async (click, { client }) => {
    await client.views.open({ trigger_id: click.trigger_id, view: await settingsView(s, click.user.id) });
  });
}

/** "Modifier" beside a setting: its form, pushed over the list. */
export function settingEditClicked(s: AppServices) {
  return onClick(editClick, async (click, { client }) => {
    const key = click.actions[0].value;
    const view = await forCoordinator(s, click.user.id, t, () =>
      settingEditModal(key, s.settings.current()[key], s.settings.recorded()[key], s.settings.defaults[key]),
    );
    await client.views.push({ trigger_id: click.trigger_id, view });
  });
}

/** "Historique": the changes, newest first. */
export function settingsHistoryClicked(s: AppServices) {
  return onClick(openClick, async (click, { client }) => {
    const view = await forCoordinator(s, click.user.id, t, async () =>
      settingsHistoryModal(
        await s.settings.history(HISTORY_SHOWN),
        s.settings.defaults,
        s.config.timeZone,
        await s.liveLists.history(HISTORY_SHOWN),
      ),
    );
    await client.views.push({ trigger_id: click.trigger_id, view });
  });
}

/** The value the form holds, as typed: the domain reads it for its setting. */
function typedValue(key: SettingKey, state: Parameters<typeof textOf>[0]): string | undefined {
  switch (SETTING_KINDS[key].kind) {
    case 'channel':
      return conversationOf(state, b.value);
    case 'integer':
      return textOf(state, b.value);
    default:
      return choiceOf(state, b.value);
  }
}

/**
 * A setting's new value: checked (bounds; a channel the app can post in, asked of Slack), recorded with who and
 * when, in force at once here and, through the database, on every instance. A refusal is an inline error.
 */
export function settingSubmitted(s: AppServices) {
  return onSubmit(submissionSchema, inModal(t.title, t.stale), async (submission, { ack, client }) => {
    const { key, expected } = submission.view.private_metadata;
    const state = submission.view.state.values;
    const actorId = submission.user.id;
    const { roles } = await s.members.profile(actorId);
    if (!isCoordinator(roles)) return void (await ack(inModal(t.title, t.coordinatorOnly)));
    const reset = choicesOf(state, b.reset).includes('default');
    const typed = typedValue(key, state);
    const value = reset ? undefined : readTyped(key, typed);
    const kind = SETTING_KINDS[key];
    if (!reset && (value === undefined || value === null)) {
      const message =
        kind.kind === 'integer' && typed !== undefined ? t.outOfBounds(boundsText(key) ?? '') : t.required;
      return void (await answeredWithErrors(ack, { [b.value]: message }));
    }
    // Turned on only where the digests can go: the cellule's and the three groups' channels chosen.
    if (key === 'digestsEnabled' && value === true && !everyChannelSet(s.settings.current()))
      return void (await ack(blockError(b.value, t.digestsNeedChannels)));
    if (kind.kind === 'channel' && typeof value === 'string') {
      const problem = await channelProblem(client, value, { shared: 'refused' });
      if (problem) return void (await ack(blockError(b.value, problem)));
    }
    const outcome = await s.settings.change({
      key,
      expected: expected ?? undefined,
      value,
      actorId,
      at: s.now(),
    });
    const inForce = s.settings.current()[key];
    const text =
      outcome === 'recorded'
        ? t.saved(t.label[key], shownValue(key, inForce))
        : outcome === 'unchanged'
          ? t.unchanged(t.label[key])
          : outcome === 'stale'
            ? t.stale
            : t.noWorkspace;
    await ack(inModal(t.title, text));
    if (outcome !== 'recorded') return;
    s.logger.info({ setting: key, by: actorId }, 'setting changed from Slack');
    await redrawSettings(s, client, submission.view.root_view_id, actorId);
  });
}

const groupClick = buttonClick(z.string().max(40));
const groupMetadata = jsonMetadata(z.object({ id: z.string().max(40).nullable(), version: z.number().int().min(0) }));
const groupSubmission = viewSubmission(groupMetadata).extend({
  view: z.object({
    private_metadata: groupMetadata,
    state: viewSubmission().shape.view.shape.state,
    root_view_id: z.string().max(64).nullish(),
  }),
});

/** "Ajouter un groupe" / a group's "Modifier": its form, pushed over Réglages. */
export function groupClicked(s: AppServices) {
  return onClick(groupClick, async (click, { client }) => {
    const group = s.liveLists.groups().find((g) => g.id === click.actions[0].value);
    const view = await forCoordinator(s, click.user.id, t, () => groupModal(group, s.liveLists.versionOf(GROUPS_KEY)));
    await client.views.push({ trigger_id: click.trigger_id, view });
  });
}

/**
 * A reflection group added or changed: a name no other group has, at least one axis, a channel the app can post in
 * (asked of Slack); recorded with who and when, its next digests sent to its channel.
 */
export function groupSubmitted(s: AppServices) {
  const g = t.groups;
  return onSubmit(groupSubmission, inModal(g.title, t.stale), async (submission, { ack, client }) => {
    const { id, version } = submission.view.private_metadata;
    const state = submission.view.state.values;
    const actorId = submission.user.id;
    const { roles } = await s.members.profile(actorId);
    if (!isCoordinator(roles)) return void (await ack(inModal(g.title, t.coordinatorOnly)));
    const groups = s.liveLists.groups();
    const name = textOf(state, gb.name) ?? '';
    const axes = choicesOf(state, gb.axes);
    const channel = conversationOf(state, gb.channel);
    const errors: Record<string, string> = {};
    if (!name) errors[gb.name] = frLists.problem.required;
    else if (nameTaken(groups, name, id ?? undefined)) errors[gb.name] = g.nameTaken;
    if (axes.length === 0) errors[gb.axes] = frLists.problem.required;
    if (!channel) errors[gb.channel] = frLists.problem.required;
    if (!id && groups.length >= MAX_GROUPS) errors[gb.name] = g.tooMany(MAX_GROUPS);
    if (await answeredWithErrors(ack, errors)) return;
    const problem = channel ? await channelProblem(client, channel, { shared: 'refused' }) : undefined;
    if (problem) return void (await ack(blockError(gb.channel, problem)));
    const archived = choicesOf(state, gb.archived).includes('archived');
    const parsed = groupSchema.safeParse({
      id: id ?? newEntryId(name, groups),
      name,
      axes,
      channel,
      ...(archived ? { archived: true } : {}),
    });
    if (!parsed.success) return void (await ack(blockError(gb.name, frLists.problem.required)));
    const outcome = await s.liveLists.changeGroup(parsed.data, version, actorId, s.now());
    const text =
      outcome.kind === 'recorded'
        ? archived
          ? g.archivedSaved(parsed.data.name)
          : g.saved(parsed.data.name)
        : outcome.kind === 'unchanged'
          ? t.unchanged(parsed.data.name)
          : outcome.kind === 'stale'
            ? t.stale
            : t.noWorkspace;
    await ack(inModal(g.title, text));
    if (outcome.kind !== 'recorded') return;
    s.logger.info({ group: parsed.data.id, by: actorId }, 'reflection group changed from Slack');
    await redrawSettings(s, client, submission.view.root_view_id, actorId);
  });
}
