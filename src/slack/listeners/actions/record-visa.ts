import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { localDay } from '../../../domain/dates.js';
import { isCoordinator } from '../../../domain/roles.js';
import { frArchive } from '../../../i18n/fr.js';
import type { AppServices } from '../../services.js';
import { buttonClick } from '../../view-state.js';
import { visaModal } from '../../views/archive-messages.js';
import { messageModal } from '../../views/modals.js';

export const BATCH_NUMBER = /^BE-\d{4}-\d{3,6}$/;

const clickSchema = buttonClick(z.string().regex(BATCH_NUMBER));

/** "Enregistrer le visa" on a bordereau: the visa form, for coordinators, while the bordereau awaits its visa. */
export function recordVisaClicked(s: AppServices) {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const parsed = clickSchema.safeParse(body);
    if (!parsed.success) return;
    const v = frArchive.visa;
    const { roles } = await s.members.profile(parsed.data.user.id);
    const batch = isCoordinator(roles) ? await s.batches.find(parsed.data.actions[0].value) : undefined;
    const view = !isCoordinator(roles)
      ? messageModal(v.title, v.coordinatorOnly)
      : !batch
        ? messageModal(v.title, v.notFound)
        : batch.status !== 'drafted'
          ? messageModal(v.title, v.already(batch.number))
          : visaModal(batch, localDay(s.now(), s.config.timeZone));
    await client.views.open({ trigger_id: parsed.data.trigger_id, view });
  };
}
