import type { App } from '@slack/bolt';
import type { AppServices } from '../../services.js';
import { fileSharedInDm, messageInDm } from '../lists.js';
import { appHomeOpened } from './app-home-opened.js';

export function register(app: App, s: AppServices): void {
  app.event('app_home_opened', appHomeOpened(s));
  app.event('file_shared', fileSharedInDm(s));
  app.event('message', messageInDm(s));
}
