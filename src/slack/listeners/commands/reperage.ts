import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { fr } from '../../../i18n/fr.js';
import type { AppServices } from '../../services.js';
import { openIntake } from '../open-intake.js';

const commandSchema = z.object({
  user_id: z.string().min(1).max(32),
  trigger_id: z.string().min(1).max(255),
  text: z.string().max(4000).default(''),
});

type Subcommand = { kind: 'new' } | { kind: 'help' } | { kind: 'unknown' };

export function parseSubcommand(text: string): Subcommand {
  const word = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (word === '' || word === 'nouveau') return { kind: 'new' };
  if (word === 'aide' || word === 'help') return { kind: 'help' };
  return { kind: 'unknown' };
}

export function reperageCommand(s: AppServices) {
  return async ({ ack, command, client }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      await ack({ response_type: 'ephemeral', text: fr.genericError });
      return;
    }
    const sub = parseSubcommand(parsed.data.text);
    if (sub.kind === 'help') return ack({ response_type: 'ephemeral', text: fr.help });
    if (sub.kind === 'unknown') return ack({ response_type: 'ephemeral', text: fr.unknownCommand });
    await ack();
    await openIntake(s, client, { triggerId: parsed.data.trigger_id, userId: parsed.data.user_id });
  };
}
