import { z } from 'zod';
import { localDay } from '../../domain/dates.js';
import {
  ATTENDANCES,
  type CaseCommand,
  OPERATOR_NOT_STARTED_REASONS,
  type Orientation,
  RESULTS,
} from '../../domain/pathway.js';
import { mayDo, phaseOf } from '../../domain/policy.js';
import { sharedWithOperator } from '../../domain/referral.js';
import { OPERATOR_ACCESS_REASONS } from '../../domain/roles.js';
import { frCase, frOperator } from '../../i18n/fr.js';
import type { LoadedCase } from '../../store/case-repository.js';
import { TamperedValueError, UnknownKeyError } from '../../store/field-cipher.js';
import { runCaseCommand } from '../../use-cases/run-case-command.js';
import type { AppServices } from '../services.js';
import { buttonClick, choiceOf, dateOf, textOf, viewSubmission } from '../view-state.js';
import {
  sheetBlocks as b,
  type SheetAnswer,
  sheetAnswerModal,
  sheetFieldsModal,
  sheetReasonModal,
} from '../views/liaison-sheet.js';
import { messageModal } from '../views/modals.js';
import { caseDeps, outcomeMessage } from './case-support.js';
import { blockError, inModal, onClick, onSubmit } from './handlers.js';

const orientationId = z.string().uuid();
const clickSchema = buttonClick(orientationId);
const submissionSchema = viewSubmission(orientationId);

/** What a click on a sheet may lead to: the sheet's case and orientation, or why not. */
type SheetAccess =
  | { kind: 'ok'; found: LoadedCase; orientation: Orientation & { operator: string } }
  | { kind: 'not_found' }
  | { kind: 'not_referent'; found: LoadedCase }
  | { kind: 'closed' };

/**
 * Only the referents of the orientation's operator, while the orientation is under way and the family's agreement
 * still covers the operator. Checked at every click and every submission: a referent removed, an agreement
 * withdrawn or narrowed takes effect at once, an open modal included.
 */
async function sheetAccess(s: AppServices, id: string, userId: string): Promise<SheetAccess> {
  const reference = await s.cases.referenceOfOrientation(id);
  const found = reference ? await s.cases.load(reference) : undefined;
  const orientation = found?.state.orientations.find((o) => o.id === id);
  if (!found || !orientation?.operator) return { kind: 'not_found' };
  const operator = await s.operators.isReferent(orientation.operator, userId);
  // The policy's `read_sheet`: the operator's referents, while the family's agreement stands (domain/policy.ts).
  const permission = mayDo('read_sheet', { userId, roles: [] }, { operator }, phaseOf(found.state));
  if (!operator) return { kind: 'not_referent', found };
  if (!permission.ok) return { kind: 'closed' };
  const covered = found.state.consent === 'given' && found.state.agreement?.scope.includes(orientation.operator);
  if (!covered || (orientation.status !== 'proposed' && orientation.status !== 'started')) return { kind: 'closed' };
  return { kind: 'ok', found, orientation: { ...orientation, operator: orientation.operator } };
}

const o = frOperator;
const refusal = (access: Exclude<SheetAccess, { kind: 'ok' }>) =>
  messageModal(
    o.fieldsTitle,
    access.kind === 'not_referent' ? o.notReferent : access.kind === 'closed' ? o.closedSheet : o.notFound,
  );

/** A refused look at a sheet is in the case's access log, like any refused read. */
async function logRefusal(s: AppServices, access: SheetAccess, userId: string) {
  if (access.kind !== 'not_referent') return;
  await s.accessLog.record({
    referralId: access.found.id,
    userId,
    at: s.now(),
    reason: 'operator_refused',
    granted: false,
  });
}

/** A button of a liaison sheet: "Voir la fiche" asks why first; the three answers open their form. */
export function sheetClicked(s: AppServices, action: 'view' | SheetAnswer) {
  return onClick(clickSchema, async (click, { client }) => {
    const id = click.actions[0].value;
    const userId = click.user.id;
    const access = await sheetAccess(s, id, userId);
    let view: ReturnType<typeof messageModal>;
    if (access.kind !== 'ok') {
      await logRefusal(s, access, userId);
      view = refusal(access);
    } else if (action === 'view') view = sheetReasonModal(access.found.summary.reference, id);
    else {
      const expected = action === 'end' ? 'started' : 'proposed';
      view =
        access.orientation.status === expected
          ? sheetAnswerModal(action, access.found.summary.reference, id, localDay(s.now(), s.config.timeZone))
          : messageModal(o.fieldsTitle, frCase.rejection.orientation_not_proposed);
    }
    await client.views.open({ trigger_id: click.trigger_id, view });
  });
}

/** The reason given: what the family agreed to share with this operator replaces the question, for this user. */
export function sheetReasonSubmitted(s: AppServices) {
  const unreadable = blockError(b.accessReason, frCase.modal.required);
  return onSubmit(submissionSchema, unreadable, async (submission, { ack }) => {
    const reason = OPERATOR_ACCESS_REASONS.find((r) => r === choiceOf(submission.view.state.values, b.accessReason));
    if (!reason) return ack(unreadable);
    const userId = submission.user.id;
    const access = await sheetAccess(s, submission.view.private_metadata, userId);
    if (access.kind !== 'ok') {
      await logRefusal(s, access, userId);
      await ack({ response_action: 'update', view: refusal(access) });
      return;
    }
    await s.accessLog.record({
      referralId: access.found.id,
      userId,
      at: s.now(),
      reason: `operator_${reason}`,
      granted: true,
    });
    try {
      const identity = await s.referrals.readIdentity(access.found.id);
      await ack({
        response_action: 'update',
        view: sheetFieldsModal(access.found.summary.reference, sharedWithOperator(identity)),
      });
    } catch (error) {
      if (!(error instanceof TamperedValueError || error instanceof UnknownKeyError)) throw error;
      s.logger.error(
        { reference: access.found.summary.reference },
        'liaison sheet: stored values failed authentication',
      );
      await ack(inModal(o.fieldsTitle, frCase.modal.required));
    }
  });
}

/** An operator's answer: started, not started (why), ended (attendance, appreciation, an optional comment). */
export function sheetAnswerSubmitted(s: AppServices, answer: SheetAnswer) {
  return onSubmit(submissionSchema, blockError(b.date, frCase.rejection.wrong_status), async (submission, { ack }) => {
    const state = submission.view.state.values;
    const userId = submission.user.id;
    const now = s.now();
    const today = localDay(now, s.config.timeZone);
    const errors: Record<string, string> = {};
    const on = dateOf(state, b.date);
    if (!on) errors[b.date] = frCase.modal.required;
    else if (on > today) errors[b.date] = frCase.modal.futureDate;
    const reason = OPERATOR_NOT_STARTED_REASONS.find((r) => r === choiceOf(state, b.reason));
    const attendance = ATTENDANCES.find((a) => a === choiceOf(state, b.attendance));
    const result = RESULTS.find((r) => r === choiceOf(state, b.appreciation));
    if (answer === 'notStarted' && !reason) errors[b.reason] = frCase.modal.required;
    if (answer === 'end' && !attendance) errors[b.attendance] = frCase.modal.required;
    if (answer === 'end' && !result) errors[b.appreciation] = frCase.modal.required;
    if (Object.keys(errors).length > 0 || !on) return ack({ response_action: 'errors', errors });
    const access = await sheetAccess(s, submission.view.private_metadata, userId);
    if (access.kind !== 'ok') return ack({ response_action: 'update', view: refusal(access) });
    const { found, orientation } = access;
    const target = { orientationId: orientation.id, actionId: orientation.actionId, on };
    const comment = textOf(state, b.comment);
    const command: CaseCommand =
      answer === 'start'
        ? { type: 'start_orientation', ...target }
        : answer === 'notStarted'
          ? { type: 'orientation_not_started', ...target, reason: reason ?? 'other' }
          : {
              type: 'end_orientation',
              ...target,
              result: result ?? 'not_achieved',
              ...(attendance ? { attendance } : {}),
              hasComment: Boolean(comment),
            };
    const outcome = await runCaseCommand(caseDeps(s), {
      reference: found.summary.reference,
      // The operator answers the orientation as it stands: other steps on the case in the meantime do not matter.
      expectedVersion: found.state.version,
      userId,
      command,
      notes: comment ? { [`operatorComment:${orientation.id}`]: comment } : {},
      now,
    });
    const message = outcomeMessage(found.summary.reference, outcome);
    if (message) return ack(blockError(b.date, message));
    await ack(inModal(o.fieldsTitle, o.recorded(found.summary.reference)));
    s.kickOutbox();
  });
}
