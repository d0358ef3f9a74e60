import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppServices } from '../../services.js';
import { openIntake } from '../open-intake.js';

const shortcutSchema = z.object({
  trigger_id: z.string().min(1).max(255),
  user: z.object({ id: z.string().min(1).max(32) }),
  message: z
    .object({ text: z.string().max(40_000).optional() })
    .loose()
    .optional(),
});

/** Global shortcut "Nouveau repérage" and message shortcut "Repérer ce message". */
export function newReferralShortcut(s: AppServices) {
  return async ({ ack, shortcut, client }: AllMiddlewareArgs & SlackShortcutMiddlewareArgs) => {
    await ack();
    const parsed = shortcutSchema.safeParse(shortcut);
    if (!parsed.success) return;
    await openIntake(s, client, {
      triggerId: parsed.data.trigger_id,
      userId: parsed.data.user.id,
      situation: parsed.data.message?.text,
    });
  };
}
