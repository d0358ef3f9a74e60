import type { InputBlock, ModalView } from '@slack/types';
import { AXES } from '../../../domain/axes.js';
import type { CaseSummary } from '../../../domain/case-summary.js';
import type { Lists } from '../../../domain/lists.js';
import {
  CLOSURE_REASONS,
  OBJECTIVE_RATINGS,
  type Objective,
  PARCOURS_EXCEPTION_REASONS,
  PARCOURS_NEXT_STEPS,
} from '../../../domain/pathway.js';
import { fr, frCase } from '../../../i18n/fr.js';
import { caseModals, VALUE_ACTION } from '../../ids.js';
import { mrkdwn, option, plain } from '../block-kit.js';
import { caseBlocks, date, input, m, modal, radios, text } from './common.js';

/** Entrée en parcours outside an EPS meeting: the coordinator's exception, its reason, the référent named. */
export function parcoursModal(summary: CaseSummary, today: string): ModalView {
  return modal(caseModals.parcours, m.parcoursTitle, summary, [
    { type: 'section', text: mrkdwn(m.enterIntro) },
    { type: 'context', elements: [mrkdwn(m.exceptionIntro)] },
    input(caseBlocks.referent, m.referent, { type: 'users_select', action_id: VALUE_ACTION }),
    input(caseBlocks.exceptionReason, m.exceptionReason, {
      type: 'radio_buttons',
      action_id: VALUE_ACTION,
      options: PARCOURS_EXCEPTION_REASONS.map((r) => option(r, capitalise(frCase.parcoursException[r]))),
    }),
    date(today),
  ]);
}

/** "Changer de référent": the référent hands over, or a coordinator names another; a team member either way. */
export function referentModal(summary: CaseSummary): ModalView {
  return modal(caseModals.referent, m.referentTitle, summary, [
    { type: 'context', elements: [mrkdwn(m.referentIntro)] },
    input(caseBlocks.referent, m.referent, {
      type: 'users_select',
      action_id: VALUE_ACTION,
      ...(summary.assigneeUserId ? { initial_user: summary.assigneeUserId } : {}),
    }),
  ]);
}

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The objectives of a parcours: up to four, each an axis' label of the lists, with an optional level-1 detail. */
export function objectivesModal(
  summary: CaseSummary,
  objectives: Lists['objectives'],
  today: string,
  current: readonly Objective[],
): ModalView {
  const groups = AXES.map((axis) => ({
    label: plain(fr.axis[axis]),
    options: objectives[axis].map((o) => option(`${axis}:${o.id}`, o.label)),
  }));
  const rows = [1, 2, 3, 4].flatMap((n): InputBlock[] => {
    const known = current[n - 1];
    const initial = known
      ? groups.flatMap((g) => g.options).find((o) => o.value === `${known.axis}:${known.labelId}`)
      : undefined;
    return [
      input(
        caseBlocks.objective(n),
        m.objective(n),
        {
          type: 'static_select',
          action_id: VALUE_ACTION,
          option_groups: groups,
          ...(initial ? { initial_option: initial } : {}),
        },
        n > 1,
      ),
      { ...text(caseBlocks.objectiveDetail(n), m.objectiveDetail(n), 300), hint: plain(m.objectiveDetailHint) },
    ];
  });
  return modal(caseModals.objectives, m.objectivesTitle, summary, [
    { type: 'context', elements: [mrkdwn(m.objectivesIntro)] },
    input(caseBlocks.date, m.engagedOn, { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today }),
    ...rows,
  ]);
}

/** A bilan: each objective rated, the family's view, the next step (an exit closes the case). */
export function reviewModal(
  summary: CaseSummary,
  objectives: readonly Objective[],
  labels: (o: Objective) => string,
  today: string,
): ModalView {
  return modal(caseModals.review, m.reviewTitle, summary, [
    ...objectives.slice(0, 4).map((o, i) =>
      radios(
        caseBlocks.rating(i + 1),
        m.rating(labels(o)),
        OBJECTIVE_RATINGS.map((r) => [r, frCase.objectiveRating[r]]),
      ),
    ),
    { ...text(caseBlocks.familyView, m.familyView, 1000, true), hint: plain(m.familyViewHint) },
    date(today),
    radios(
      caseBlocks.parcoursNext,
      m.parcoursNextLabel,
      PARCOURS_NEXT_STEPS.map((n) => [n, frCase.parcoursNext[n]]),
    ),
    radios(
      caseBlocks.exitReason,
      m.exitReason,
      CLOSURE_REASONS.map((r) => [r, frCase.closureReason[r].replace(' (préciser)', '')]),
      true,
    ),
  ]);
}
