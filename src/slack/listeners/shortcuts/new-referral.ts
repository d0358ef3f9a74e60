import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { fr } from '../../../i18n/fr.js';
import type { AppServices } from '../../services.js';
import { openIntake } from '../open-intake.js';

const shortcutSchema = z.object({
  trigger_id: z.string().min(1).max(255),
  user: z.object({ id: z.string().min(1).max(32) }),
  response_url: z.url().optional(),
  channel: z.object({ id: z.string().min(1).max(32) }).optional(),
  message: z
    .object({ text: z.string().max(40_000).optional(), user: z.string().min(1).max(32).optional() })
    .loose()
    .optional(),
});

/** Global shortcut "Nouveau repérage" and message shortcut "Repérer ce message". */
export function newReferralShortcut(s: AppServices) {
  return async ({ ack, shortcut, client, respond }: AllMiddlewareArgs & SlackShortcutMiddlewareArgs) => {
    await ack();
    const parsed = shortcutSchema.safeParse(shortcut);
    if (!parsed.success) return;
    const opened = await openIntake(s, client, {
      triggerId: parsed.data.trigger_id,
      userId: parsed.data.user.id,
      situation: parsed.data.message?.text,
    });
    if (opened === 'opened') {
      // The message may hold nominative data in a channel: its author is told, privately, to delete it.
      const author = parsed.data.message?.user;
      const channel = parsed.data.channel?.id;
      if (author && channel && author !== parsed.data.user.id) {
        const told = await client.chat
          .postEphemeral({ channel, user: author, text: fr.messageAuthorNotice })
          .then(() => true)
          .catch(() => false);
        // The app may not be in that channel: the person who used the shortcut is asked to pass it on.
        if (!told && parsed.data.response_url)
          await respond({ response_type: 'ephemeral', text: fr.messageAuthorNoticeFallback });
      } else if (author === parsed.data.user.id && parsed.data.response_url) {
        await respond({ response_type: 'ephemeral', text: fr.messageAuthorNotice });
      }
      return;
    }
    // A message shortcut answers where the message is; a global one has no conversation: a direct message.
    if (parsed.data.response_url) await respond({ response_type: 'ephemeral', text: fr.expiredTrigger });
    else await client.chat.postMessage({ channel: parsed.data.user.id, text: fr.expiredTrigger });
  };
}
