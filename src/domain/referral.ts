import { z } from 'zod';
import type { FirstAgreement } from './agreement.js';
import { AXES, type Axis } from './axes.js';
import { ageOn, parseDay } from './dates.js';
import { JOURNAL_FIELD_PREFIX, type JournalEntryValues, journalEntrySchema } from './journal.js';
import { type Lists, OTHER_SCHOOL, type SchoolStage, UNKNOWN_NEIGHBOURHOOD } from './lists.js';

export const CLASS_LEVELS = [
  'tps',
  'ps',
  'ms',
  'gs',
  'cp',
  'ce1',
  'ce2',
  'cm1',
  'cm2',
  '6e',
  '5e',
  '4e',
  '3e',
  'lycee',
  'non_scolarise',
] as const;
export type ClassLevel = (typeof CLASS_LEVELS)[number];

export const SEXES = ['girl', 'boy', 'unspecified'] as const;
export type Sex = (typeof SEXES)[number];

export const SERVICES = ['ase', 'pmi', 'cmpp', 'pjj', 'social_service', 'prevention', 'none'] as const;
export type Service = (typeof SERVICES)[number];

/**
 * The intake's first question: has the family been told, and does it agree to the referral? Only an agreement opens
 * the full form; otherwise the referral is a *situation à examiner* (pre-referral) and no identity is asked.
 */
export const FAMILY_AGREEMENTS = ['agreed_written', 'agreed_oral', 'informed', 'not_informed'] as const;
export type FamilyAgreement = (typeof FAMILY_AGREEMENTS)[number];
export const hasAgreed = (a: FamilyAgreement | undefined): a is 'agreed_written' | 'agreed_oral' =>
  a === 'agreed_written' || a === 'agreed_oral';

export const AGE_BANDS = ['2-5', '6-10', '11-13', '14-16'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const MIN_AGE = 2;
export const MAX_AGE = 16;

export function ageBandOf(age: number): AgeBand {
  if (age <= 5) return '2-5';
  if (age <= 10) return '6-10';
  if (age <= 13) return '11-13';
  return '14-16';
}

export function stageOfClass(level: ClassLevel): SchoolStage {
  if (['tps', 'ps', 'ms', 'gs'].includes(level)) return 'maternelle';
  if (['cp', 'ce1', 'ce2', 'cm1', 'cm2'].includes(level)) return 'elementaire';
  if (['6e', '5e', '4e', '3e'].includes(level)) return 'college';
  if (level === 'lycee') return 'lycee';
  return 'autre';
}

declare const level1: unique symbol;

/**
 * Charter level 1: nominative or identifying data. Only ever stored encrypted and shown in a modal opened for an
 * authorised member. The brand keeps it out of anything typed for level 2.
 */
export type ReferralIdentity = Readonly<{
  /** A second legal representative, when there is one. */
  guardian2Name?: string;
  guardian2Phone?: string;
  childFirstName: string;
  childLastName: string;
  birthDate: string;
  guardianName: string;
  guardianPhone?: string;
  languages?: string;
  situation: string;
  schoolOther?: string;
}> & { readonly [level1]: true };

export const IDENTITY_FIELDS = [
  'childFirstName',
  'childLastName',
  'birthDate',
  'guardianName',
  'guardianPhone',
  'languages',
  'situation',
  'schoolOther',
  'guardian2Name',
  'guardian2Phone',
] as const satisfies readonly (keyof ReferralIdentity)[];
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/**
 * What the family's agreement lets a partner operator read (at least a first name and a legal representative's
 * contact, issue: operators in the loop): still level 1, shown in a modal to that operator's referents only.
 */
export const OPERATOR_SHARED_FIELDS = [
  'childFirstName',
  'guardianName',
  'guardianPhone',
] as const satisfies readonly IdentityField[];
export type SharedWithOperator = Readonly<Partial<Pick<ReferralIdentity, (typeof OPERATOR_SHARED_FIELDS)[number]>>> & {
  readonly [level1]: true;
};
export function sharedWithOperator(identity: Partial<Record<IdentityField, string>>): SharedWithOperator {
  const shared: Partial<Record<(typeof OPERATOR_SHARED_FIELDS)[number], string>> = {};
  for (const field of OPERATOR_SHARED_FIELDS) if (identity[field]) shared[field] = identity[field];
  return shared as SharedWithOperator;
}

export function asIdentity(values: Omit<ReferralIdentity, typeof level1>): ReferralIdentity {
  return values as ReferralIdentity;
}

/**
 * Charter level 1: what the case's people wrote along the pathway — the agreement's form reference and the child's
 * view, the objectives' details, the family's view at the bilan, the operators' comments, a refusal's or a closure's
 * note. Shown in the logged file modal only.
 */
export type CaseFileNotes = Readonly<{
  consentFormReference?: string;
  childView?: string;
  consentRefusalReason?: string;
  /** By objective number (1 to 4), as the objectives form lists them. */
  objectiveDetails: Readonly<Record<number, string>>;
  familyView?: string;
  closureNote?: string;
  /** By orientation id. */
  operatorComments: Readonly<Record<string, string>>;
  /** The journal de suivi, newest first. */
  journal: readonly Readonly<JournalEntryValues>[];
}> & { readonly [level1]: true };

/** The notes among a case's decrypted values (field names as the store seals them). */
export function fileNotesOf(values: Readonly<Record<string, string | undefined>>): CaseFileNotes {
  const objectiveDetails: Record<number, string> = {};
  const operatorComments: Record<string, string> = {};
  const journal: { field: string; entry: JournalEntryValues }[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (!value) continue;
    if (field.startsWith(JOURNAL_FIELD_PREFIX)) {
      const entry = journalEntrySchema.safeParse(parseJson(value));
      if (entry.success) journal.push({ field, entry: entry.data });
    }
    const detail = /^objectiveDetail([1-4])$/.exec(field);
    if (detail) objectiveDetails[Number(detail[1])] = value;
    if (field.startsWith('operatorComment:')) operatorComments[field.slice('operatorComment:'.length)] = value;
  }
  return {
    consentFormReference: values.consentFormReference,
    childView: values.childView,
    consentRefusalReason: values.consentRefusalReason,
    objectiveDetails,
    familyView: values.familyView,
    closureNote: values.closureNote,
    operatorComments,
    // Newest first: by the day it happened, then by when it was written (the field's name).
    journal: journal
      .sort((a, b) => b.entry.on.localeCompare(a.entry.on) || b.field.localeCompare(a.field))
      .map((j) => j.entry),
  } as unknown as CaseFileNotes;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Charter level 2 facts recorded at intake, stored in clear for follow-up and statistics. */
export interface ReferralFacts {
  sex: Sex;
  schoolId: string;
  schoolStage: SchoolStage;
  classLevel: ClassLevel;
  neighbourhood: string;
  axes: Axis[];
  difficulties: string[];
  services: Service[];
  familyAgreement: FamilyAgreement;
  interpreterNeeded: boolean;
  referrerInstitution: string;
  referrerRole: string;
  ageBand: AgeBand;
}

declare const situationOnly: unique symbol;

/** Level 1 of a pre-referral: the situation text (and the name of a school off the list), never an identity. */
export type PreReferralNotes = Readonly<{ situation: string; schoolOther?: string }> & {
  readonly [situationOnly]: true;
};

/** A referral with the family's agreement carries an identity; a pre-referral cannot (the types say so). */
export type IntakeForm =
  | { kind: 'referral'; identity: ReferralIdentity; facts: ReferralFacts; agreement: FirstAgreement }
  | { kind: 'pre_referral'; notes: PreReferralNotes; facts: ReferralFacts };

/** Stable codes for what can be wrong with a field; i18n/fr.ts turns them into sentences. */
export type IntakeErrorCode =
  | 'required'
  | 'too_long'
  | 'invalid_choice'
  | 'invalid_date'
  | 'birth_in_future'
  | 'agreement_in_future'
  | 'too_young'
  | 'too_old'
  | 'invalid_phone'
  | 'axis_required'
  | 'situation_too_short'
  | 'difficulty_without_axis'
  | 'none_with_services'
  | 'school_other_required';

export const NAME_MAX = 80;
export const SITUATION_MIN = 20;
export const SITUATION_MAX = 3000;
export const TEXT_MAX = 200;

/** The raw form values, as strings and arrays of ids, before any rule is checked. */
export interface IntakeValues {
  childFirstName?: string;
  childLastName?: string;
  birthDate?: string;
  sex?: string;
  schoolId?: string;
  schoolOther?: string;
  classLevel?: string;
  neighbourhood?: string;
  guardianName?: string;
  guardianPhone?: string;
  languages?: string;
  interpreterNeeded?: boolean;
  axes?: string[];
  difficulties?: Partial<Record<Axis, string[]>>;
  situation?: string;
  services?: string[];
  familyAgreement?: string;
  /** The day the family agreed, when it was before the referral (asked only with the agreement). */
  agreementOn?: string;
  /** Asked only of a pre-referral (no birth date to derive it from). */
  ageBand?: string;
  guardian2Name?: string;
  guardian2Phone?: string;
  referrerInstitution?: string;
  referrerRole?: string;
}

export type IntakeField = Exclude<keyof IntakeValues, 'difficulties'> | `difficulties.${Axis}`;

const code = (c: IntakeErrorCode) => ({ message: c });

const requiredText = (max: number) =>
  z
    .string(code('required'))
    .trim()
    .min(1, code('required'))
    .max(max, code('too_long'))
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(v), code('invalid_choice'));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, code('too_long'))
    .optional()
    .transform((v) => (v ? v : undefined));

/** French phone numbers as people type them: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78, 0033… */
export function normalisePhone(raw: string): string | undefined {
  const compact = raw.replace(/[\s.\-()]/g, '');
  const national = /^(?:\+33|0033)([1-9]\d{8})$/.exec(compact)?.[1] ?? /^0([1-9]\d{8})$/.exec(compact)?.[1];
  if (!national) return undefined;
  return `0${national}`.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/**
 * The single definition of a valid referral. `today` is the submission day (yyyy-MM-dd) in the programme's time
 * zone: the age rule (2 to 16 inclusive) is judged on that day, not on the server's.
 */
export function intakeSchema(ctx: { today: string; lists: Lists }) {
  const schoolIds = [...ctx.lists.schools.map((s) => s.id), OTHER_SCHOOL];
  const neighbourhoodIds = [...ctx.lists.neighbourhoods.map((n) => n.id), UNKNOWN_NEIGHBOURHOOD];
  const institutionIds = ctx.lists.institutions.map((i) => i.id);
  const choice = (ids: readonly string[]) =>
    z
      .string(code('required'))
      .min(1, code('required'))
      .refine((v) => ids.includes(v), code('invalid_choice'));
  const difficultyIds = (axis: Axis) => ctx.lists.difficulties[axis].map((d) => d.id);

  return (
    z
      .object({
        familyAgreement: z.enum(FAMILY_AGREEMENTS, code('required')),
        agreementOn: optionalText(10),
        // Identity: required with the family's agreement, never read without it (see superRefine and transform).
        childFirstName: optionalText(NAME_MAX),
        childLastName: optionalText(NAME_MAX),
        birthDate: optionalText(10),
        ageBand: z.enum(AGE_BANDS, code('required')).optional(),
        sex: z.enum(SEXES, code('invalid_choice')).default('unspecified'),
        schoolId: choice(schoolIds),
        schoolOther: optionalText(TEXT_MAX),
        classLevel: z.enum(CLASS_LEVELS, code('required')),
        neighbourhood: choice(neighbourhoodIds),
        guardianName: optionalText(NAME_MAX),
        guardianPhone: optionalText(40),
        guardian2Name: optionalText(NAME_MAX),
        guardian2Phone: optionalText(40),
        languages: optionalText(TEXT_MAX),
        interpreterNeeded: z.boolean().default(false),
        axes: z.array(z.enum(AXES, code('invalid_choice'))).default([]),
        difficulties: z
          .object({
            schooling: z.array(z.string()).max(10).default([]),
            parenting: z.array(z.string()).max(10).default([]),
            health: z.array(z.string()).max(10).default([]),
          })
          .default({ schooling: [], parenting: [], health: [] }),
        situation: z
          .string(code('required'))
          .trim()
          .min(1, code('required'))
          .min(SITUATION_MIN, code('situation_too_short'))
          .max(SITUATION_MAX, code('too_long')),
        services: z.array(z.enum(SERVICES, code('invalid_choice'))).default([]),
        referrerInstitution: choice(institutionIds),
        referrerRole: requiredText(NAME_MAX),
      })
      // `when` runs the cross-field rules even when a field failed, so that every faulty field is answered at once;
      // the value may then be partly unparsed, hence the defensive reads.
      .superRefine(
        (v, issue) => {
          const add = (path: IntakeField, c: IntakeErrorCode) =>
            issue.addIssue({ code: 'custom', path: path.split('.'), message: c });
          const agreed = hasAgreed(v.familyAgreement);
          if (agreed) {
            for (const field of ['childFirstName', 'childLastName', 'birthDate', 'guardianName'] as const)
              if (!v[field]) add(field, 'required');
            if (v.guardian2Phone && !v.guardian2Name) add('guardian2Name', 'required');
          } else if (v.familyAgreement && !v.ageBand) add('ageBand', 'required');
          // The family often agreed at school first: an earlier day is its day; a day to come is not.
          if (agreed && typeof v.agreementOn === 'string' && v.agreementOn !== '') {
            if (!parseDay(v.agreementOn)) add('agreementOn', 'invalid_date');
            else if (v.agreementOn > ctx.today) add('agreementOn', 'agreement_in_future');
          }
          if (agreed && typeof v.birthDate === 'string' && v.birthDate !== '') {
            if (!parseDay(v.birthDate)) add('birthDate', 'invalid_date');
            else if (v.birthDate > ctx.today) add('birthDate', 'birth_in_future');
            else {
              const age = ageOn(v.birthDate, ctx.today);
              if (age < MIN_AGE) add('birthDate', 'too_young');
              else if (age > MAX_AGE) add('birthDate', 'too_old');
            }
          }
          for (const field of ['guardianPhone', 'guardian2Phone'] as const)
            if (agreed && typeof v[field] === 'string' && !normalisePhone(v[field])) add(field, 'invalid_phone');
          const axes: readonly string[] = Array.isArray(v.axes) ? v.axes : [];
          if (axes.length === 0) add('axes', 'axis_required');
          for (const axis of AXES) {
            const chosen: unknown = v.difficulties?.[axis];
            if (!Array.isArray(chosen)) continue;
            if (chosen.some((d) => !difficultyIds(axis).includes(d))) add(`difficulties.${axis}`, 'invalid_choice');
            else if (chosen.length > 0 && !axes.includes(axis)) add(`difficulties.${axis}`, 'difficulty_without_axis');
          }
          if (Array.isArray(v.services) && v.services.includes('none') && v.services.length > 1) {
            add('services', 'none_with_services');
          }
          if (v.schoolId === OTHER_SCHOOL && !v.schoolOther) add('schoolOther', 'school_other_required');
        },
        { when: () => true },
      )
      .transform((v): IntakeForm => {
        const facts: ReferralFacts = {
          sex: v.sex,
          schoolId: v.schoolId,
          schoolStage:
            v.schoolId === OTHER_SCHOOL
              ? stageOfClass(v.classLevel)
              : (ctx.lists.schools.find((s) => s.id === v.schoolId)?.stage ?? 'autre'),
          classLevel: v.classLevel,
          neighbourhood: v.neighbourhood,
          axes: AXES.filter((a) => v.axes.includes(a)),
          difficulties: AXES.flatMap((a) => v.difficulties[a]),
          services: SERVICES.filter((s) => v.services.includes(s)),
          familyAgreement: v.familyAgreement,
          interpreterNeeded: v.interpreterNeeded,
          referrerInstitution: v.referrerInstitution,
          referrerRole: v.referrerRole,
          ageBand:
            hasAgreed(v.familyAgreement) && v.birthDate
              ? ageBandOf(ageOn(v.birthDate, ctx.today))
              : (v.ageBand ?? '6-10'),
        };
        const schoolOther = v.schoolId === OTHER_SCHOOL ? v.schoolOther : undefined;
        if (!hasAgreed(v.familyAgreement)) {
          // No identity without the family's agreement: whatever else was sent is not read.
          return { kind: 'pre_referral', notes: { situation: v.situation, schoolOther } as PreReferralNotes, facts };
        }
        return {
          kind: 'referral',
          identity: asIdentity({
            childFirstName: v.childFirstName ?? '',
            childLastName: v.childLastName ?? '',
            birthDate: v.birthDate ?? '',
            guardianName: v.guardianName ?? '',
            guardianPhone: v.guardianPhone ? normalisePhone(v.guardianPhone) : undefined,
            guardian2Name: v.guardian2Name,
            guardian2Phone: v.guardian2Phone ? normalisePhone(v.guardian2Phone) : undefined,
            languages: v.languages,
            situation: v.situation,
            schoolOther,
          }),
          facts,
          agreement: {
            on: v.agreementOn || ctx.today,
            form: v.familyAgreement === 'agreed_written' ? 'written' : 'oral',
          },
        };
      })
  );
}

export type IntakeResult =
  | { ok: true; form: IntakeForm }
  | { ok: false; errors: Partial<Record<IntakeField, IntakeErrorCode>> };

/** The last schema built for each lists: building one costs more than a parse (zod), and it changes once a day. */
const schemas = new WeakMap<Lists, { today: string; schema: ReturnType<typeof intakeSchema> }>();

function intakeSchemaFor(ctx: { today: string; lists: Lists }): ReturnType<typeof intakeSchema> {
  const cached = schemas.get(ctx.lists);
  if (cached?.today === ctx.today) return cached.schema;
  const schema = intakeSchema(ctx);
  schemas.set(ctx.lists, { today: ctx.today, schema });
  return schema;
}

/** Validates the form; every faulty field gets its first error. */
export function validateIntake(values: IntakeValues, ctx: { today: string; lists: Lists }): IntakeResult {
  const result = intakeSchemaFor(ctx).safeParse(values);
  if (result.success) return { ok: true, form: result.data };
  const errors: Partial<Record<IntakeField, IntakeErrorCode>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.slice(0, issue.path[0] === 'difficulties' ? 2 : 1).join('.') as IntakeField;
    errors[field] ??= (issue.message as IntakeErrorCode) ?? 'invalid_choice';
  }
  return { ok: false, errors };
}

/** The identity completed after the family's agreement, on a pre-referral ("Compléter l'identité"). */
export type IdentityCompletion = Readonly<{
  childFirstName: string;
  childLastName: string;
  birthDate: string;
  guardianName: string;
  guardianPhone?: string;
  guardian2Name?: string;
  guardian2Phone?: string;
  languages?: string;
}> & { readonly [level1]: true };

export type CompletionField = keyof Omit<IdentityCompletion, typeof level1>;

/** The same rules as the intake's identity: names required, a child of 2 to 16 on `today`, French phone numbers. */
export function validateIdentity(
  values: Partial<Record<CompletionField, string>>,
  today: string,
):
  | { ok: true; identity: IdentityCompletion; ageBand: AgeBand }
  | { ok: false; errors: Partial<Record<CompletionField, IntakeErrorCode>> } {
  const errors: Partial<Record<CompletionField, IntakeErrorCode>> = {};
  const text = (field: CompletionField, required: boolean, max: number) => {
    const v = values[field]?.trim();
    if (!v) {
      if (required) errors[field] = 'required';
      return undefined;
    }
    if (v.length > max) errors[field] = 'too_long';
    return v;
  };
  const first = text('childFirstName', true, NAME_MAX);
  const last = text('childLastName', true, NAME_MAX);
  const guardian = text('guardianName', true, NAME_MAX);
  const guardian2 = text('guardian2Name', false, NAME_MAX);
  const languages = text('languages', false, TEXT_MAX);
  const phone = (field: 'guardianPhone' | 'guardian2Phone') => {
    const raw = text(field, false, 40);
    if (raw === undefined) return undefined;
    const normal = normalisePhone(raw);
    if (!normal) errors[field] = 'invalid_phone';
    return normal;
  };
  const phone1 = phone('guardianPhone');
  const phone2 = phone('guardian2Phone');
  if (phone2 && !guardian2) errors.guardian2Name = 'required';
  const birth = values.birthDate?.trim();
  let ageBand: AgeBand | undefined;
  if (!birth) errors.birthDate = 'required';
  else if (!parseDay(birth)) errors.birthDate = 'invalid_date';
  else if (birth > today) errors.birthDate = 'birth_in_future';
  else {
    const age = ageOn(birth, today);
    if (age < MIN_AGE) errors.birthDate = 'too_young';
    else if (age > MAX_AGE) errors.birthDate = 'too_old';
    else ageBand = ageBandOf(age);
  }
  if (Object.keys(errors).length > 0 || !first || !last || !guardian || !birth || !ageBand)
    return { ok: false, errors };
  return {
    ok: true,
    ageBand,
    identity: {
      childFirstName: first,
      childLastName: last,
      birthDate: birth,
      guardianName: guardian,
      guardianPhone: phone1,
      guardian2Name: guardian2,
      guardian2Phone: phone2,
      languages,
    } as IdentityCompletion,
  };
}
