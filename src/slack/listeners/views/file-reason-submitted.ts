import { z } from 'zod';
import { REFERENCE_PATTERN } from '../../../domain/reference.js';
import { ACCESS_REASONS } from '../../../domain/roles.js';
import { frCase } from '../../../i18n/fr.js';
import { openCaseFile } from '../../../use-cases/open-case-file.js';
import type { AppServices } from '../../services.js';
import { choiceOf, viewSubmission } from '../../view-state.js';
import { scopeChoices } from '../../views/case-modals.js';
import { ACCESS_REASON_BLOCK, caseFileModal, fileRefusedModal } from '../../views/modals.js';
import { blockError, onSubmit } from '../handlers.js';

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
    const outcome = await openCaseFile(
      { ...s, timeZone: s.config.timeZone },
      { reference, userId: submission.user.id, reason, now: s.now() },
    );
    if (outcome.kind === 'unreadable') {
      s.logger.error({ reference }, 'case file: stored values failed authentication');
    }
    const view =
      outcome.kind === 'granted'
        ? caseFileModal(
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
          )
        : fileRefusedModal(outcome.kind);
    await ack({ response_action: 'update', view });
  });
}
