// What the sandbox shows of the app as Slack would, read from the same manifest.yml a workspace installs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PROJECT_ROOT } from '../paths.js';

const manifestShape = z.object({
  display_information: z.object({ name: z.string().min(1) }),
  features: z.object({
    shortcuts: z
      .array(z.object({ name: z.string().min(1), type: z.enum(['global', 'message']), callback_id: z.string().min(1) }))
      .default([]),
    app_home: z
      .object({ messages_tab_enabled: z.boolean().optional(), messages_tab_read_only_enabled: z.boolean().optional() })
      .optional(),
  }),
});

export interface AppPresentation {
  /** The name Slack signs the app's messages with. */
  name: string;
  /** Whether users may write in the app's messages tab (Slack shows no composer when read-only). */
  dmReadOnly: boolean;
  /** The shortcuts Slack offers: global ones from the composer's shortcut button, message ones on each message. */
  shortcuts: { name: string; type: 'global' | 'message'; callbackId: string }[];
}

export function readManifest(file = join(PROJECT_ROOT, 'manifest.yml')): AppPresentation {
  const manifest = manifestShape.parse(parse(readFileSync(file, 'utf8')));
  const home = manifest.features.app_home;
  return {
    name: manifest.display_information.name,
    dmReadOnly: home?.messages_tab_read_only_enabled === true,
    shortcuts: manifest.features.shortcuts.map((s) => ({ name: s.name, type: s.type, callbackId: s.callback_id })),
  };
}
