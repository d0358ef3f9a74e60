import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runCaseCommand } from '../../../use-cases/run-case-command.js';
import type { AppServices } from '../../services.js';
import { caseDeps, clickSchema, outcomeMessage } from '../case-support.js';

/** Buttons that change the case at once, without a form: "Prendre en charge", "Rouvrir". */
export function caseCommandClicked(s: AppServices, type: 'take' | 'reopen') {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const parsed = clickSchema.safeParse(body);
    if (!parsed.success) return;
    const { reference, version } = parsed.data.actions[0].value;
    const userId = parsed.data.user.id;
    const outcome = await runCaseCommand(caseDeps(s), {
      reference,
      expectedVersion: version,
      userId,
      command: { type },
      now: s.now(),
    });
    s.kickOutbox();
    const text = outcomeMessage(reference, outcome);
    const channel = parsed.data.channel?.id;
    if (text && channel) await client.chat.postEphemeral({ channel, user: userId, text });
  };
}
