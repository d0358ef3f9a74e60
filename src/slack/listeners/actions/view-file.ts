import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { fr } from '../../../i18n/fr.js';
import { openCaseFile } from '../../../use-cases/open-case-file.js';
import type { AppServices } from '../../services.js';
import { caseFileModal, messageModal, refusedModal } from '../../views/modals.js';

export const REFERENCE = /^PRE-\d{4}-\d{4,6}$/;

const clickSchema = z.object({
  trigger_id: z.string().min(1).max(255),
  user: z.object({ id: z.string().min(1).max(32) }),
  actions: z.tuple([z.object({ value: z.string().regex(REFERENCE) })], z.unknown()),
});

/** "Voir le dossier": the level-1 file, in a modal for this user only, if the charter allows it. */
export function viewFileClicked(s: AppServices) {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const parsed = clickSchema.safeParse(body);
    if (!parsed.success) return;
    const outcome = await openCaseFile(s, {
      reference: parsed.data.actions[0].value,
      userId: parsed.data.user.id,
      now: s.now(),
    });
    const view =
      outcome.kind === 'granted'
        ? caseFileModal(outcome.summary, outcome.identity, {
            labels: s.labels,
            timeZone: s.config.timeZone,
            schoolId: outcome.schoolId,
          })
        : outcome.kind === 'refused'
          ? refusedModal()
          : outcome.kind === 'unreadable'
            ? messageModal(fr.file.refusedTitle, fr.file.unreadable)
            : messageModal(fr.file.refusedTitle, fr.file.notFound);
    if (outcome.kind === 'unreadable') {
      s.logger.error({ reference: outcome.reference }, 'case file: stored values failed authentication');
    }
    await client.views.open({ trigger_id: parsed.data.trigger_id, view });
  };
}
