import { z } from 'zod';
import { REFERENCE_PATTERN } from '../../../domain/reference.js';
import { checkCaseFileAccess } from '../../../use-cases/open-case-file.js';
import type { AppServices } from '../../services.js';
import { buttonClick } from '../../view-state.js';
import { accessReasonModal, fileRefusedModal } from '../../views/modals.js';
import { onClick } from '../handlers.js';

const clickSchema = buttonClick(z.string().regex(REFERENCE_PATTERN));

/** "Voir le dossier": authorised members are asked why; everyone else gets a polite refusal (recorded). */
export function viewFileClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const view = await fileAccessView(s, click.actions[0].value, click.user.id);
    await client.views.open({ trigger_id: click.trigger_id, view });
  });
}

/** What "Voir le dossier" opens for this person: the reason form, or a polite refusal (recorded). */
export async function fileAccessView(s: AppServices, reference: string, userId: string) {
  const access = await checkCaseFileAccess(
    { ...s, timeZone: s.config.timeZone, archiveDays: s.settings.current().archiveDays },
    { reference, userId, now: s.now() },
  );
  return access.kind === 'ask_reason' ? accessReasonModal(reference) : fileRefusedModal(access.kind);
}
