import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewResponseAction,
} from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { z } from 'zod';
import { isCoordinator } from '../../domain/roles.js';
import type { AppServices } from '../services.js';
import { messageModal } from '../views/modals.js';

export type ClickArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;
export type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs;

/**
 * A button's handler: acknowledged at once (Slack's 3 seconds), then the click is parsed; a click that does not parse
 * changes nothing and opens nothing.
 */
export function onClick<S extends z.ZodType>(schema: S, handle: (click: z.infer<S>, args: ClickArgs) => Promise<void>) {
  return async (args: ClickArgs) => {
    await args.ack();
    const parsed = schema.safeParse(args.body);
    if (parsed.success) await handle(parsed.data, args);
  };
}

/**
 * A form's handler: the submission is parsed first; one that does not parse is answered with `unreadable` (an inline
 * error or a message in the modal) and changes nothing.
 */
export function onSubmit<S extends z.ZodType>(
  schema: S,
  unreadable: ViewResponseAction,
  handle: (submission: z.infer<S>, args: SubmitArgs) => Promise<void>,
) {
  return async (args: SubmitArgs) => {
    const parsed = schema.safeParse(args.body);
    if (parsed.success) await handle(parsed.data, args);
    else await args.ack(unreadable);
  };
}

/** An inline error under one block, as Slack shows it in the modal. */
export const blockError = (blockId: string, message: string): ViewResponseAction => ({
  response_action: 'errors',
  errors: { [blockId]: message },
});

/** The form's answer that replaces it with a message (a refusal, a confirmation). */
export const inModal = (title: string, text: string): ViewResponseAction => ({
  response_action: 'update',
  view: messageModal(title, text),
});

/** Answers the form with its inline errors when there are any; true when it did (the submission stops there). */
export async function answeredWithErrors(ack: SubmitArgs['ack'], errors: Record<string, string>): Promise<boolean> {
  if (Object.keys(errors).length === 0) return false;
  await ack({ response_action: 'errors', errors });
  return true;
}

/** The view `build` draws, for a coordinator; anyone else reads why not (`title`, `refusal`) in its place. */
export async function forCoordinator(
  s: Pick<AppServices, 'members'>,
  userId: string,
  words: { title: string; coordinatorOnly: string },
  build: () => Promise<ModalView> | ModalView,
): Promise<ModalView> {
  const { roles } = await s.members.profile(userId);
  return isCoordinator(roles) ? build() : messageModal(words.title, words.coordinatorOnly);
}
