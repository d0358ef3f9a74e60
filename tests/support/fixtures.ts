import { format, parseISO, subMonths, subYears } from 'date-fns';
import { localDay, localYear } from '../../src/domain/dates.js';
import { operatorScopeKey } from '../../src/domain/pathway.js';
import type { IntakeValues } from '../../src/domain/referral.js';
import { intakeBlocks as b } from '../../src/slack/ids.js';
import { caseBlocks as cb } from '../../src/slack/views/case-modals.js';
import type { FormValue } from '../../src/slack-emulator/driver.js';
import type { SlackEmulator, StoredMessage } from '../../src/slack-emulator/emulator.js';
import { canary, plantDate, plantPhone } from './canary.js';

/** Users of the demo workspace. */
export const USERS = {
  teacher: 'UTEACH001',
  socialWorker: 'USOCIAL01',
  team: 'UTEAM0001',
  coordinator: 'UCOORD001',
  group: 'UGROUP001',
  /** A referent of the AFEV, a partner operator (a guest in its channel). */
  afev: 'UAFEV0001',
} as const;

export const CHANNELS = {
  cellule: 'CCELLULE1',
  schooling: 'CGSCHOOL1',
  parenting: 'CGPARENT1',
  health: 'CGHEALTH1',
  /** The AFEV's channel for liaison sheets (shared with the association). */
  afev: 'CAFEV0001',
  /** The channel of a reflection group beyond the three, added from Réglages. */
  earlyChildhood: 'CPETITE01',
} as const;

/**
 * Who is in the cellule's private channel (the emulator refuses an ephemeral there to anyone else): its team, the
 * coordinator, and a partner's social worker invited to the channel without any role in the app.
 */
export const CHANNEL_MEMBERS: Record<string, readonly string[]> = {
  [CHANNELS.cellule]: [USERS.team, USERS.coordinator, USERS.socialWorker],
};

/** Today and this year where the app counts them (Europe/Paris), on the real clock or `now`. */
export const parisToday = (now = new Date()) => localDay(now, 'Europe/Paris');
export const parisYear = (now = new Date()) => localYear(now, 'Europe/Paris');

/**
 * The birth date of a child who is 9 years and 3 months old on `on` (a day, or an instant read in Paris): always in
 * the 6–10 band, whatever year the tests run in, on the real clock or a test's own.
 */
export function birthDateOfNineYearOld(on: Date | string = new Date()): string {
  const day = typeof on === 'string' ? on : localDay(on, 'Europe/Paris');
  return format(subMonths(subYears(parseISO(day), 9), 3), 'yyyy-MM-dd');
}

/** A complete, valid intake form (values by block id), every level-1 field a canary; the child is 9 on `on`. */
export function intakeForm(overrides: Record<string, FormValue> = {}, on?: Date | string): Record<string, FormValue> {
  return {
    [b.childFirstName]: canary('Prénom'),
    [b.childLastName]: canary('Nom'),
    [b.birthDate]: plantDate(birthDateOfNineYearOld(on)),
    [b.sex]: 'girl',
    [b.schoolId]: 'elem-condorcet',
    [b.classLevel]: 'cm1',
    [b.neighbourhood]: 'quatre-chemins',
    [b.guardianName]: canary('Parent'),
    [b.guardianPhone]: plantPhone('06 48 27 93 15'),
    [b.languages]: canary('Langue'),
    [b.interpreterNeeded]: ['yes'],
    [b.axes]: ['schooling', 'health'],
    [b['difficulties.schooling']]: ['retard-apprentissages', 'absenteisme'],
    [b['difficulties.health']]: ['soins'],
    [b.situation]: `${canary('Situation')} absences répétées depuis la rentrée, fatigue en classe.`,
    [b.services]: ['pmi'],
    [b.familyAgreement]: 'agreed_written',
    [b.referrerInstitution]: 'en-ecole',
    [b.referrerRole]: 'Enseignante CM1',
    ...overrides,
  };
}

/**
 * A situation à examiner as the form sends it: the family informed (or not) but not agreeing yet, so no identity
 * field exists in the form; an age band instead.
 */
export function preReferralForm(
  agreement: 'informed' | 'not_informed' = 'informed',
  overrides: Record<string, FormValue> = {},
): Record<string, FormValue> {
  const { child_first_name, child_last_name, birth_date, guardian_name, guardian_phone, languages, ...rest } =
    intakeForm();
  return { ...rest, [b.familyAgreement]: agreement, [b.ageBand]: '6-10', ...overrides };
}

/** The same referral as the domain sees it (raw form values before validation); the child is 9 on `on`. */
export function intakeValues(overrides: Partial<IntakeValues> = {}, on?: Date | string): IntakeValues {
  return {
    childFirstName: canary('Prénom'),
    childLastName: canary('Nom'),
    birthDate: plantDate(birthDateOfNineYearOld(on)),
    sex: 'girl',
    schoolId: 'elem-condorcet',
    classLevel: 'cm1',
    neighbourhood: 'quatre-chemins',
    guardianName: canary('Parent'),
    guardianPhone: plantPhone('06 48 27 93 15'),
    languages: canary('Langue'),
    interpreterNeeded: true,
    axes: ['schooling', 'health'],
    difficulties: { schooling: ['retard-apprentissages'], health: ['soins'] },
    situation: `${canary('Situation')} absences répétées depuis la rentrée.`,
    services: ['pmi'],
    familyAgreement: 'agreed_written',
    referrerInstitution: 'en-ecole',
    referrerRole: 'Enseignante CM1',
    ...overrides,
  };
}

/**
 * The family's agreement as the consent form records it: written, a mother holding parental authority, the notice
 * given, and the partners it covers (catalogue operators by name).
 */
export function agreementAnswer(operators: readonly string[]): Record<string, FormValue> {
  return {
    [cb.agreementForm]: 'written',
    [cb.relationship(1)]: 'mother',
    [cb.authority(1)]: ['yes'],
    [cb.notice]: ['yes'],
    [cb.scope]: operators.map(operatorScopeKey),
  };
}

/** The case cards in the cellule channel (which also receives the weekly cross-axis digest). */
export function cardsIn(slack: SlackEmulator): StoredMessage[] {
  return slack.messagesIn(CHANNELS.cellule).filter((m) => /^Repérage PRE-\d{4}-\d{4,}$/.test(m.text ?? ''));
}

/** Messages the app posted about cases (cards, receipts, threads), digests left aside. */
export function casePosts(slack: SlackEmulator) {
  return slack
    .accepted('chat.postMessage')
    .filter((c) => !String(c.args.text ?? '').startsWith('Synthèse hebdomadaire'));
}
