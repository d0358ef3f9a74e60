import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { AXES } from '../../domain/axes.js';
import type { Lists } from '../../domain/lists.js';
import { OTHER_SCHOOL, UNKNOWN_NEIGHBOURHOOD } from '../../domain/lists.js';
import {
  AGE_BANDS,
  CLASS_LEVELS,
  FAMILY_AGREEMENTS,
  type FamilyAgreement,
  hasAgreed,
  NAME_MAX,
  SERVICES,
  SEXES,
  SITUATION_MAX,
  TEXT_MAX,
} from '../../domain/referral.js';
import { fr } from '../../i18n/fr.js';
import { actions, intakeBlocks as b, callbacks, VALUE_ACTION } from '../ids.js';
import { mrkdwn, option, plain } from './block-kit.js';

export interface IntakePrefill {
  institution?: string;
  role?: string;
  situation?: string;
}

const t = fr.intake;

function input(blockId: string, label: string, element: InputBlock['element'], extra: Partial<InputBlock> = {}) {
  return { type: 'input', block_id: blockId, label: plain(label), element, ...extra } as InputBlock;
}

function text(maxLength: number, extra: Record<string, unknown> = {}) {
  return { type: 'plain_text_input', action_id: VALUE_ACTION, max_length: maxLength, ...extra } as const;
}

/**
 * The intake form. Every input is a block whose id is in ids.ts, so errors can point at it. Its first question is
 * the family's agreement, and the form follows the answer: with the agreement, the child's and family's identity;
 * without it, a *situation à examiner* with no identity at all (age band instead of birth date). Before an answer,
 * only the question.
 */
export function intakeModal(lists: Lists, prefill: IntakePrefill = {}, agreement?: FamilyAgreement): ModalView {
  const institutions = lists.institutions.map((i) => option(i.id, i.label));
  const initialInstitution = institutions.find((o) => o.value === prefill.institution);
  // A situation prefilled from a message may exceed the field's cap; Slack rejects an initial value over max_length.
  const situation = prefill.situation?.slice(0, SITUATION_MAX);

  const agreed = hasAgreed(agreement);
  const agreementOptions = FAMILY_AGREEMENTS.map((a) => option(a, fr.familyAgreement[a]));
  const question = input(
    b.familyAgreement,
    t.familyAgreement,
    {
      type: 'radio_buttons',
      action_id: actions.familyAgreement,
      options: agreementOptions,
      ...(agreement ? { initial_option: agreementOptions.find((o) => o.value === agreement) } : {}),
    },
    { dispatch_action: true, hint: plain(t.familyAgreementHint) },
  );
  const header: KnownBlock[] = [
    { type: 'context', elements: [mrkdwn(t.emergency)] },
    { type: 'context', elements: [mrkdwn(t.confidentiality)] },
    question,
  ];
  // A text brought from a message ("Repérer ce message") waits in the form while the question is answered.
  if (!agreement)
    return modal([
      ...header,
      ...(situation
        ? [
            input(b.situation, t.situation, text(SITUATION_MAX, { multiline: true, initial_value: situation }), {
              hint: plain(t.situationHint),
            }),
          ]
        : []),
    ]);

  // The agreement the referrer received is the agreement's first record: its day, when it was not today.
  const agreementDay: KnownBlock[] = agreed
    ? [
        input(
          b.agreementOn,
          t.agreementOn,
          { type: 'datepicker', action_id: VALUE_ACTION },
          { optional: true, hint: plain(t.agreementOnHint) },
        ),
      ]
    : [];
  const identity: KnownBlock[] = agreed
    ? [
        input(b.childFirstName, t.firstName, text(NAME_MAX)),
        input(b.childLastName, t.lastName, text(NAME_MAX)),
        input(b.birthDate, t.birthDate, { type: 'datepicker', action_id: VALUE_ACTION }),
      ]
    : [
        { type: 'context', elements: [mrkdwn(t.preReferralNotice)] },
        input(b.ageBand, t.ageBand, {
          type: 'radio_buttons',
          action_id: VALUE_ACTION,
          options: AGE_BANDS.map((a) => option(a, fr.ageBand[a])),
        }),
      ];
  const family: KnownBlock[] = agreed
    ? [
        { type: 'header', text: plain(t.familyHeader) },
        input(b.guardianName, t.guardianName, text(NAME_MAX)),
        input(b.guardianPhone, t.phone, text(40), { optional: true, hint: plain(t.phoneHint) }),
        input(b.guardian2Name, t.guardian2Name, text(NAME_MAX), { optional: true }),
        input(b.guardian2Phone, t.guardian2Phone, text(40), { optional: true, hint: plain(t.phoneHint) }),
        input(b.languages, t.languages, text(TEXT_MAX), { optional: true }),
      ]
    : [];

  const blocks: KnownBlock[] = [
    ...header,
    ...agreementDay,
    { type: 'header', text: plain(t.childHeader) },
    ...identity,
    input(
      b.sex,
      t.sex,
      { type: 'radio_buttons', action_id: VALUE_ACTION, options: SEXES.map((s) => option(s, fr.sex[s])) },
      { optional: true },
    ),
    input(b.schoolId, t.school, {
      type: 'static_select',
      action_id: VALUE_ACTION,
      placeholder: plain(t.schoolPlaceholder),
      options: [...lists.schools.map((s) => option(s.id, s.label)), option(OTHER_SCHOOL, fr.otherSchool)],
    }),
    input(b.schoolOther, t.schoolOther, text(TEXT_MAX), { optional: true, hint: plain(t.schoolOtherHint) }),
    input(b.classLevel, t.classLevel, {
      type: 'static_select',
      action_id: VALUE_ACTION,
      placeholder: plain(t.classLevelPlaceholder),
      options: CLASS_LEVELS.map((c) => option(c, fr.classLevel[c])),
    }),
    input(b.neighbourhood, t.neighbourhood, {
      type: 'static_select',
      action_id: VALUE_ACTION,
      placeholder: plain(t.neighbourhoodPlaceholder),
      options: [
        ...lists.neighbourhoods.map((n) => option(n.id, n.label)),
        option(UNKNOWN_NEIGHBOURHOOD, fr.unknownNeighbourhood),
      ],
    }),
    ...family,
    input(
      b.interpreterNeeded,
      t.interpreter,
      { type: 'checkboxes', action_id: VALUE_ACTION, options: [option('yes', t.interpreterOption)] },
      { optional: true },
    ),
    { type: 'header', text: plain(t.situationHeader) },
    input(b.axes, t.axes, {
      type: 'checkboxes',
      action_id: VALUE_ACTION,
      options: AXES.map((a) => option(a, fr.axis[a])),
    }),
    ...AXES.map((axis) =>
      input(
        b[`difficulties.${axis}`],
        t.difficulties(fr.axis[axis]),
        {
          type: 'checkboxes',
          action_id: VALUE_ACTION,
          options: lists.difficulties[axis].map((d) => option(d.id, d.label)),
        },
        { optional: true },
      ),
    ),
    ...(agreed ? [] : [{ type: 'context' as const, elements: [mrkdwn(t.noNamesWarning)] }]),
    input(b.situation, t.situation, text(SITUATION_MAX, { multiline: true, initial_value: situation }), {
      hint: plain(t.situationHint),
    }),
    input(
      b.services,
      t.services,
      { type: 'checkboxes', action_id: VALUE_ACTION, options: SERVICES.map((s) => option(s, fr.service[s])) },
      { optional: true },
    ),
    { type: 'header', text: plain(t.referrerHeader) },
    input(b.referrerInstitution, t.institution, {
      type: 'static_select',
      action_id: VALUE_ACTION,
      placeholder: plain(t.institutionPlaceholder),
      options: institutions,
      ...(initialInstitution ? { initial_option: initialInstitution } : {}),
    }),
    input(
      b.referrerRole,
      t.role,
      text(NAME_MAX, { placeholder: plain(t.rolePlaceholder), initial_value: prefill.role?.slice(0, NAME_MAX) }),
    ),
  ];

  return modal(blocks);
}

function modal(blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: callbacks.intake,
    title: plain(t.title),
    submit: plain(t.submit),
    close: plain(t.close),
    blocks: blocks.map(dropUndefined),
  };
}

function dropUndefined<T>(block: T): T {
  return JSON.parse(JSON.stringify(block)) as T;
}
