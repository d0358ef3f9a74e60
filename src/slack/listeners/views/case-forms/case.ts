import { type CaseCommand, CLOSURE_REASONS, IP_NOT_INFORMED_REASONS } from '../../../../domain/pathway.js';
import { validateIdentity } from '../../../../domain/referral.js';
import { fr, frCase } from '../../../../i18n/fr.js';
import { intakeBlocks } from '../../../ids.js';
import { choiceOf, dateOf, textOf } from '../../../view-state.js';
import { caseBlocks as b } from '../../../views/case-modals.js';
import { type FormReading, oneOf } from './reading.js';

export function readInformationPreoccupante(f: FormReading): CaseCommand | undefined {
  const { state, errors, day, required } = f;
  let command: CaseCommand | undefined;
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
  return command;
}

export function readIdentity(f: FormReading): CaseCommand | undefined {
  const { state, ctx, errors, notes } = f;
  let command: CaseCommand | undefined;
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
  return command;
}

export function readClose(f: FormReading): CaseCommand | undefined {
  const { state, errors, notes, day, required } = f;
  let command: CaseCommand | undefined;
  const on = day();
  const reason = oneOf(CLOSURE_REASONS, choiceOf(state, b.reason));
  const other = textOf(state, b.otherReason);
  if (!reason) required(b.reason);
  else if (reason === 'other' && !other) errors[b.otherReason] = frCase.modal.otherRequired;
  else {
    command = { type: 'close', on, reason, hasNote: Boolean(other) };
    notes.closureNote = other;
  }
  return command;
}
