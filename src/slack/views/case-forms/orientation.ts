import type { ModalView } from '@slack/types';
import { AXES } from '../../../domain/axes.js';
import type { CaseSummary } from '../../../domain/case-summary.js';
import type { Lists } from '../../../domain/lists.js';
import {
  FUNDERS,
  isActiveOrientation,
  NOT_STARTED_REASONS,
  type Orientation,
  RESULTS,
} from '../../../domain/pathway.js';
import { fr, frCase } from '../../../i18n/fr.js';
import { caseModals, VALUE_ACTION } from '../../ids.js';
import { mrkdwn, option, plain, truncate } from '../block-kit.js';
import { type ActionChoice, caseBlocks, date, input, m, modal, radios, text } from './common.js';

/**
 * Orientation: catalogue actions first; a prestation individuelle (kind, cost, funder) only where none fits; and a
 * need that nothing answers is recorded as a besoin non couvert on its axis. At least one of the three.
 */
export function orientModal(
  summary: CaseSummary,
  catalogue: ActionChoice[],
  prestations: Lists['prestations'],
  today: string,
): ModalView {
  return modal(caseModals.orient, m.orientTitle, summary, [
    input(
      caseBlocks.actions,
      m.actions,
      {
        type: 'multi_static_select',
        action_id: VALUE_ACTION,
        // A static select shows at most 100 options; the catalogue is far smaller.
        options: catalogue.slice(0, 100).map((a) => ({
          ...option(a.id, a.title),
          ...(a.details ? { description: plain(truncate(a.details, 75)) } : {}),
        })),
      },
      true,
    ),
    { type: 'context', elements: [mrkdwn(m.actionsHint)] },
    input(
      caseBlocks.prestation,
      m.prestation,
      {
        type: 'static_select',
        action_id: VALUE_ACTION,
        options: prestations.slice(0, 100).map((p) => option(p.id, p.label)),
      },
      true,
    ),
    text(caseBlocks.prestationCost, m.prestationCost, 12),
    radios(
      caseBlocks.prestationFunder,
      m.prestationFunder,
      FUNDERS.map((f) => [f, frCase.funder[f]]),
      true,
    ),
    input(
      caseBlocks.uncoveredNeeds,
      m.uncoveredNeeds,
      {
        type: 'checkboxes',
        action_id: VALUE_ACTION,
        options: AXES.map((a) => option(a, fr.axis[a])),
      },
      true,
    ),
    { type: 'context', elements: [mrkdwn(m.uncoveredNeedsHint)] },
    date(today),
  ]);
}

const RESULT_OPTIONS = (): [string, string][] => RESULTS.map((r) => [r, frCase.result[r]]);

export function progressModal(
  summary: CaseSummary,
  orientations: Orientation[],
  titles: ReadonlyMap<string, string>,
  today: string,
): ModalView {
  const open = orientations.filter(isActiveOrientation);
  return modal(caseModals.progress, m.progressTitle, summary, [
    input(caseBlocks.orientation, m.orientation, {
      type: 'static_select',
      action_id: VALUE_ACTION,
      options: open
        .slice(0, 100)
        .map((o) => option(o.id, `${titles.get(o.actionId) ?? o.actionId} (${frCase.orientationStatus[o.status]})`)),
    }),
    radios(caseBlocks.step, m.step, [
      ['start', m.stepStart],
      ['end', m.stepEnd],
      ['not_started', m.stepNotStarted],
    ]),
    date(today),
    radios(caseBlocks.result, m.outcome, RESULT_OPTIONS(), true),
    radios(
      caseBlocks.notStartedReason,
      m.notStartedReason,
      NOT_STARTED_REASONS.map((r) => [r, frCase.notStartedReason[r]]),
      true,
    ),
  ]);
}

export function evaluateModal(
  summary: CaseSummary,
  orientations: Orientation[],
  titles: ReadonlyMap<string, string>,
  today: string,
): ModalView {
  // One result per orientation still running; ten at most keeps the form readable (and far from 100 blocks).
  const running = orientations.filter(isActiveOrientation).slice(0, 10);
  return modal(caseModals.evaluate, m.evaluateTitle, summary, [
    radios(caseBlocks.caseResult, m.caseResult, RESULT_OPTIONS()),
    ...running.map((o, i) =>
      radios(
        caseBlocks.orientationResult(i),
        m.orientationResult(titles.get(o.actionId) ?? o.actionId),
        RESULT_OPTIONS(),
        true,
      ),
    ),
    date(today),
    radios(caseBlocks.next, m.next, [
      ['continue', m.nextContinue],
      ['close', m.nextClose],
    ]),
  ]);
}
