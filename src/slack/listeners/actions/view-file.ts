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
    const reference = click.actions[0].value;
    const access = await checkCaseFileAccess(
      { ...s, timeZone: s.config.timeZone },
      { reference, userId: click.user.id, now: s.now() },
    );
    const view = access.kind === 'ask_reason' ? accessReasonModal(reference) : fileRefusedModal(access.kind);
    await client.views.open({ trigger_id: click.trigger_id, view });
  });
}
