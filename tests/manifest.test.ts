import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND, callbacks } from '../src/slack/ids.js';

const manifest = readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8');

describe('manifest.yml', () => {
  it('declares the command and shortcuts the app listens to', () => {
    expect(manifest).toContain(`command: ${COMMAND}`);
    expect(manifest).toContain(`callback_id: ${callbacks.newReferralShortcut}`);
    expect(manifest).toContain(`callback_id: ${callbacks.referFromMessageShortcut}`);
    expect(manifest).toMatch(/interactivity:\s+is_enabled: true/);
    expect(manifest).toContain('- app_home_opened');
  });

  it('asks for the bot scopes the features use and no more', () => {
    const scopes = [...(manifest.split('bot_events')[0] ?? '').matchAll(/^\s+- ([a-z:.]+)\s*$/gm)].map((m) => m[1]);
    expect(scopes.sort()).toEqual(['chat:write', 'commands']);
  });
});
