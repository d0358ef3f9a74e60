import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { AppServices } from '../../services.js';
import { publishHome } from '../onboarding.js';

export function appHomeOpened(s: AppServices) {
  return async ({ event, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) => {
    if (event.tab !== 'home' || typeof event.user !== 'string') return;
    await publishHome(s, client, event.user);
  };
}
