import {
  AGREEMENT_FORMS,
  type CaseCommand,
  CONSENT_CHANNELS,
  REFUSAL_REASONS,
  RELATIONSHIPS,
  type Representative,
} from '../../../../domain/pathway.js';
import { frCase } from '../../../../i18n/fr.js';
import { choiceOf, choicesOf, textOf, type ViewState } from '../../../view-state.js';
import { caseBlocks as b, consentStep } from '../../../views/case-modals.js';
import { type FormReading, oneOf } from './reading.js';

export function readConsent(f: FormReading): CaseCommand | undefined {
  const { state, ctx, errors, notes, day, required } = f;
  let command: CaseCommand | undefined;
  const on = day();
  const step = consentStep(ctx.consent);
  if (step === 'request') {
    const channel = oneOf(CONSENT_CHANNELS, choiceOf(state, b.channel));
    if (!channel) required(b.channel);
    else command = { type: 'request_consent', on, channel };
    return command;
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
  return command;
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
