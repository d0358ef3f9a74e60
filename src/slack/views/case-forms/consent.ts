import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import type { CaseSummary } from '../../../domain/case-summary.js';
import { frenchDay } from '../../../domain/dates.js';
import { type Partner, partnersOf } from '../../../domain/partners.js';
import {
  AGREEMENT_FORMS,
  type Agreement,
  agreementToComplete,
  CONSENT_CHANNELS,
  type ConsentStatus,
  REFUSAL_REASONS,
  RELATIONSHIPS,
} from '../../../domain/pathway.js';
import { frCase } from '../../../i18n/fr.js';
import { caseModals, VALUE_ACTION } from '../../ids.js';
import { mrkdwn, option, plain } from '../block-kit.js';
import { caseBlocks, date, input, m, modal, radios, text } from './common.js';

/** What the consent modal asks depends on where consent stands. */
export type ConsentStep = 'request' | 'answer' | 'given';
export function consentStep(consent: ConsentStatus): ConsentStep {
  if (consent === 'requested') return 'answer';
  if (consent === 'given') return 'given';
  return 'request';
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

/** The partners an agreement may cover, one entry each (domain/partners.ts). */
export function scopeChoices(
  catalogue: readonly { operator: string }[],
  institutions: readonly { id: string; label: string }[],
): Partner[] {
  return partnersOf(
    catalogue.map((a) => a.operator),
    institutions,
  );
}

/** The agreement's record: form, who agreed, the notice, the partners it covers, the child's view. */
function agreementBlocks(scope: Partner[], current: Agreement | undefined): KnownBlock[] {
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

/**
 * The agreement in force: updated or withdrawn. The agreement the referrer received is completed here instead (its
 * day kept), not asked for again.
 */
function givenBlocks(scope: Partner[], today: string, current: Agreement | undefined): KnownBlock[] {
  const completing = current && agreementToComplete(current) ? current : undefined;
  const update = option('update', completing ? m.givenComplete : m.givenUpdate);
  return [
    ...(completing
      ? [{ type: 'context' as const, elements: [mrkdwn(m.completeAgreement(frenchDay(completing.on)))] }]
      : []),
    input(caseBlocks.givenAction, m.givenAction, {
      type: 'radio_buttons',
      action_id: VALUE_ACTION,
      options: [update, option('withdraw', m.givenWithdraw)],
      ...(completing ? { initial_option: update } : {}),
    }),
    date(completing?.on ?? today),
    ...agreementBlocks(scope, current),
    { type: 'context', elements: [mrkdwn(`:warning: ${m.withdrawNotice}`)] },
  ];
}

export function consentModal(summary: CaseSummary, scope: Partner[], today: string, current?: Agreement): ModalView {
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
        : givenBlocks(scope, today, current);
  return modal(caseModals.consent, m.consentTitle, summary, blocks);
}
