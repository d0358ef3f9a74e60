import { z } from 'zod';
import { AXES } from '../domain/axes.js';
import type { IntakeValues } from '../domain/referral.js';
import { actions, intakeBlocks, VALUE_ACTION } from './ids.js';

/** What Slack sends for each input element in view.state.values; anything else is ignored. */
const option = z.object({ value: z.string().max(150) });
const elementState = z
  .object({
    type: z.string().max(64),
    value: z.string().max(10_000).nullish(),
    selected_date: z.string().max(32).nullish(),
    selected_option: option.nullish(),
    selected_options: z.array(option).max(100).nullish(),
    selected_user: z.string().max(32).nullish(),
    selected_users: z.array(z.string().max(32)).max(100).nullish(),
    selected_conversation: z.string().max(32).nullish(),
  })
  .loose();

export const viewStateSchema = z.record(z.string().max(255), z.record(z.string().max(255), elementState));
export type ViewState = z.infer<typeof viewStateSchema>;

function element(state: ViewState, blockId: string) {
  return state[blockId]?.[VALUE_ACTION];
}
export const textOf = (state: ViewState, blockId: string) => element(state, blockId)?.value?.trim() || undefined;
export const dateOf = (state: ViewState, blockId: string) => element(state, blockId)?.selected_date ?? undefined;
export const choiceOf = (state: ViewState, blockId: string) => element(state, blockId)?.selected_option?.value;
export const userOf = (state: ViewState, blockId: string) => element(state, blockId)?.selected_user ?? undefined;
export const usersOf = (state: ViewState, blockId: string) => element(state, blockId)?.selected_users ?? [];
export const conversationOf = (state: ViewState, blockId: string) =>
  element(state, blockId)?.selected_conversation ?? undefined;
export const choicesOf = (state: ViewState, blockId: string) =>
  (element(state, blockId)?.selected_options ?? []).map((o) => o.value);

/** Reads the intake form's raw values; the domain schema then decides what is valid. */
export function readIntakeValues(state: ViewState): IntakeValues {
  const b = intakeBlocks;
  return {
    childFirstName: textOf(state, b.childFirstName),
    childLastName: textOf(state, b.childLastName),
    birthDate: dateOf(state, b.birthDate),
    sex: choiceOf(state, b.sex),
    schoolId: choiceOf(state, b.schoolId),
    schoolOther: textOf(state, b.schoolOther),
    classLevel: choiceOf(state, b.classLevel),
    neighbourhood: choiceOf(state, b.neighbourhood),
    guardianName: textOf(state, b.guardianName),
    guardianPhone: textOf(state, b.guardianPhone),
    languages: textOf(state, b.languages),
    interpreterNeeded: choicesOf(state, b.interpreterNeeded).includes('yes'),
    axes: choicesOf(state, b.axes),
    difficulties: Object.fromEntries(AXES.map((a) => [a, choicesOf(state, b[`difficulties.${a}`])])),
    situation: textOf(state, b.situation),
    services: choicesOf(state, b.services),
    familyAgreement: state[b.familyAgreement]?.[actions.familyAgreement]?.selected_option?.value,
    agreementOn: dateOf(state, b.agreementOn),
    ageBand: choiceOf(state, b.ageBand),
    guardian2Name: textOf(state, b.guardian2Name),
    guardian2Phone: textOf(state, b.guardian2Phone),
    referrerInstitution: choiceOf(state, b.referrerInstitution),
    referrerRole: textOf(state, b.referrerRole),
  };
}

/** A button's click as Bolt passes it: who clicked, the trigger to open a view with, the button's value. */
export const buttonClick = <T extends z.ZodType<string>>(value: T) =>
  z.object({
    trigger_id: z.string().min(1).max(255),
    user: z.object({ id: z.string().min(1).max(32) }),
    actions: z.tuple([z.object({ value })], z.unknown()),
  });

/** A view submitted: who, the form's values and, when the view carries one, its private_metadata. */
export function viewSubmission(): z.ZodObject<{
  user: z.ZodObject<{ id: z.ZodString }>;
  view: z.ZodObject<{ state: z.ZodObject<{ values: typeof viewStateSchema }> }>;
}>;
export function viewSubmission<T extends z.ZodType>(
  metadata: T,
): z.ZodObject<{
  user: z.ZodObject<{ id: z.ZodString }>;
  view: z.ZodObject<{ private_metadata: T; state: z.ZodObject<{ values: typeof viewStateSchema }> }>;
}>;
export function viewSubmission(metadata?: z.ZodType) {
  const user = z.object({ id: z.string().min(1).max(32) });
  const state = z.object({ values: viewStateSchema });
  return metadata
    ? z.object({ user, view: z.object({ private_metadata: metadata, state }) })
    : z.object({ user, view: z.object({ state }) });
}

/** A view's private_metadata written as JSON by the app: parsed, then checked against `schema`. */
export const jsonMetadata = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .max(3000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
