import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { REFERENCE_PATTERN } from '../../../domain/reference.js';
import { ACCESS_REASONS, type AccessReason } from '../../../domain/roles.js';
import { frCase } from '../../../i18n/fr.js';
import { openCaseFile } from '../../../use-cases/open-case-file.js';
import type { AppServices } from '../../services.js';
import { choiceOf, viewSubmission } from '../../view-state.js';
import { scopeChoices } from '../../views/case-modals.js';
import { ACCESS_REASON_BLOCK, caseFileModal, fileRefusedModal } from '../../views/modals.js';
import { blockError, onClick, onSubmit } from '../handlers.js';

const submissionSchema = viewSubmission(z.string().regex(REFERENCE_PATTERN));

/** The agreement's partners by their scope keys, as the consent form names them. */
async function scopeLabels(s: AppServices): Promise<(key: string) => string> {
  const choices = new Map(
    scopeChoices(await s.catalogue.all(), s.lists.institutions).map((c) => [c.key, c.label] as const),
  );
  return (key) => choices.get(key) ?? key;
}

/** The reason given: the file replaces the question in the same modal, for this user only. */
export function fileReasonSubmitted(s: AppServices) {
  const unreadable = blockError(ACCESS_REASON_BLOCK, frCase.modal.required);
  return onSubmit(submissionSchema, unreadable, async (submission, { ack }) => {
    const reason = ACCESS_REASONS.find((r) => r === choiceOf(submission.view.state.values, ACCESS_REASON_BLOCK));
    if (!reason) return ack(unreadable);
    const reference = submission.view.private_metadata;
    const view = await fileViewFor(s, { reference, userId: submission.user.id, reason, page: 0 });
    await ack({ response_action: 'update', view });
  });
}

/**
 * The file for this person and reason, at a page: read again (the policy asked again, the reading logged again),
 * or the refusal.
 */
export async function fileViewFor(
  s: AppServices,
  input: { reference: string; userId: string; reason: AccessReason; page: number },
): Promise<ModalView> {
  const { reference, userId, reason, page } = input;
  const outcome = await openCaseFile(
    { ...s, timeZone: s.config.timeZone, archiveDays: s.settings.current().archiveDays },
    { reference, userId, reason, now: s.now() },
  );
  if (outcome.kind === 'unreadable') s.logger.error({ reference }, 'case file: stored values failed authentication');
  if (outcome.kind !== 'granted') return fileRefusedModal(outcome.kind);
  return caseFileModal(
    outcome.summary,
    outcome.identity,
    outcome.facts,
    {
      labels: s.labels,
      timeZone: s.config.timeZone,
      actionTitles: await s.actionTitles(),
      scopeLabel: await scopeLabels(s),
    },
    { state: outcome.state, notes: outcome.notes, links: await s.cases.linksOf(outcome.summary.reference) },
    { page, reason },
  );
}

const pageClick = z.object({
  user: z.object({ id: z.string().min(1).max(32) }),
  view: z.object({ id: z.string().min(1).max(40), hash: z.string().max(100).optional() }),
  actions: z.tuple([z.object({ value: z.string().max(200) })], z.unknown()),
});

/** _Page suivante_ / _précédente_ in a long file: the same modal shows another page. */
export function filePaged(s: AppServices) {
  return onClick(pageClick, async (click, { client }) => {
    const [reference = '', reasonText = '', pageText = ''] = click.actions[0].value.split('|');
    const reason = ACCESS_REASONS.find((r) => r === reasonText);
    if (!REFERENCE_PATTERN.test(reference) || !reason || !/^\d{1,3}$/.test(pageText)) return;
    const view = await fileViewFor(s, { reference, userId: click.user.id, reason, page: Number(pageText) });
    await client.views.update({ view_id: click.view.id, ...(click.view.hash ? { hash: click.view.hash } : {}), view });
  });
}
