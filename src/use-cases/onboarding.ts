import type { Lists } from '../domain/lists.js';
import { type OnboardingStep, onboarding } from '../domain/onboarding.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { LiveSettings } from './programme-settings.js';

/** What App Home shows of the programme's set-up, to whom. */
export type HomeSetup =
  /** Nobody coordinates the programme yet, and this user administers the Slack workspace: they may take the role. */
  | { kind: 'claim' }
  /** Nobody coordinates the programme yet: an administrator of the workspace has to open App Home first. */
  | { kind: 'unconfigured' }
  /** The coordinator of a programme not ready yet: the steps left. */
  | { kind: 'checklist'; steps: { step: OnboardingStep; done: boolean }[] };

export interface OnboardingDeps {
  members: Pick<MemberRepository, 'hasCoordinator' | 'teamCount'>;
  settings: Pick<LiveSettings, 'current'>;
  lists: Pick<Lists, 'schools' | 'neighbourhoods'>;
}

/** The set-up App Home shows `userId`, if any (none once the programme is ready, or to a member who has nothing to do). */
export async function homeSetup(
  deps: OnboardingDeps,
  user: { coordinator: boolean; isWorkspaceAdmin: () => Promise<boolean> },
): Promise<HomeSetup | undefined> {
  if (!(await deps.members.hasCoordinator()))
    return (await user.isWorkspaceAdmin()) ? { kind: 'claim' } : { kind: 'unconfigured' };
  if (!user.coordinator) return undefined;
  const state = onboarding({
    values: deps.settings.current(),
    teamMembers: await deps.members.teamCount(),
    listsReady: deps.lists.schools.length > 0 && deps.lists.neighbourhoods.length > 0,
  });
  return state.ready ? undefined : { kind: 'checklist', steps: state.steps };
}
