import { z } from 'zod';
import { localDay } from '../../../domain/dates.js';
import { isCoordinator } from '../../../domain/roles.js';
import { frArchive } from '../../../i18n/fr.js';
import type { AppServices } from '../../services.js';
import { buttonClick } from '../../view-state.js';
import { visaModal } from '../../views/archive-messages.js';
import { messageModal } from '../../views/modals.js';
import { onClick } from '../handlers.js';

export const BATCH_NUMBER = /^BE-\d{4}-\d{3,6}$/;

const clickSchema = buttonClick(z.string().regex(BATCH_NUMBER));

/** "Enregistrer le visa" on a bordereau: the visa form, for coordinators, while the bordereau awaits its visa. */
export function recordVisaClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const v = frArchive.visa;
    const { roles } = await s.members.profile(click.user.id);
    const batch = isCoordinator(roles) ? await s.batches.find(click.actions[0].value) : undefined;
    const view = !isCoordinator(roles)
      ? messageModal(v.title, v.coordinatorOnly)
      : !batch
        ? messageModal(v.title, v.notFound)
        : batch.status !== 'drafted'
          ? messageModal(v.title, v.already(batch.number))
          : visaModal(batch, localDay(s.now(), s.config.timeZone));
    await client.views.open({ trigger_id: click.trigger_id, view });
  });
}
