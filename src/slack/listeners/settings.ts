import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { isCoordinator } from '../../domain/roles.js';
import { everyChannelSet, readTyped, SETTING_KEYS, SETTING_KINDS, type SettingKey } from '../../domain/settings.js';
import { frSettings as t } from '../../i18n/fr.js';
import { catalogueOperators } from '../../store/operators.js';
import { channelProblem } from '../channel-check.js';
import type { AppServices } from '../services.js';
import { buttonClick, choiceOf, choicesOf, conversationOf, textOf, viewSubmission } from '../view-state.js';
import { messageModal } from '../views/modals.js';
import {
  settingBlocks as b,
  boundsText,
  HISTORY_SHOWN,
  settingEditModal,
  settingsHistoryModal,
  settingsModal,
  shownValue,
} from '../views/settings.js';
import { answeredWithErrors, blockError, inModal, onClick, onSubmit } from './handlers.js';

const settingKey = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]);
const openClick = buttonClick(z.string().max(32));
const editClick = buttonClick(settingKey);
const metadataSchema = z
  .string()
  .max(3000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ key: settingKey, expected: z.unknown() }));
const submissionSchema = viewSubmission(metadataSchema).extend({
  view: z.object({
    private_metadata: metadataSchema,
    state: viewSubmission().shape.view.shape.state,
    root_view_id: z.string().max(64).nullish(),
  }),
});

/** The view `build` draws, for a coordinator; anyone else reads why not. */
async function forCoordinator(s: AppServices, userId: string, build: () => Promise<ModalView> | ModalView) {
  const { roles } = await s.members.profile(userId);
  return isCoordinator(roles) ? build() : messageModal(t.title, t.coordinatorOnly);
}

/** The Réglages modal, for a coordinator; anyone else reads why not. */
export function settingsView(s: AppServices, userId: string) {
  return forCoordinator(s, userId, async () => {
    const operators = await s.operators.settings(catalogueOperators(await s.catalogue.all()));
    return settingsModal(s.settings.current(), s.settings.recorded(), s.settings.defaults, operators);
  });
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
    const view = await forCoordinator(s, click.user.id, () =>
      settingEditModal(key, s.settings.current()[key], s.settings.recorded()[key], s.settings.defaults[key]),
    );
    await client.views.push({ trigger_id: click.trigger_id, view });
  });
}

/** "Historique": the changes, newest first. */
export function settingsHistoryClicked(s: AppServices) {
  return onClick(openClick, async (click, { client }) => {
    const view = await forCoordinator(s, click.user.id, async () =>
      settingsHistoryModal(await s.settings.history(HISTORY_SHOWN), s.settings.defaults, s.config.timeZone),
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
    // The list under the form shows the value in force (best effort: the change is recorded either way).
    const root = submission.view.root_view_id;
    if (root)
      await client.views
        .update({ view_id: root, view: await settingsView(s, actorId) })
        .catch((error: unknown) => s.logger.warn({ err: error }, 'settings: the list could not be redrawn'));
  });
}
