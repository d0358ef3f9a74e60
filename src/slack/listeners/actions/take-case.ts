import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { frCase } from '../../../i18n/fr.js';
import { takeCase } from '../../../use-cases/take-case.js';
import type { AppServices } from '../../services.js';

const clickSchema = z.object({
  user: z.object({ id: z.string().min(1).max(32) }),
  channel: z.object({ id: z.string().min(1).max(32) }).optional(),
  actions: z.tuple([z.object({ value: z.string().regex(/^(PRE-\d{4}-\d{4,6})@(\d{1,9})$/) })], z.unknown()),
});

export function takeCaseClicked(s: AppServices) {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const parsed = clickSchema.safeParse(body);
    if (!parsed.success) return;
    const [reference, version] = parsed.data.actions[0].value.split('@') as [string, string];
    const userId = parsed.data.user.id;
    const outcome = await takeCase(
      { referrals: s.referrals, render: s.render },
      { reference, cardVersion: Number(version), userId, now: s.now() },
    );
    s.kickOutbox();
    const channel = parsed.data.channel?.id;
    if (!channel || outcome.kind === 'taken') return;
    const text =
      outcome.kind === 'already_assigned'
        ? frCase.alreadyAssigned(reference, outcome.assigneeUserId)
        : outcome.kind === 'stale'
          ? frCase.staleCard(reference)
          : frCase.notFound;
    await client.chat.postEphemeral({ channel, user: userId, text });
  };
}
