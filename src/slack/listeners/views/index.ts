import type { App } from '@slack/bolt';
import { callbacks } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { intakeSubmitted } from './intake-submitted.js';

export function register(app: App, s: AppServices): void {
  app.view(callbacks.intake, intakeSubmitted(s));
}
