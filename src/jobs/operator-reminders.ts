import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { subDays } from 'date-fns/subDays';
import type { Logger } from '../log.js';
import type { CaseRepository } from '../store/case-repository.js';
import type { LiaisonSheets } from '../store/liaison-sheets.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { RenderedMessage } from '../store/outbox.js';
import { type ActionTitles, type CaseRender, sheetContext } from '../use-cases/run-case-command.js';
import { remind } from './consent-reminders.js';

/**
 * A liaison sheet left unanswered `days` after it was posted gets one reminder in its thread, in the operator's
 * channel; still unanswered `days` later, the référent (else the coordinators) is told by direct message. Each
 * once: the dedupe keys name the sheet, and the sheet records when, so every instance, every hour, may run this.
 */
export async function remindOperators(
  deps: {
    cases: CaseRepository;
    members: MemberRepository;
    sheets: LiaisonSheets;
    logger: Logger;
    actionTitles(): Promise<ActionTitles>;
    render: Pick<CaseRender, 'sheetNoAnswer'> & { sheetReminder(days: number): RenderedMessage };
  },
  input: { now: Date; days: number },
): Promise<number> {
  const due = await deps.sheets.unanswered(subDays(input.now, input.days));
  let sent = 0;
  for (const sheet of due) {
    if (!sheet.remindedAt) {
      const days = differenceInCalendarDays(input.now, sheet.postedAt);
      await deps.cases.queue({
        dedupeKey: `sheet-reminder:${sheet.orientationId}`,
        kind: 'sheet_reply',
        orientationId: sheet.orientationId,
        message: deps.render.sheetReminder(days),
      });
      await deps.sheets.markReminded(sheet.orientationId, input.now);
      sent += 1;
      continue;
    }
    if (sheet.remindedAt > subDays(input.now, input.days)) continue;
    const found = await deps.cases.load(sheet.reference);
    const orientation = found?.state.orientations.find((o) => o.id === sheet.orientationId);
    if (!found || !orientation) continue;
    const message = deps.render.sheetNoAnswer(found.summary, orientation, await deps.actionTitles());
    await remind(
      deps,
      sheetContext(found.state).referentUserId,
      `sheet-no-answer:${sheet.orientationId}`,
      message.text,
    );
    await deps.sheets.markReferentTold(sheet.orientationId, input.now);
    sent += 1;
  }
  if (sent > 0) deps.logger.info({ count: sent }, 'operator reminders queued');
  return sent;
}
