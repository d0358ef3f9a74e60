import { z } from 'zod';
import { REFERENCE_PATTERN } from '../../../domain/reference.js';
import { isCoordinator } from '../../../domain/roles.js';
import { frCase, frCharter } from '../../../i18n/fr.js';
import type { AppServices } from '../../services.js';
import { accessLogModal } from '../../views/access-log.js';
import { messageModal } from '../../views/modals.js';
import { onClick } from '../handlers.js';

const pageValue = z
  .string()
  .regex(/^PRE-\d{4}-\d{4,}#\d{1,5}$/)
  .transform((v) => {
    const [reference = '', page = '0'] = v.split('#');
    return { reference, page: Number(page) };
  })
  .refine((v) => REFERENCE_PATTERN.test(v.reference));

const clickSchema = z.object({
  trigger_id: z.string().min(1).max(255),
  user: z.object({ id: z.string().min(1).max(32) }),
  view: z.object({ id: z.string().min(1), hash: z.string().min(1) }).optional(),
  actions: z.tuple([z.object({ value: pageValue })], z.unknown()),
});

/**
 * "Voir tout le journal" (from the `/reperage acces` answer) opens the paged log; "Plus anciennes" / "Plus récentes"
 * inside it move between pages. Coordinators only, checked at every click.
 */
export function accessLogPageClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const { reference, page } = click.actions[0].value;
    const { roles } = await s.members.profile(click.user.id);
    const found = isCoordinator(roles) ? await s.referrals.findByReference(reference) : undefined;
    const view = !isCoordinator(roles)
      ? messageModal(frCharter.access.logTitle, frCharter.access.coordinatorOnly)
      : !found
        ? messageModal(frCharter.access.logTitle, frCase.notFound)
        : accessLogModal(reference, await s.accessLog.forCase(found.id), page, s.config.timeZone);
    if (click.view) {
      await client.views.update({ view_id: click.view.id, hash: click.view.hash, view });
    } else {
      await client.views.open({ trigger_id: click.trigger_id, view });
    }
  });
}
