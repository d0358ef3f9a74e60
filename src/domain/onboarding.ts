import { everyChannelSet, type SettingValues } from './settings.js';

/**
 * A new programme's way from "app installed" to its first referral and its first digest, in the coordinator's App
 * Home until every step is done. Nothing is published before the last step: the coordinator turns the digests on.
 */
export const ONBOARDING_STEPS = ['cellule', 'groups', 'team', 'lists', 'digests'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export interface ProgrammeFacts {
  values: Pick<
    SettingValues,
    'celluleChannel' | 'schoolingChannel' | 'parentingChannel' | 'healthChannel' | 'digestsEnabled'
  >;
  /** Members holding the team role (the cellule de veille, the équipe pluridisciplinaire). */
  teamMembers: number;
  /** Schools and neighbourhoods the intake offers. */
  listsReady: boolean;
}

/** Each step and whether it is done; the programme is ready when all are. */
export function onboarding(f: ProgrammeFacts): { steps: { step: OnboardingStep; done: boolean }[]; ready: boolean } {
  const done: Record<OnboardingStep, boolean> = {
    cellule: Boolean(f.values.celluleChannel),
    groups: everyChannelSet(f.values),
    team: f.teamMembers > 0,
    lists: f.listsReady,
    digests: f.values.digestsEnabled,
  };
  const steps = ONBOARDING_STEPS.map((step) => ({ step, done: done[step] }));
  return { steps, ready: steps.every((s) => s.done) };
}
