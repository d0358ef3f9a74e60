import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeFor } from '../../../use-cases/case-views.js';
import type { AppServices } from '../../services.js';
import { appHome } from '../../views/app-home.js';

export function appHomeOpened(s: AppServices) {
  return async ({ event, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) => {
    if (event.tab !== 'home' || typeof event.user !== 'string') return;
    const [data, titles] = await Promise.all([homeFor(s, event.user, s.now(), s.config.timeZone), s.actionTitles()]);
    await client.views.publish({ user_id: event.user, view: appHome(data, s.config.timeZone, titles) });
  };
}
