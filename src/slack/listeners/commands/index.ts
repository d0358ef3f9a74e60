import type { App } from '@slack/bolt';
import { COMMAND } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { reperageCommand } from './reperage.js';

export function register(app: App, s: AppServices): void {
  app.command(COMMAND, reperageCommand(s));
}
