import type { App } from '@slack/bolt';
import type { AppServices } from '../services.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as shortcuts from './shortcuts/index.js';
import * as views from './views/index.js';

export function registerListeners(app: App, s: AppServices): void {
  commands.register(app, s);
  shortcuts.register(app, s);
  views.register(app, s);
  actions.register(app, s);
  events.register(app, s);
}
