import { AXES, type Axis } from '../../../../domain/axes.js';
import {
  type CaseCommand,
  CLOSURE_REASONS,
  OBJECTIVE_RATINGS,
  type ObjectiveRating,
  PARCOURS_EXCEPTION_REASONS,
  PARCOURS_NEXT_STEPS,
} from '../../../../domain/pathway.js';
import { frCase } from '../../../../i18n/fr.js';
import { newOrientationId } from '../../../../store/case-repository.js';
import { choiceOf, textOf, userOf } from '../../../view-state.js';
import { caseBlocks as b } from '../../../views/case-modals.js';
import { type FormReading, oneOf } from './reading.js';

export function readParcours(f: FormReading): CaseCommand | undefined {
  const { state, ctx, day, required } = f;
  let command: CaseCommand | undefined;
  const referentUserId = userOf(state, b.referent);
  const exceptionReason = oneOf(PARCOURS_EXCEPTION_REASONS, choiceOf(state, b.exceptionReason));
  const on = day();
  if (!referentUserId || !/^[UW][A-Z0-9]{2,31}$/.test(referentUserId)) required(b.referent);
  if (!exceptionReason) required(b.exceptionReason);
  if (referentUserId && exceptionReason)
    command = { type: 'enter_parcours', on, referentUserId, nextReviewOn: ctx.reviewAfter(on), exceptionReason };
  return command;
}

export function readReferent(f: FormReading): CaseCommand | undefined {
  const { state, required } = f;
  let command: CaseCommand | undefined;
  const referentUserId = userOf(state, b.referent);
  if (!referentUserId || !/^[UW][A-Z0-9]{2,31}$/.test(referentUserId)) required(b.referent);
  else command = { type: 'change_referent', referentUserId };
  return command;
}

export function readObjectives(f: FormReading): CaseCommand | undefined {
  const { state, ctx, errors, notes, day } = f;
  let command: CaseCommand | undefined;
  const on = day();
  const objectives: { id: string; axis: Axis; labelId: string }[] = [];
  for (const n of [1, 2, 3, 4] as const) {
    const [axis, labelId] = (choiceOf(state, b.objective(n)) ?? '').split(':');
    const known = AXES.find((a) => a === axis);
    if (!known || !labelId || !ctx.objectiveIds[known].includes(labelId)) continue;
    const previous = ctx.parcours?.objectives.find((o) => o.axis === known && o.labelId === labelId);
    objectives.push({ id: previous?.id ?? newOrientationId(), axis: known, labelId });
    notes[`objectiveDetail${n}`] = textOf(state, b.objectiveDetail(n));
  }
  if (objectives.length === 0) errors[b.objective(1)] = frCase.modal.objectiveRequired;
  else command = { type: 'set_objectives', on, objectives, nextReviewOn: ctx.reviewAfter(on) };
  return command;
}

export function readReview(f: FormReading): CaseCommand | undefined {
  const { state, ctx, errors, notes, day, required } = f;
  let command: CaseCommand | undefined;
  const on = day();
  const ratings: Record<string, ObjectiveRating> = {};
  (ctx.parcours?.objectives ?? []).slice(0, 4).forEach((o, i) => {
    const rating = oneOf(OBJECTIVE_RATINGS, choiceOf(state, b.rating(i + 1)));
    if (rating) ratings[o.id] = rating;
    else errors[b.rating(i + 1)] = frCase.modal.ratingRequired;
  });
  const next = oneOf(PARCOURS_NEXT_STEPS, choiceOf(state, b.parcoursNext));
  const exitReason = oneOf(CLOSURE_REASONS, choiceOf(state, b.exitReason));
  if (!next) required(b.parcoursNext);
  else if (next === 'exit' && !exitReason) errors[b.exitReason] = frCase.rejection.exit_reason_required;
  const familyView = textOf(state, b.familyView);
  notes.familyView = familyView;
  if (next && Object.keys(errors).length === 0)
    command =
      next === 'exit'
        ? { type: 'review', on, ratings, next, exitReason, hasFamilyView: Boolean(familyView) }
        : {
            type: 'review',
            on,
            ratings,
            next,
            nextReviewOn: ctx.reviewAfter(on),
            hasFamilyView: Boolean(familyView),
          };
  return command;
}
