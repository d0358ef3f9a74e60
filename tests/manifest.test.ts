import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { fr, manifestNames } from '../src/i18n/fr.js';
import { COMMAND, callbacks } from '../src/slack/ids.js';
import { parseSubcommand } from '../src/slack/listeners/commands/reperage.js';

const manifest: unknown = parse(readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8'));

/**
 * The parts of Slack's app manifest schema this app uses, with Slack's own limits and patterns, from
 * slackapi/manifest-schema `schemas/manifest.schema.1.0.0.json` (schema version 1.0.0, read at commit 19557f58;
 * the manifest's `_metadata.major_version: 1` selects it). `.strict()` stands for the schema's
 * `additionalProperties: false`: Slack refuses an unknown key as it refuses a long name.
 */
const httpsUrl = z.string().regex(/^https?:\/\//);
const slackManifest = z
  .object({
    _metadata: z.object({ major_version: z.int(), minor_version: z.int() }).partial().strict().optional(),
    display_information: z
      .object({
        name: z.string().min(1).max(35),
        description: z.string().min(1).max(140).optional(),
        // The schema's "regex" keyword: #rgb or #rrggbb.
        background_color: z
          .string()
          .min(4)
          .max(7)
          .regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/)
          .optional(),
        long_description: z.string().min(175).max(4000).optional(),
      })
      .strict(),
    features: z
      .object({
        app_home: z
          .object({
            home_tab_enabled: z.boolean(),
            messages_tab_enabled: z.boolean(),
            messages_tab_read_only_enabled: z.boolean(),
          })
          .partial()
          .strict(),
        bot_user: z.object({ display_name: z.string().min(1).max(80), always_online: z.boolean().optional() }).strict(),
        shortcuts: z
          .array(
            z
              .object({
                name: z.string().min(1).max(24),
                type: z.enum(['message', 'global']),
                callback_id: z.string().min(1).max(255),
                description: z.string().min(1).max(150),
              })
              .strict(),
          )
          .min(1)
          .max(10),
        slash_commands: z
          .array(
            z
              .object({
                command: z.string().min(2).max(32).regex(/^\//),
                url: httpsUrl.max(3000).optional(),
                description: z.string().min(1).max(2000),
                usage_hint: z.string().min(1).max(1000).optional(),
                should_escape: z.boolean().optional(),
              })
              .strict(),
          )
          .min(1)
          .max(50),
      })
      .partial()
      .strict()
      .optional(),
    oauth_config: z
      .object({
        scopes: z
          .object({ bot: z.array(z.string().max(50)).max(255), user: z.array(z.string().max(50)).max(255) })
          .partial()
          .strict(),
      })
      .partial()
      .strict()
      .optional(),
    settings: z
      .object({
        event_subscriptions: z
          .object({
            request_url: httpsUrl.max(3500),
            bot_events: z
              .array(z.string().max(50))
              .max(100)
              .refine((events) => new Set(events).size === events.length, 'events must be unique'),
          })
          .partial()
          .strict(),
        interactivity: z
          .object({
            is_enabled: z.boolean(),
            request_url: httpsUrl.max(3500).optional(),
            message_menu_options_url: httpsUrl.max(3500).optional(),
          })
          .strict(),
        org_deploy_enabled: z.boolean(),
        socket_mode_enabled: z.boolean(),
        token_rotation_enabled: z.boolean(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

/**
 * Slack refuses a manifest naming a scope or an event it does not know. These are the ones this app may ask for,
 * as Slack's scope and event references name them (api.slack.com/scopes, api.slack.com/events); adding a feature
 * that needs another one means adding it here, on purpose.
 */
const KNOWN_BOT_SCOPES = new Set([
  'commands',
  'chat:write',
  'files:write',
  'files:read',
  'users:read',
  'im:write',
  'channels:read',
  'groups:read',
  'channels:history',
  'groups:history',
  'im:history',
]);
const KNOWN_BOT_EVENTS = new Set([
  'app_home_opened',
  'app_mention',
  'message.im',
  'member_joined_channel',
  'file_shared',
]);

function parsedManifest() {
  const result = slackManifest.safeParse(manifest);
  if (!result.success) throw new Error(z.prettifyError(result.error));
  return result.data;
}

describe('manifest.yml', () => {
  it('passes the limits and patterns of Slack’s manifest schema 1.0.0', () => {
    expect(() => parsedManifest()).not.toThrow();
  });

  it('would be refused with a shortcut name over 24 characters, as Slack refused the old one', () => {
    const broken = structuredClone(manifest) as { features: { shortcuts: { name: string }[] } };
    const shortcut = broken.features.shortcuts[1];
    if (!shortcut) throw new Error('the manifest has two shortcuts');
    shortcut.name = 'Repérer à partir de ce message';
    const result = slackManifest.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['features', 'shortcuts', 1, 'name']);
  });

  it('names what the app listens to, with the names the app’s French texts use', () => {
    const m = parsedManifest();
    expect(m.display_information.name).toBe(manifestNames.app);
    expect(m.features?.bot_user?.display_name).toBe(manifestNames.app);
    expect(m.features?.slash_commands?.map((c) => c.command)).toEqual([COMMAND]);
    expect(m.features?.shortcuts).toEqual([
      expect.objectContaining({
        type: 'global',
        callback_id: callbacks.newReferralShortcut,
        name: manifestNames.shortcuts.newReferral,
      }),
      expect.objectContaining({
        type: 'message',
        callback_id: callbacks.referFromMessageShortcut,
        name: manifestNames.shortcuts.referFromMessage,
      }),
    ]);
    expect(m.settings?.interactivity?.is_enabled).toBe(true);
    // The messages tab is open: the coordinator sends the lists' spreadsheet back there.
    expect(m.features?.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('hints every subcommand of /reperage, as its help lists them, and each one is understood', () => {
    const hint = parsedManifest().features?.slash_commands?.[0]?.usage_hint ?? '';
    const hinted = hint.replace(/^\[|\]$/g, '').split(' | ');
    const helped = [...fr.help.matchAll(/`\/reperage ([a-z]+)/g)].map((m) => m[1]);
    expect(new Set(hinted)).toEqual(new Set(helped));
    for (const word of hinted) expect(parseSubcommand(word).kind, word).not.toBe('unknown');
  });

  it('asks for known bot scopes and events, the ones the features use and no more', () => {
    const m = parsedManifest();
    const scopes = m.oauth_config?.scopes?.bot ?? [];
    const events = m.settings?.event_subscriptions?.bot_events ?? [];
    for (const scope of scopes) expect(KNOWN_BOT_SCOPES, scope).toContain(scope);
    for (const event of events) expect(KNOWN_BOT_EVENTS, event).toContain(event);
    expect([...scopes].sort()).toEqual([
      'channels:history',
      'channels:read',
      'chat:write',
      'commands',
      'files:read',
      'files:write',
      'groups:history',
      'groups:read',
      'im:history',
      'im:write',
      'users:read',
    ]);
    expect(events).toEqual(['app_home_opened', 'file_shared', 'message.im']);
  });
});
