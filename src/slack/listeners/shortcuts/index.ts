import type { App } from '@slack/bolt';
import { callbacks } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { newReferralShortcut } from './new-referral.js';

export function register(app: App, s: AppServices): void {
  app.shortcut(callbacks.newReferralShortcut, newReferralShortcut(s));
  app.shortcut(callbacks.referFromMessageShortcut, newReferralShortcut(s));
}
