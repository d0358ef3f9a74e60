import { AXES, type Axis } from '../../../../domain/axes.js';
import {
  type CaseCommand,
  FUNDERS,
  isActiveOrientation,
  NOT_STARTED_REASONS,
  operatorScopeKey,
  type Prestation,
  prestationActionId,
  RESULTS,
  type Result,
} from '../../../../domain/pathway.js';
import { frCase } from '../../../../i18n/fr.js';
import { newOrientationId } from '../../../../store/case-repository.js';
import { choiceOf, choicesOf, textOf, type ViewState } from '../../../view-state.js';
import { caseBlocks as b } from '../../../views/case-modals.js';
import { type FormReading, oneOf } from './reading.js';

export function readOrient(f: FormReading): CaseCommand | undefined {
  const { state, ctx, errors, day } = f;
  let command: CaseCommand | undefined;
  const on = day();
  const actionIds = choicesOf(state, b.actions);
  const uncoveredNeeds = choicesOf(state, b.uncoveredNeeds).filter((a): a is Axis => oneOf(AXES, a) !== undefined);
  const prestation = readPrestation(state, errors, ctx.prestations);
  if (actionIds.some((id) => !ctx.activeActions.includes(id))) errors[b.actions] = frCase.rejection.wrong_status;
  else if (prestation === undefined || Object.keys(errors).length > 0) return command;
  else if (actionIds.length === 0 && !prestation && uncoveredNeeds.length === 0)
    errors[b.actions] = frCase.modal.chooseSomething;
  else {
    const all = prestation ? [...actionIds, prestationActionId(prestation.typeId)] : actionIds;
    command = {
      type: 'orient',
      on,
      actionIds: all,
      orientationIds: all.map(() => newOrientationId()),
      operators: actionIds.map((id) => operatorScopeKey(ctx.operatorOf.get(id) ?? '')),
      ...(prestation ? { prestation } : {}),
      ...(uncoveredNeeds.length > 0 ? { uncoveredNeeds } : {}),
    };
  }
  return command;
}

export function readProgress(f: FormReading): CaseCommand | undefined {
  const { state, ctx, errors, day, required } = f;
  let command: CaseCommand | undefined;
  const on = day();
  const orientation = ctx.orientations.find((o) => o.id === choiceOf(state, b.orientation));
  const step = choiceOf(state, b.step);
  const result = oneOf(RESULTS, choiceOf(state, b.result));
  // The action and the day the step concerns, whichever step it is.
  const which = orientation && { orientationId: orientation.id, actionId: orientation.actionId, on };
  if (!which) required(b.orientation);
  else if (step === 'start') {
    command = { type: 'start_orientation', ...which };
  } else if (step === 'end') {
    if (!result) errors[b.result] = frCase.modal.outcomeRequired;
    else command = { type: 'end_orientation', ...which, result };
  } else if (step === 'not_started') {
    const reason = oneOf(NOT_STARTED_REASONS, choiceOf(state, b.notStartedReason));
    if (!reason) errors[b.notStartedReason] = frCase.modal.required;
    else command = { type: 'orientation_not_started', ...which, reason };
  } else required(b.step);
  return command;
}

export function readEvaluate(f: FormReading): CaseCommand | undefined {
  const { state, ctx, day, required } = f;
  let command: CaseCommand | undefined;
  const on = day();
  const caseResult = oneOf(RESULTS, choiceOf(state, b.caseResult));
  const next = oneOf(['continue', 'close'] as const, choiceOf(state, b.next));
  const running = ctx.orientations.filter(isActiveOrientation).slice(0, 10);
  const orientationResults: Record<string, Result> = {};
  running.forEach((o, i) => {
    const r = oneOf(RESULTS, choiceOf(state, b.orientationResult(i)));
    if (r) orientationResults[o.id] = r;
  });
  if (!caseResult) required(b.caseResult);
  if (!next) required(b.next);
  if (caseResult && next) command = { type: 'evaluate', on, caseResult, orientationResults, next };
  return command;
}

/** Euros as people type them ("120", "85,50", "1 200 €") into cents; undefined when it is not an amount. */
export function parseEuros(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(cleaned)) return undefined;
  return Math.round(Number(cleaned) * 100);
}

/**
 * The prestation individuelle of the orientation form: null when none is ordered, undefined (with inline errors) when
 * it is incomplete — a kind without its cost and funder, or a cost or funder without a kind.
 */
function readPrestation(
  state: ViewState,
  errors: Record<string, string>,
  kinds: readonly { id: string; axis: Axis }[],
): Prestation | null | undefined {
  const kind = kinds.find((k) => k.id === choiceOf(state, b.prestation));
  const costText = textOf(state, b.prestationCost);
  const funder = oneOf(FUNDERS, choiceOf(state, b.prestationFunder));
  if (!kind) {
    if (!costText && !funder) return null;
    errors[b.prestation] = frCase.modal.prestationMissing;
    return undefined;
  }
  const costCents = costText === undefined ? undefined : parseEuros(costText);
  if (costText !== undefined && costCents === undefined) errors[b.prestationCost] = frCase.modal.costInvalid;
  else if (costCents === undefined) errors[b.prestationCost] = frCase.modal.prestationIncomplete;
  if (!funder) errors[b.prestationFunder] = frCase.modal.prestationIncomplete;
  if (costCents === undefined || !funder) return undefined;
  return { typeId: kind.id, axis: kind.axis, costCents, funder };
}
