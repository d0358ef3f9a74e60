import type { IntakeValues } from '../../src/domain/referral.js';
import { intakeBlocks as b } from '../../src/slack/ids.js';
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
} as const;

export const CHANNELS = {
  cellule: 'CCELLULE1',
  schooling: 'CGSCHOOL1',
  parenting: 'CGPARENT1',
  health: 'CGHEALTH1',
} as const;

/**
 * Who is in the cellule's private channel (the emulator refuses an ephemeral there to anyone else): its team, the
 * coordinator, and a partner's social worker invited to the channel without any role in the app.
 */
export const CHANNEL_MEMBERS: Record<string, readonly string[]> = {
  [CHANNELS.cellule]: [USERS.team, USERS.coordinator, USERS.socialWorker],
};

/** A complete, valid intake form (values by block id), every level-1 field a canary. */
export function intakeForm(overrides: Record<string, FormValue> = {}): Record<string, FormValue> {
  return {
    [b.childFirstName]: canary('Prénom'),
    [b.childLastName]: canary('Nom'),
    [b.birthDate]: plantDate('2016-05-14'),
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
    [b.familyInformed]: 'yes',
    [b.referrerInstitution]: 'en-ecole',
    [b.referrerRole]: 'Enseignante CM1',
    ...overrides,
  };
}

/** The same referral as the domain sees it (raw form values before validation). */
export function intakeValues(overrides: Partial<IntakeValues> = {}): IntakeValues {
  return {
    childFirstName: canary('Prénom'),
    childLastName: canary('Nom'),
    birthDate: plantDate('2016-05-14'),
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
    familyInformed: 'yes',
    referrerInstitution: 'en-ecole',
    referrerRole: 'Enseignante CM1',
    ...overrides,
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
