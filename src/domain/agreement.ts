import { z } from 'zod';
import { endActiveOrientations } from './orientation.js';
import type { CaseState } from './pathway.js';
import type { AgeBand } from './referral.js';

/**
 * The family's agreement (DOMAIN.md): asked, given (written or oral, by whom, the notice, the partners it covers),
 * refused or withdrawn; each change a new version. Nothing past the examination happens without it.
 */

export const CONSENT_STATUSES = ['not_requested', 'requested', 'given', 'refused', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const CONSENT_CHANNELS = ['interview', 'phone', 'letter'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** Why a family said no, as a code (level 2): the free text, if any, is level 1 and erased with the rest. */
export const REFUSAL_REASONS = ['no_need_felt', 'already_supported', 'disagrees', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const AGREEMENT_FORMS = ['written', 'oral'] as const;
export type AgreementForm = (typeof AGREEMENT_FORMS)[number];

export const RELATIONSHIPS = ['mother', 'father', 'guardian', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Who agreed for the child (level 2: a relationship, never a name). */
export interface Representative {
  relationship: Relationship;
  parentalAuthority: boolean;
}

/**
 * The family's agreement as recorded (level 2). `scope` lists the partners the family allows information to be
 * shared with: `op:<operator>` for a catalogue operator, `in:<institution id>` for an institution of the lists.
 */
export interface Agreement {
  on: string;
  form: AgreementForm;
  representatives: Representative[];
  placedWithAse: boolean;
  noticeGiven: boolean;
  scope: string[];
  /**
   * Which record of the family's agreement this is: 1 for the first, then one more for each change (of scope,
   * form, signatories), each earlier version kept in the case's history. Set by the pathway, never by a form.
   */
  version?: number;
  /**
   * Received by the referrer at the referral (the family often agrees at school first): its day and form only, who
   * agreed and the partners it covers still to be completed by the team. Never set by a form.
   */
  atReferral?: boolean;
}

/** The family's agreement as the referrer received it, recorded with the referral (DOMAIN.md: it is never typed twice). */
export interface FirstAgreement {
  on: string;
  form: AgreementForm;
}

/** The agreement a referral's first event records ('referred', details.agreement), if it was made with one. */
export function referralAgreementOf(details: unknown): FirstAgreement | undefined {
  const parsed = z
    .object({ agreement: z.object({ on: z.iso.date(), form: z.enum(AGREEMENT_FORMS) }) })
    .safeParse(details);
  return parsed.success ? parsed.data.agreement : undefined;
}

/** The agreement in force from the referral on: the referrer's record, version 1, for the team to complete. */
export const agreementAtReferral = (first: FirstAgreement): Agreement => ({
  on: first.on,
  form: first.form,
  representatives: [],
  placedWithAse: false,
  noticeGiven: false,
  scope: [],
  version: 1,
  atReferral: true,
});

/** The agreement the referrer received, not completed by the team yet (who agreed, the partners it covers). */
export const agreementToComplete = (agreement: Agreement | undefined): boolean => agreement?.atReferral === true;

/** The scope key of a catalogue operator (its name, normalised) and of an institution of the lists. */
export const operatorScopeKey = (operator: string): string =>
  `op:${operator
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)}`;
export const institutionScopeKey = (institutionId: string): string => `in:${institutionId}`;

export type AgreementCommand =
  | { type: 'request_consent'; on: string; channel: ConsentChannel }
  | ({
      type: 'record_consent_given';
      hasFormReference: boolean;
      hasChildView?: boolean;
    } & Agreement)
  | { type: 'complete_identity'; ageBand?: AgeBand }
  | { type: 'record_consent_refused'; on: string; reason?: RefusalReason }
  | { type: 'withdraw_consent'; on: string };

export type AgreementRejection =
  | 'consent_required'
  | 'consent_not_requested'
  | 'consent_already_requested'
  | 'consent_not_given'
  | 'not_pre_referral'
  | 'wrong_status';

export function agreementGuard(state: CaseState, command: AgreementCommand): AgreementRejection | undefined {
  switch (command.type) {
    case 'request_consent':
      if (state.consent === 'requested') return 'consent_already_requested';
      if (state.consent === 'given') return 'wrong_status';
      return undefined;
    case 'record_consent_given':
      // An answer to a request, or an update of the agreement in force (scope, representatives, written form).
      return state.consent === 'requested' || state.consent === 'given' ? undefined : 'consent_not_requested';
    case 'record_consent_refused':
      return state.consent === 'requested' ? undefined : 'consent_not_requested';
    case 'complete_identity':
      if (!state.preReferral) return 'not_pre_referral';
      return state.consent === 'given' ? undefined : 'consent_required';
    case 'withdraw_consent':
      return state.consent === 'given' ? undefined : 'consent_not_given';
  }
}

/** `s` is the next state, being built from `state` (orientations already copied). */
export function applyAgreement(state: CaseState, s: CaseState, event: AgreementCommand & { actorId: string }): void {
  switch (event.type) {
    case 'request_consent':
      s.consent = 'requested';
      s.consentRequestedOn = event.on;
      if (s.status === 'referred') s.status = 'in_analysis';
      break;
    case 'record_consent_given': {
      const {
        type: _t,
        actorId: _a,
        hasFormReference: _f,
        hasChildView: _c,
        version: _v,
        atReferral: _r,
        ...agreement
      } = event;
      const previous = state.consent === 'given' ? state.agreement : undefined;
      s.consent = 'given';
      s.agreement = { ...agreement, version: previous ? (previous.version ?? 1) + 1 : 1 };
      // An operator the family no longer allows to be told: its orientations stop (or are cancelled) at once.
      endActiveOrientations(
        s,
        'scope_withdrawn',
        event.on,
        (o) => Boolean(o.operator) && !agreement.scope.includes(o.operator ?? ''),
      );
      break;
    }
    case 'complete_identity':
      s.preReferral = false;
      break;
    case 'record_consent_refused':
      s.consent = 'refused';
      s.agreement = undefined;
      break;
    case 'withdraw_consent':
      s.consent = 'withdrawn';
      s.agreement = undefined;
      endActiveOrientations(s, 'consent_withdrawn', event.on);
      s.status = 'in_analysis';
      break;
  }
}
