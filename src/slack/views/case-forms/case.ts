import type { InputBlock, ModalView } from '@slack/types';
import type { CaseSummary } from '../../../domain/case-summary.js';
import { CLOSURE_REASONS, IP_NOT_INFORMED_REASONS } from '../../../domain/pathway.js';
import { NAME_MAX, TEXT_MAX } from '../../../domain/referral.js';
import { fr, frCase } from '../../../i18n/fr.js';
import { caseModals, intakeBlocks, VALUE_ACTION } from '../../ids.js';
import { mrkdwn, plain } from '../block-kit.js';
import { caseBlocks, date, input, m, modal, radios, text } from './common.js';

export function closeModal(summary: CaseSummary, today: string): ModalView {
  return modal(caseModals.close, m.closeTitle, summary, [
    // The day the case ended (a move, the last meeting…), which the exits count; today unless said otherwise.
    date(today),
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
