import { z } from 'zod';
import { AXES, type Axis } from './axes.js';

// Slack limits the lists must respect, checked when the file is loaded rather than when a modal fails to open:
// a static select shows at most 100 options, a checkbox group at most 10, and an option's text is at most 75 chars.
const id = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'ids use lower-case letters, digits, _ or - (40 at most)');
const label = z.string().min(1).max(75, 'a label is at most 75 characters (Slack option limit)');
const option = z.object({ id, label });
const uniqueIds = <T extends { id: string }>(items: T[]) => new Set(items.map((i) => i.id)).size === items.length;
const optionList = (max: number) =>
  z.array(option).min(1).max(max, `at most ${max} entries (Slack limit)`).refine(uniqueIds, 'duplicate ids');

export const SCHOOL_STAGES = ['maternelle', 'elementaire', 'college', 'lycee', 'autre'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];

/** A school's éducation prioritaire status, as the State's annual survey counts it. */
export const EDUCATION_PRIORITIES = ['rep_plus', 'rep', 'none'] as const;
export type EducationPriority = (typeof EDUCATION_PRIORITIES)[number];

/** Kinds of institution a referral comes from (the annual survey's "origine du repérage"). */
export const INSTITUTION_KINDS = [
  'education',
  'city',
  'department',
  'justice',
  'caf',
  'care',
  'association',
  'pre',
  'other',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const listsSchema = z.object({
  // 99, not 100: the modal adds "autre" / "non renseigné" to these two.
  schools: z
    .array(option.extend({ stage: z.enum(SCHOOL_STAGES), education: z.enum(EDUCATION_PRIORITIES) }))
    .min(1)
    .max(99, 'at most 99 schools (Slack limit, with "autre")')
    .refine(uniqueIds, 'duplicate ids'),
  /** Each neighbourhood's quartier prioritaire de la politique de la ville (its code), or null outside any QPV. */
  neighbourhoods: z
    .array(
      option.extend({
        qpv: z
          .string()
          .regex(/^QN\d{5}[A-Z]$/, 'a QPV code looks like QN09301M')
          .nullable(),
      }),
    )
    .min(1)
    .max(99, 'at most 99 entries (Slack limit)')
    .refine(uniqueIds, 'duplicate ids'),
  institutions: z
    .array(option.extend({ kind: z.enum(INSTITUTION_KINDS) }))
    .min(1)
    .max(100, 'at most 100 entries (Slack limit)')
    .refine(uniqueIds, 'duplicate ids'),
  difficulties: z.object({ schooling: optionList(10), parenting: optionList(10), health: optionList(10) }),
  /** The parcours' objectives by axis (level 2 labels; a level-1 detail may be added per case). */
  objectives: z.object({ schooling: optionList(30), parenting: optionList(30), health: optionList(30) }),
  /**
   * Kinds of prestation individuelle (a service bought for one child when no catalogue action fits), each on the
   * axis it answers.
   */
  prestations: z
    .array(option.extend({ axis: z.enum(AXES) }))
    .min(1)
    .max(100, 'at most 100 kinds of prestation (Slack limit)')
    .refine(uniqueIds, 'duplicate ids'),
  /**
   * The notice the referrer hands to the family (issue 27): the programme's contact, and where the town's own notice
   * (a PDF) is published, if it is. The app's short notice, in French, says the rest.
   */
  familyNotice: z
    .object({
      contact: z.string().min(1).max(300),
      url: z.url({ protocol: /^https$/, error: 'the notice’s address must be an https:// link' }).optional(),
    })
    .optional(),
});

export type Lists = z.infer<typeof listsSchema>;

/** The difficulty ids of each axis: the intake's signs of fragility, as the digests count them. */
export function difficultyIds(lists: Lists): Record<Axis, string[]> {
  return {
    schooling: lists.difficulties.schooling.map((x) => x.id),
    parenting: lists.difficulties.parenting.map((x) => x.id),
    health: lists.difficulties.health.map((x) => x.id),
  };
}

/** Ids of the choices the modal adds to the configurable lists. */
export const OTHER_SCHOOL = 'autre';
export const UNKNOWN_NEIGHBOURHOOD = 'non_renseigne';
