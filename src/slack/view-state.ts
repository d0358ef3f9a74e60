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
    ageBand: choiceOf(state, b.ageBand),
    guardian2Name: textOf(state, b.guardian2Name),
    guardian2Phone: textOf(state, b.guardian2Phone),
    referrerInstitution: choiceOf(state, b.referrerInstitution),
    referrerRole: textOf(state, b.referrerRole),
  };
}
