import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { z } from 'zod';
import { AXES, type Axis } from '../../../domain/axes.js';
import { localDay } from '../../../domain/dates.js';
import {
  AGREEMENT_FORMS,
  type CaseCommand,
  CLOSURE_REASONS,
  CONSENT_CHANNELS,
  FUNDERS,
  IP_NOT_INFORMED_REASONS,
  isActiveOrientation,
  NOT_STARTED_REASONS,
  OBJECTIVE_RATINGS,
  type ObjectiveRating,
  type Orientation,
  operatorScopeKey,
  PARCOURS_EXCEPTION_REASONS,
  PARCOURS_NEXT_STEPS,
  type Parcours,
  type Prestation,
  prestationActionId,
  REFUSAL_REASONS,
  RELATIONSHIPS,
  RESULTS,
  type Representative,
  type Result,
} from '../../../domain/pathway.js';
import { validateIdentity } from '../../../domain/referral.js';
import { fr, frCase } from '../../../i18n/fr.js';
import { type CaseNotes, newOrientationId } from '../../../store/case-repository.js';
import { runCaseCommand } from '../../../use-cases/run-case-command.js';
import { intakeBlocks } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { choiceOf, choicesOf, dateOf, textOf, userOf, type ViewState, viewStateSchema } from '../../view-state.js';
import { caseBlocks as b, consentStep } from '../../views/case-modals.js';
import type { CaseModalKind } from '../actions/open-case-modal.js';
import { caseDeps, outcomeMessage, versionedReference } from '../case-support.js';

const submissionSchema = z.object({
  user: z.object({ id: z.string().min(1).max(32) }),
  view: z.object({ private_metadata: versionedReference, state: z.object({ values: viewStateSchema }) }),
});

type Parsed = { command: CaseCommand; notes?: CaseNotes } | { errors: Record<string, string> };

const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  values.find((x) => x === v);

/** Where a refusal that concerns the whole form is shown. */
const ANCHOR: Record<CaseModalKind, string> = {
  consent: b.date,
  orient: b.actions,
  progress: b.orientation,
  evaluate: b.caseResult,
  close: b.reason,
  identity: intakeBlocks.childFirstName,
  informationPreoccupante: b.date,
  parcours: b.referent,
  referent: b.referent,
  objectives: b.objective(1),
  review: b.parcoursNext,
};

function read(
  kind: CaseModalKind,
  state: ViewState,
  ctx: {
    consent: Parameters<typeof consentStep>[0];
    orientations: Orientation[];
    activeActions: string[];
    operatorOf: Map<string, string>;
    prestations: readonly { id: string; axis: Axis }[];
    today: string;
    parcours?: Parcours;
    objectiveIds: Record<Axis, string[]>;
    /** The next bilan's day, from a step's day. */
    reviewAfter(on: string): string;
  },
): Parsed {
  const errors: Record<string, string> = {};
  const day = () => {
    const on = dateOf(state, b.date);
    if (!on) errors[b.date] = frCase.modal.required;
    else if (on > ctx.today) errors[b.date] = frCase.modal.futureDate;
    return on ?? ctx.today;
  };
  const required = (blockId: string) => {
    errors[blockId] = frCase.modal.required;
  };
  let command: CaseCommand | undefined;
  const notes: CaseNotes = {};
  switch (kind) {
    case 'consent': {
      const on = day();
      const step = consentStep(ctx.consent);
      if (step === 'request') {
        const channel = oneOf(CONSENT_CHANNELS, choiceOf(state, b.channel));
        if (!channel) required(b.channel);
        else command = { type: 'request_consent', on, channel };
        break;
      }
      const answer = choiceOf(state, step === 'answer' ? b.answer : b.givenAction);
      if (answer === 'given' || answer === 'update') {
        const agreement = readAgreement(state, errors);
        if (agreement) {
          const formReference = textOf(state, b.formReference);
          const childView = textOf(state, b.childView);
          command = {
            type: 'record_consent_given',
            on,
            ...agreement,
            hasFormReference: Boolean(formReference),
            hasChildView: Boolean(childView),
          };
          notes.consentFormReference = formReference;
          notes.childView = childView;
        }
      } else if (answer === 'refused') {
        command = {
          type: 'record_consent_refused',
          on,
          reason: oneOf(REFUSAL_REASONS, choiceOf(state, b.refusalCode)),
        };
        notes.consentRefusalReason = textOf(state, b.refusalReason);
      } else if (answer === 'withdraw') command = { type: 'withdraw_consent', on };
      else required(step === 'answer' ? b.answer : b.givenAction);
      break;
    }
    case 'orient': {
      const on = day();
      const actionIds = choicesOf(state, b.actions);
      const uncoveredNeeds = choicesOf(state, b.uncoveredNeeds).filter((a): a is Axis => oneOf(AXES, a) !== undefined);
      const prestation = readPrestation(state, errors, ctx.prestations);
      if (actionIds.some((id) => !ctx.activeActions.includes(id))) errors[b.actions] = frCase.rejection.wrong_status;
      else if (prestation === undefined || Object.keys(errors).length > 0) break;
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
      break;
    }
    case 'progress': {
      const on = day();
      const orientation = ctx.orientations.find((o) => o.id === choiceOf(state, b.orientation));
      const step = choiceOf(state, b.step);
      const result = oneOf(RESULTS, choiceOf(state, b.result));
      if (!orientation) required(b.orientation);
      else if (step === 'start') {
        command = { type: 'start_orientation', orientationId: orientation.id, actionId: orientation.actionId, on };
      } else if (step === 'end') {
        if (!result) errors[b.result] = frCase.modal.outcomeRequired;
        else
          command = {
            type: 'end_orientation',
            orientationId: orientation.id,
            actionId: orientation.actionId,
            on,
            result,
          };
      } else if (step === 'not_started') {
        const reason = oneOf(NOT_STARTED_REASONS, choiceOf(state, b.notStartedReason));
        if (!reason) errors[b.notStartedReason] = frCase.modal.required;
        else
          command = {
            type: 'orientation_not_started',
            orientationId: orientation.id,
            actionId: orientation.actionId,
            on,
            reason,
          };
      } else required(b.step);
      break;
    }
    case 'evaluate': {
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
      break;
    }
    case 'parcours': {
      const referentUserId = userOf(state, b.referent);
      const exceptionReason = oneOf(PARCOURS_EXCEPTION_REASONS, choiceOf(state, b.exceptionReason));
      const on = day();
      if (!referentUserId || !/^[UW][A-Z0-9]{2,31}$/.test(referentUserId)) required(b.referent);
      if (!exceptionReason) required(b.exceptionReason);
      if (referentUserId && exceptionReason)
        command = { type: 'enter_parcours', on, referentUserId, nextReviewOn: ctx.reviewAfter(on), exceptionReason };
      break;
    }
    case 'referent': {
      const referentUserId = userOf(state, b.referent);
      if (!referentUserId || !/^[UW][A-Z0-9]{2,31}$/.test(referentUserId)) required(b.referent);
      else command = { type: 'change_referent', referentUserId };
      break;
    }
    case 'objectives': {
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
      break;
    }
    case 'review': {
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
      break;
    }
    case 'informationPreoccupante': {
      const on = day();
      const parents = choiceOf(state, b.ipParents);
      const notInformedReason = oneOf(IP_NOT_INFORMED_REASONS, choiceOf(state, b.ipReason));
      if (parents !== 'yes' && parents !== 'no') required(b.ipParents);
      else if (parents === 'no' && !notInformedReason) errors[b.ipReason] = frCase.modal.ipReasonRequired;
      else
        command = {
          type: 'record_information_preoccupante',
          on,
          parentsInformed: parents === 'yes',
          ...(parents === 'no' ? { notInformedReason } : {}),
        };
      break;
    }
    case 'identity': {
      const ib = intakeBlocks;
      const checked = validateIdentity(
        {
          childFirstName: textOf(state, ib.childFirstName),
          childLastName: textOf(state, ib.childLastName),
          birthDate: dateOf(state, ib.birthDate),
          guardianName: textOf(state, ib.guardianName),
          guardianPhone: textOf(state, ib.guardianPhone),
          guardian2Name: textOf(state, ib.guardian2Name),
          guardian2Phone: textOf(state, ib.guardian2Phone),
          languages: textOf(state, ib.languages),
        },
        ctx.today,
      );
      if (!checked.ok) {
        for (const [field, code] of Object.entries(checked.errors))
          errors[ib[field as keyof typeof checked.errors]] = fr.intakeErrors[code];
      } else {
        command = { type: 'complete_identity', ageBand: checked.ageBand };
        Object.assign(notes, checked.identity);
      }
      break;
    }
    case 'close': {
      const reason = oneOf(CLOSURE_REASONS, choiceOf(state, b.reason));
      const other = textOf(state, b.otherReason);
      if (!reason) required(b.reason);
      else if (reason === 'other' && !other) errors[b.otherReason] = frCase.modal.otherRequired;
      else {
        command = { type: 'close', on: ctx.today, reason, hasNote: Boolean(other) };
        notes.closureNote = other;
      }
      break;
    }
  }
  if (Object.keys(errors).length > 0 || !command) return { errors };
  return { command, notes };
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

/** The agreement's record from the consent form; undefined (with inline errors) when it is incomplete. */
function readAgreement(state: ViewState, errors: Record<string, string>) {
  const form = oneOf(AGREEMENT_FORMS, choiceOf(state, b.agreementForm));
  const representatives: Representative[] = [];
  for (const n of [1, 2] as const) {
    const relationship = oneOf(RELATIONSHIPS, choiceOf(state, b.relationship(n)));
    if (relationship)
      representatives.push({ relationship, parentalAuthority: choicesOf(state, b.authority(n)).includes('yes') });
  }
  const placedWithAse = choicesOf(state, b.placedWithAse).includes('yes');
  const noticeGiven = choicesOf(state, b.notice).includes('yes');
  if (!form) errors[b.agreementForm] = frCase.modal.required;
  if (representatives.length === 0 && !placedWithAse) errors[b.relationship(1)] = frCase.modal.whoRequired;
  if (!noticeGiven) errors[b.notice] = frCase.modal.noticeRequired;
  if (!form || (representatives.length === 0 && !placedWithAse) || !noticeGiven) return undefined;
  return { form, representatives, placedWithAse, noticeGiven, scope: choicesOf(state, b.scope) };
}

/** A pathway form submitted: parse, let the rules decide, answer in the form when it did not go through. */
export function caseModalSubmitted(s: AppServices, kind: CaseModalKind) {
  return async ({ ack, body }: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const parsed = submissionSchema.safeParse(body);
    if (!parsed.success) {
      await ack({ response_action: 'errors', errors: { [ANCHOR[kind]]: frCase.rejection.wrong_status } });
      return;
    }
    const { reference, version } = parsed.data.view.private_metadata;
    const now = s.now();
    const [found, active] = await Promise.all([s.cases.load(reference), s.catalogue.active()]);
    if (!found) {
      await ack({ response_action: 'errors', errors: { [ANCHOR[kind]]: frCase.notFound } });
      return;
    }
    const result = read(kind, parsed.data.view.state.values, {
      consent: found.state.consent,
      orientations: found.state.orientations,
      activeActions: active.map((a) => a.id),
      operatorOf: new Map(active.map((a) => [a.id, a.operator])),
      prestations: s.lists.prestations,
      parcours: found.state.parcours,
      objectiveIds: {
        schooling: s.lists.objectives.schooling.map((o) => o.id),
        parenting: s.lists.objectives.parenting.map((o) => o.id),
        health: s.lists.objectives.health.map((o) => o.id),
      },
      reviewAfter: (on) => format(addMonths(parseISO(on), s.config.reviewMonths), 'yyyy-MM-dd'),
      today: localDay(now, s.config.timeZone),
    });
    if ('errors' in result) {
      await ack({ response_action: 'errors', errors: result.errors });
      return;
    }
    const outcome = await runCaseCommand(caseDeps(s), {
      reference,
      expectedVersion: version,
      userId: parsed.data.user.id,
      command: result.command,
      notes: result.notes,
      now,
    });
    const message = outcomeMessage(reference, outcome);
    // A date that contradicts the case's history is answered beside the date itself.
    const anchor = outcome.kind === 'rejected' && outcome.limit ? b.date : ANCHOR[kind];
    if (message) await ack({ response_action: 'errors', errors: { [anchor]: message } });
    else await ack();
    s.kickOutbox();
  };
}
