import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { AXES } from '../../domain/axes.js';
import type { CaseSummary } from '../../domain/case-summary.js';
import type { Lists } from '../../domain/lists.js';
import {
  AGREEMENT_FORMS,
  type Agreement,
  CLOSURE_REASONS,
  CONSENT_CHANNELS,
  type ConsentStatus,
  FUNDERS,
  IP_NOT_INFORMED_REASONS,
  institutionScopeKey,
  isActiveOrientation,
  NOT_STARTED_REASONS,
  OBJECTIVE_RATINGS,
  type Objective,
  type Orientation,
  operatorScopeKey,
  PARCOURS_EXCEPTION_REASONS,
  PARCOURS_NEXT_STEPS,
  REFUSAL_REASONS,
  RELATIONSHIPS,
  RESULTS,
} from '../../domain/pathway.js';
import { NAME_MAX, TEXT_MAX } from '../../domain/referral.js';
import { fr, frCase } from '../../i18n/fr.js';
import { caseModals, intakeBlocks, VALUE_ACTION } from '../ids.js';
import { mrkdwn, option, plain } from './block-kit.js';

const m = frCase.modal;

/** Block ids of the pathway modals. */
export const caseBlocks = {
  date: 'case_date',
  channel: 'consent_channel',
  answer: 'consent_answer',
  scope: 'consent_scope',
  formReference: 'consent_form_reference',
  refusalReason: 'consent_refusal_reason',
  refusalCode: 'consent_refusal_code',
  givenAction: 'consent_given_action',
  agreementForm: 'consent_form',
  relationship: (n: 1 | 2) => `consent_rep${n}_relationship`,
  authority: (n: 1 | 2) => `consent_rep${n}_authority`,
  placedWithAse: 'consent_placed_ase',
  notice: 'consent_notice',
  childView: 'consent_child_view',
  actions: 'orient_actions',
  prestation: 'orient_prestation',
  prestationCost: 'orient_prestation_cost',
  prestationFunder: 'orient_prestation_funder',
  uncoveredNeeds: 'orient_uncovered_needs',
  orientation: 'progress_orientation',
  step: 'progress_step',
  result: 'progress_result',
  notStartedReason: 'progress_not_started_reason',
  referent: 'parcours_referent',
  exceptionReason: 'parcours_exception_reason',
  objective: (n: number) => `parcours_objective_${n}`,
  objectiveDetail: (n: number) => `parcours_objective_detail_${n}`,
  rating: (n: number) => `parcours_rating_${n}`,
  familyView: 'parcours_family_view',
  parcoursNext: 'parcours_next',
  exitReason: 'parcours_exit_reason',
  ipParents: 'ip_parents_informed',
  ipReason: 'ip_not_informed_reason',
  caseResult: 'evaluate_case_result',
  orientationResult: (index: number) => `evaluate_orientation_${index}`,
  next: 'evaluate_next',
  reason: 'close_reason',
  otherReason: 'close_other',
} as const;

export interface ActionChoice {
  id: string;
  title: string;
}

const input = (blockId: string, label: string, element: InputBlock['element'], optional = false): InputBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  element,
  optional,
});
const date = (today: string) =>
  input(caseBlocks.date, m.date, { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today });
const radios = (blockId: string, label: string, options: [string, string][], optional = false) =>
  input(
    blockId,
    label,
    { type: 'radio_buttons', action_id: VALUE_ACTION, options: options.map(([v, t]) => option(v, t)) },
    optional,
  );
const text = (blockId: string, label: string, max: number, multiline = false) =>
  input(blockId, label, { type: 'plain_text_input', action_id: VALUE_ACTION, max_length: max, multiline }, true);

function modal(callbackId: string, title: string, summary: CaseSummary, blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title),
    submit: plain(m.save),
    close: plain(m.cancel),
    // The version the user saw: a change by someone else in the meantime is refused, never overwritten.
    private_metadata: `${summary.reference}@${summary.version}`,
    blocks: [
      { type: 'context', elements: [mrkdwn(m.caseLine(summary.reference, fr.status[summary.status]))] },
      ...blocks,
    ],
  };
}

/** What the consent modal asks depends on where consent stands. */
export type ConsentStep = 'request' | 'answer' | 'given';
export function consentStep(consent: ConsentStatus): ConsentStep {
  if (consent === 'requested') return 'answer';
  if (consent === 'given') return 'given';
  return 'request';
}

/** A partner the family may allow information to be shared with: a catalogue operator or an institution. */
export interface ScopeChoice {
  key: string;
  label: string;
}

const checkbox = (blockId: string, label: string, optionText: string, checked: boolean): InputBlock => {
  const only = option('yes', optionText);
  return input(
    blockId,
    label,
    { type: 'checkboxes', action_id: VALUE_ACTION, options: [only], ...(checked ? { initial_options: [only] } : {}) },
    true,
  );
};

/**
 * The partners an agreement may cover: the operators of the catalogue's actions (an orientation needs its operator
 * in the scope), then the institutions of the lists (the referrer's among them).
 */
export function scopeChoices(
  catalogue: readonly { operator: string }[],
  institutions: readonly { id: string; label: string }[],
): ScopeChoice[] {
  const operators = [...new Set(catalogue.map((a) => a.operator))].sort((a, b) => a.localeCompare(b, 'fr'));
  return [
    ...operators.map((o) => ({ key: operatorScopeKey(o), label: m.operatorChoice(o) })),
    ...institutions.map((i) => ({ key: institutionScopeKey(i.id), label: i.label })),
  ];
}

/** The agreement's record: form, who agreed, the notice, the partners it covers, the child's view. */
function agreementBlocks(scope: ScopeChoice[], current: Agreement | undefined): KnownBlock[] {
  const forms = AGREEMENT_FORMS.map((f) => option(f, f === 'written' ? m.agreementFormWritten : m.agreementFormOral));
  const scopeOptions = scope.slice(0, 100).map((c) => option(c.key, c.label));
  const chosenScope = scopeOptions.filter((o) => current?.scope.includes(o.value ?? ''));
  const representative = (n: 1 | 2): InputBlock[] => {
    const options = RELATIONSHIPS.map((r) => option(r, m.relationship[r]));
    const known = current?.representatives[n - 1];
    const initial = options.find((o) => o.value === known?.relationship);
    return [
      input(
        caseBlocks.relationship(n),
        m.representative(n),
        { type: 'static_select', action_id: VALUE_ACTION, options, ...(initial ? { initial_option: initial } : {}) },
        true,
      ),
      checkbox(
        caseBlocks.authority(n),
        m.parentalAuthority(n),
        m.parentalAuthorityOption,
        Boolean(known?.parentalAuthority),
      ),
    ];
  };
  const form = forms.find((o) => o.value === current?.form);
  return [
    input(caseBlocks.agreementForm, m.agreementForm, {
      type: 'radio_buttons',
      action_id: VALUE_ACTION,
      options: forms,
      ...(form ? { initial_option: form } : {}),
    }),
    ...representative(1),
    ...representative(2),
    checkbox(caseBlocks.placedWithAse, m.placedWithAse, m.placedWithAseOption, Boolean(current?.placedWithAse)),
    checkbox(caseBlocks.notice, m.notice, m.noticeOption, Boolean(current?.noticeGiven)),
    {
      ...input(
        caseBlocks.scope,
        m.scope,
        {
          type: 'multi_static_select',
          action_id: VALUE_ACTION,
          options: scopeOptions,
          ...(chosenScope.length > 0 ? { initial_options: chosenScope } : {}),
        },
        true,
      ),
      hint: plain(m.scopeHint),
    },
    { ...text(caseBlocks.childView, m.childView, 1000, true), hint: plain(m.childViewHint) },
    text(caseBlocks.formReference, m.formReference, 100),
  ];
}

export function consentModal(
  summary: CaseSummary,
  scope: ScopeChoice[],
  today: string,
  current?: Agreement,
): ModalView {
  const step = consentStep(summary.consent);
  const blocks: KnownBlock[] =
    step === 'request'
      ? [
          date(today),
          radios(
            caseBlocks.channel,
            m.channel,
            CONSENT_CHANNELS.map((c) => [c, frCase.consentChannel[c]]),
          ),
        ]
      : step === 'answer'
        ? [
            radios(caseBlocks.answer, m.answer, [
              ['given', m.answerGiven],
              ['refused', m.answerRefused],
            ]),
            date(today),
            ...agreementBlocks(scope, undefined),
            radios(
              caseBlocks.refusalCode,
              m.refusalCode,
              REFUSAL_REASONS.map((r) => [r, frCase.refusalReason[r]]),
              true,
            ),
            text(caseBlocks.refusalReason, m.refusalReason, 500, true),
          ]
        : [
            radios(caseBlocks.givenAction, m.givenAction, [
              ['update', m.givenUpdate],
              ['withdraw', m.givenWithdraw],
            ]),
            date(today),
            ...agreementBlocks(scope, current),
            { type: 'context', elements: [mrkdwn(`:warning: ${m.withdrawNotice}`)] },
          ];
  return modal(caseModals.consent, m.consentTitle, summary, blocks);
}

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
        options: catalogue.slice(0, 100).map((a) => option(a.id, a.title)),
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

export function closeModal(summary: CaseSummary): ModalView {
  return modal(caseModals.close, m.closeTitle, summary, [
    radios(
      caseBlocks.reason,
      m.reason,
      CLOSURE_REASONS.map((r) => [r, frCase.closureReason[r]]),
    ),
    text(caseBlocks.otherReason, m.otherReason, 300, true),
  ]);
}

/** "Compléter l'identité": after the family's agreement, the référent records who the child and family are. */
export function identityModal(summary: CaseSummary): ModalView {
  const t = fr.intake;
  const b = intakeBlocks;
  const field = (blockId: string, label: string, max: number, optional = false, hint?: string): InputBlock => ({
    ...input(blockId, label, { type: 'plain_text_input', action_id: VALUE_ACTION, max_length: max }, optional),
    ...(hint ? { hint: plain(hint) } : {}),
  });
  return modal(caseModals.identity, m.identityTitle, summary, [
    { type: 'context', elements: [mrkdwn(m.identityIntro)] },
    field(b.childFirstName, t.firstName, NAME_MAX),
    field(b.childLastName, t.lastName, NAME_MAX),
    input(b.birthDate, t.birthDate, { type: 'datepicker', action_id: VALUE_ACTION }),
    field(b.guardianName, t.guardianName, NAME_MAX),
    field(b.guardianPhone, t.phone, 40, true, t.phoneHint),
    field(b.guardian2Name, t.guardian2Name, NAME_MAX, true),
    field(b.guardian2Phone, t.guardian2Phone, 40, true, t.phoneHint),
    field(b.languages, t.languages, TEXT_MAX, true),
  ]);
}

/** "Information préoccupante transmise": that it was sent, when, whether the parents were told — never its content. */
export function informationPreoccupanteModal(summary: CaseSummary, today: string): ModalView {
  return modal(caseModals.informationPreoccupante, m.ipTitle, summary, [
    { type: 'context', elements: [mrkdwn(m.ipIntro)] },
    date(today),
    radios(caseBlocks.ipParents, m.ipParents, [
      ['yes', m.ipParentsYes],
      ['no', m.ipParentsNo],
    ]),
    radios(
      caseBlocks.ipReason,
      m.ipReason,
      IP_NOT_INFORMED_REASONS.map((r) => [r, m.ipReasons[r]]),
      true,
    ),
  ]);
}

/** Entrée en parcours (the référent named, by default whoever examines the case), or a change of référent. */
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
