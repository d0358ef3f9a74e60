import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runCaseCommand } from '../../../use-cases/run-case-command.js';
import type { AppServices } from '../../services.js';
import { caseDeps, outcomeMessage, readCaseClick } from '../case-support.js';

/** Buttons that change the case at once, without a form: "Prendre en charge", "Rouvrir". */
export function caseCommandClicked(s: AppServices, type: 'take' | 'reopen') {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const click = readCaseClick(body, client);
    if (!click) return;
    const outcome = await runCaseCommand(caseDeps(s), {
      reference: click.reference,
      expectedVersion: click.version,
      userId: click.userId,
      command: { type },
      now: s.now(),
    });
    s.kickOutbox();
    const text = outcomeMessage(click.reference, outcome);
    if (text) await click.tell(text);
  };
}
