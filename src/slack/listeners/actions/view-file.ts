import { z } from 'zod';
import { REFERENCE_PATTERN } from '../../../domain/reference.js';
import { fr, frArchive } from '../../../i18n/fr.js';
import { checkCaseFileAccess } from '../../../use-cases/open-case-file.js';
import type { AppServices } from '../../services.js';
import { buttonClick } from '../../view-state.js';
import { accessReasonModal, messageModal, refusedModal } from '../../views/modals.js';
import { onClick } from '../handlers.js';

const clickSchema = buttonClick(z.string().regex(REFERENCE_PATTERN));

/** "Voir le dossier": authorised members are asked why; everyone else gets a polite refusal (recorded). */
export function viewFileClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const reference = click.actions[0].value;
    const access = await checkCaseFileAccess(
      { ...s, timeZone: s.config.timeZone },
      { reference, userId: click.user.id, now: s.now() },
    );
    const view =
      access.kind === 'ask_reason'
        ? accessReasonModal(reference)
        : access.kind === 'refused'
          ? refusedModal()
          : access.kind === 'archived'
            ? messageModal(fr.file.refusedTitle, frArchive.archivedFile)
            : access.kind === 'not_on_case'
              ? messageModal(fr.file.refusedTitle, fr.file.notOnCase)
              : messageModal(fr.file.refusedTitle, fr.file.notFound);
    await client.views.open({ trigger_id: click.trigger_id, view });
  });
}
