// The sandbox's demo workspace: fictional members, channels and children. Nothing here is real data.
import { type FamilyAgreement, hasAgreed } from '../domain/referral.js';
import type { Role } from '../domain/roles.js';
import { intakeBlocks as b } from '../slack/ids.js';
import type { FormValue } from '../slack-emulator/driver.js';

export const DEMO_CHANNELS = {
  general: { id: 'CDEMOGEN01', name: 'general' },
  cellule: { id: 'CDEMOCEL01', name: 'cellule-de-veille' },
  schooling: { id: 'CDEMOSCO01', name: 'groupe-scolarite' },
  parenting: { id: 'CDEMOPAR01', name: 'groupe-parentalite' },
  health: { id: 'CDEMOSAN01', name: 'groupe-sante' },
  /** A partner operator's channel (shared with the association): liaison sheets, no names. */
  afev: { id: 'CDEMOAFE01', name: 'afev-fiches-de-liaison' },
} as const;

type DemoChannel = keyof typeof DEMO_CHANNELS;

export interface DemoMember {
  id: string;
  name: string;
  /** Roles granted at the first start (the coordinator is one by configuration). */
  roles: Role[];
  institution?: string;
  /** The channels the member belongs to: the page shows no other (the cellule's channel is private). */
  channels: readonly DemoChannel[];
}

export const DEMO_MEMBERS = {
  teacher: { id: 'UDEMOENS01', name: 'Claire Martin — professeure des écoles', roles: [], channels: ['general'] },
  cellule: {
    id: 'UDEMOCEL01',
    name: 'Karim Diallo — cellule de veille',
    roles: ['team'],
    institution: 'pre',
    channels: ['general', 'cellule'],
  },
  coordinator: {
    id: 'UDEMOCOO01',
    name: 'Sophie Benali — coordinatrice du PRE',
    roles: [],
    institution: 'pre',
    channels: ['general', 'cellule', 'schooling', 'parenting', 'health', 'afev'],
  },
  group: {
    id: 'UDEMOGRP01',
    name: 'Julien Lefèvre — groupe « scolarité »',
    roles: ['group'],
    institution: 'ville-enfance',
    channels: ['general', 'schooling'],
  },
  /** A referent of the AFEV (an operator): no role in the app, only its own liaison sheets. */
  operator: {
    id: 'UDEMOAFE01',
    name: 'Inès Moreau — AFEV (opérateur)',
    roles: [],
    channels: ['afev'],
  },
} as const satisfies Record<string, DemoMember>;

/** The ids of the channels `userId` belongs to, in the sidebar's order. */
export function channelsOf(userId: string): string[] {
  const member = Object.values(DEMO_MEMBERS).find((m) => m.id === userId);
  const mine = new Set<string>(member?.channels ?? []);
  return Object.entries(DEMO_CHANNELS)
    .filter(([key]) => mine.has(key))
    .map(([, c]) => c.id);
}

export interface DemoReferral {
  /** Days before the sandbox's first start. */
  daysAgo: number;
  /** Whether the cellule took the case on (a coordinator's click). */
  taken: boolean;
  /** Then the family's agreement, the entrée en parcours and its objectives (the cellule member as référent). */
  parcours?: boolean;
  form: Record<string, FormValue>;
}

/** A fictional referral form (values by block id), as the demo teacher would fill it. */
function form(
  child: { first: string; last: string; born: string; sex: 'girl' | 'boy'; school: string; level: string },
  situation: { axes: string[]; difficulties: Record<string, string[]>; text: string; neighbourhood: string },
  family: { agreement?: FamilyAgreement; secondGuardian?: boolean } = {},
): Record<string, FormValue> {
  const agreement = family.agreement ?? 'agreed_written';
  // Without the family's agreement, the form asks no identity: an age band instead of the birth date.
  const identity: Record<string, FormValue> = hasAgreed(agreement)
    ? {
        [b.childFirstName]: child.first,
        [b.childLastName]: child.last,
        [b.birthDate]: child.born,
        [b.guardianName]: `Parent de ${child.first} (démo)`,
        [b.guardianPhone]: '06 00 00 00 00',
        ...(family.secondGuardian
          ? { [b.guardian2Name]: `Second parent de ${child.first} (démo)`, [b.guardian2Phone]: '06 00 00 00 01' }
          : {}),
      }
    : { [b.ageBand]: '6-10' };
  return {
    [b.familyAgreement]: agreement,
    ...identity,
    [b.sex]: child.sex,
    [b.schoolId]: child.school,
    [b.classLevel]: child.level,
    [b.neighbourhood]: situation.neighbourhood,
    [b.axes]: situation.axes,
    [b['difficulties.schooling']]: situation.difficulties.schooling ?? [],
    [b['difficulties.parenting']]: situation.difficulties.parenting ?? [],
    [b['difficulties.health']]: situation.difficulties.health ?? [],
    [b.situation]: `${situation.text} (situation fictive, données de démonstration)`,
    [b.services]: ['none'],
    [b.referrerInstitution]: 'en-ecole',
    [b.referrerRole]: 'Professeure des écoles',
  };
}

/** The demo cases, spread over the last three weeks so that the weekly digest has something to show. */
export function demoReferrals(): DemoReferral[] {
  const schooling = { schooling: ['absenteisme', 'retard-apprentissages'] };
  return [
    {
      daysAgo: 16,
      taken: true,
      form: form(
        { first: 'Lina', last: 'Exemple', born: '2016-03-02', sex: 'girl', school: 'elem-condorcet', level: 'cm1' },
        {
          axes: ['schooling'],
          difficulties: schooling,
          text: 'Absences répétées le lundi.',
          neighbourhood: 'quatre-chemins',
        },
      ),
    },
    {
      daysAgo: 12,
      taken: true,
      parcours: true,
      form: form(
        { first: 'Noah', last: 'Fictif', born: '2013-09-21', sex: 'boy', school: 'col-diderot', level: '6e' },
        {
          axes: ['schooling', 'parenting'],
          difficulties: { schooling: ['decrochage'], parenting: ['lien-ecole'] },
          text: 'Démotivation, famille difficile à joindre.',
          neighbourhood: 'landy',
        },
        { secondGuardian: true },
      ),
    },
    {
      daysAgo: 10,
      taken: false,
      form: form(
        { first: 'Inès', last: 'Démo', born: '2020-01-15', sex: 'girl', school: 'mat-paul-bert', level: 'ms' },
        {
          axes: ['health'],
          difficulties: { health: ['sommeil-alimentation'] },
          text: 'Grande fatigue le matin.',
          neighbourhood: 'centre-ville',
        },
      ),
    },
    {
      daysAgo: 9,
      taken: true,
      form: form(
        { first: 'Yanis', last: 'Essai', born: '2017-06-30', sex: 'boy', school: 'elem-jean-mace', level: 'ce1' },
        {
          axes: ['schooling'],
          difficulties: { schooling: ['langage'] },
          text: 'Difficultés de lecture.',
          neighbourhood: 'montfort',
        },
      ),
    },
    {
      daysAgo: 8,
      taken: false,
      form: form(
        { first: 'Sara', last: 'Modèle', born: '2015-11-05', sex: 'girl', school: 'elem-victor-hugo', level: 'cm2' },
        {
          axes: ['parenting'],
          difficulties: { parenting: ['isolement'] },
          text: 'Famille isolée, arrivée récente ; la famille n’a pas encore été rencontrée.',
          neighbourhood: 'maladrerie',
        },
        { agreement: 'informed' },
      ),
    },
    {
      daysAgo: 7,
      taken: false,
      form: form(
        { first: 'Adam', last: 'Témoin', born: '2012-04-12', sex: 'boy', school: 'col-jean-moulin', level: '5e' },
        {
          axes: ['schooling', 'health'],
          difficulties: { schooling: ['exclusions'], health: ['mal-etre'] },
          text: 'Exclusions répétées, repli sur soi.',
          neighbourhood: 'robespierre',
        },
      ),
    },
    {
      daysAgo: 3,
      taken: false,
      form: form(
        { first: 'Maya', last: 'Exemple', born: '2018-08-08', sex: 'girl', school: 'elem-paul-bert', level: 'cp' },
        {
          axes: ['schooling'],
          difficulties: schooling,
          text: 'Retards fréquents, apprentissages fragiles.',
          neighbourhood: 'paul-bert',
        },
      ),
    },
  ];
}
