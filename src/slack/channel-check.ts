import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { frSettings as t } from '../i18n/fr.js';

const channelInfo = z.object({
  ok: z.literal(true),
  channel: z
    .object({
      is_archived: z.boolean().optional(),
      is_ext_shared: z.boolean().optional(),
      is_member: z.boolean().optional(),
    })
    .loose(),
});

/**
 * Why the app could not post in this channel, or nothing: Slack is asked (conversations.info). A private channel
 * the app is not in is one Slack does not show it; a public one says whether the app is a member. A channel shared
 * with another organisation is refused unless `shared` allows it (an operator's channel is shared with the
 * association by design; the cellule's and the groups' are the programme's own).
 */
export async function channelProblem(
  client: WebClient,
  channel: string,
  options: { shared: 'allowed' | 'refused' },
): Promise<string | undefined> {
  let answer: unknown;
  try {
    answer = await client.conversations.info({ channel });
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    return code === 'channel_not_found' ? t.channelNotFound : t.channelUnchecked;
  }
  const parsed = channelInfo.safeParse(answer);
  if (!parsed.success) return t.channelUnchecked;
  const c = parsed.data.channel;
  if (c.is_archived) return t.channelArchived;
  if (c.is_ext_shared && options.shared === 'refused') return t.channelShared;
  if (c.is_member !== true) return t.channelNotMember;
  return undefined;
}
