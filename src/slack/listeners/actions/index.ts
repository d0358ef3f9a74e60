import type { App } from '@slack/bolt';
import { actions } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { takeCaseClicked } from './take-case.js';
import { viewFileClicked } from './view-file.js';

export function register(app: App, s: AppServices): void {
  app.action(actions.takeCase, takeCaseClicked(s));
  app.action(actions.viewFile, viewFileClicked(s));
}
