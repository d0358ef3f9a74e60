// The sandbox's demo workspace: fictional members, channels and children. Nothing here is real data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FAMILY_AGREEMENTS, type FamilyAgreement, hasAgreed } from '../domain/referral.js';
import type { Role } from '../domain/roles.js';
import { PROJECT_ROOT } from '../paths.js';
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
  /** A second référente de parcours: the year's case is handed over to her. */
  colleague: {
    id: 'UDEMOREF01',
    name: 'Nadia Haddad — référente de parcours',
    roles: ['team'],
    institution: 'pre',
    channels: ['general', 'cellule'],
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

/** One demo case as `demo-referrals.json` describes it (checked at the sandbox's start). */
const demoCaseSchema = z.object({
  daysAgo: z.number().int().min(0).max(60),
  taken: z.boolean(),
  parcours: z.boolean().optional(),
  child: z.object({
    first: z.string(),
    last: z.string(),
    born: z.iso.date(),
    sex: z.enum(['girl', 'boy']),
    school: z.string(),
    level: z.string(),
  }),
  situation: z.object({
    axes: z.array(z.string()),
    difficulties: z.record(z.string(), z.array(z.string())),
    text: z.string(),
    neighbourhood: z.string(),
  }),
  family: z
    .object({ agreement: z.enum(FAMILY_AGREEMENTS).optional(), secondGuardian: z.boolean().optional() })
    .optional(),
});

/** The demo cases, spread over the last three weeks so that the weekly digest has something to show. */
export function demoReferrals(file = join(PROJECT_ROOT, 'src', 'sandbox', 'demo-referrals.json')): DemoReferral[] {
  const cases = z.array(demoCaseSchema).parse(JSON.parse(readFileSync(file, 'utf8')));
  return cases.map((c) => ({
    daysAgo: c.daysAgo,
    taken: c.taken,
    ...(c.parcours ? { parcours: true } : {}),
    form: form(c.child, c.situation, c.family),
  }));
}

/**
 * The child whose whole year the sandbox walks (sandbox.ts demoYear): referred ten months ago with the agreement the
 * family gave at school, followed to the closure. The same child is referred again on the way (merged).
 */
export function demoYearReferral(): { daysAgo: number; form: Record<string, FormValue> } {
  return {
    daysAgo: 300,
    form: form(
      { first: 'Amina', last: 'Keita', born: '2017-03-14', sex: 'girl', school: 'elem-condorcet', level: 'ce2' },
      {
        axes: ['schooling', 'parenting'],
        difficulties: { schooling: ['retard-apprentissages'], parenting: [] },
        text: 'Difficultés de lecture qui s’accentuent, la famille souhaite de l’aide pour suivre le travail scolaire.',
        neighbourhood: 'quatre-chemins',
      },
    ),
  };
}

/** How many referrals the demo holds: the recent ones, the year's child and her second referral (merged). */
export const demoReferralCount = (): number => demoReferrals().length + 2;
