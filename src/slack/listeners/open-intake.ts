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
): Promise<'opened' | 'expired'> {
  const profile = await s.members.profile(input.userId).catch(() => undefined);
  try {
    await client.views.open({
      trigger_id: input.triggerId,
      view: intakeModal(s.lists, {
        institution: profile?.institution,
        role: profile?.jobTitle,
        situation: input.situation,
      }),
    });
    return 'opened';
  } catch (error) {
    // Slack gives 3 s from the click: past that, the user must be told, or they would wait for a form that never
    // comes (the caller says it where the user is).
    if (slackErrorOf(error) === 'expired_trigger_id') return 'expired';
    throw error;
  }
}

function slackErrorOf(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
