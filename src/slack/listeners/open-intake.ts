import type { WebClient } from '@slack/web-api';
import type { AppServices } from '../services.js';
import { intakeModal } from '../views/intake-modal.js';

/**
 * Opens the intake modal. The trigger_id dies 3 s after the user's click, so the only work before views.open is
 * one indexed read of what we know of this user (institution and role, to prefill).
 */
export async function openIntake(
  s: AppServices,
  client: WebClient,
  input: { triggerId: string; userId: string; situation?: string },
): Promise<void> {
  const profile = await s.members.profile(input.userId).catch(() => undefined);
  await client.views.open({
    trigger_id: input.triggerId,
    view: intakeModal(s.lists, {
      institution: profile?.institution,
      role: profile?.jobTitle,
      situation: input.situation,
    }),
  });
}
