import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { isCoordinator } from '../../domain/roles.js';
import { frCharter, frSettings } from '../../i18n/fr.js';
import { homeFor } from '../../use-cases/case-views.js';
import { homeSetup } from '../../use-cases/onboarding.js';
import type { AppServices } from '../services.js';
import { buttonClick } from '../view-state.js';
import { appHome } from '../views/app-home.js';
import { membersModal } from '../views/members-modal.js';
import { messageModal } from '../views/modals.js';
import { onClick } from './handlers.js';

const click = buttonClick(z.string().max(32));

const userInfo = z.object({
  ok: z.literal(true),
  user: z
    .object({
      is_admin: z.boolean().optional(),
      is_owner: z.boolean().optional(),
      is_primary_owner: z.boolean().optional(),
    })
    .loose(),
});

/**
 * Does `userId` administer the Slack workspace (admin or owner, as users.info says)? Who installs an app is one of
 * them: the programme's first coordinator is taken among them. Any doubt (Slack not answering) is a no.
 */
async function isWorkspaceAdmin(client: WebClient, userId: string): Promise<boolean> {
  try {
    const parsed = userInfo.safeParse(await client.users.info({ user: userId }));
    const u = parsed.success ? parsed.data.user : undefined;
    return Boolean(u && (u.is_admin || u.is_owner || u.is_primary_owner));
  } catch {
    return false;
  }
}

/** Draws `userId`'s App Home: their lists, and the programme's set-up while it is not done. */
export async function publishHome(s: AppServices, client: WebClient, userId: string): Promise<void> {
  const [data, titles] = await Promise.all([homeFor(s, userId, s.now(), s.config.timeZone), s.actionTitles()]);
  const setup = await homeSetup(s, {
    coordinator: data.coordinator === true,
    isWorkspaceAdmin: () => isWorkspaceAdmin(client, userId),
  });
  await client.views.publish({ user_id: userId, view: appHome(data, s.config.timeZone, titles, setup) });
}

/**
 * "Devenir chef de projet PRE": only while the programme has no coordinator, only for an administrator of the
 * workspace (asked of Slack again here, not taken from the button), recorded as a role change.
 */
export function claimCoordinatorClicked(s: AppServices) {
  return onClick(click, async (c, { client }) => {
    const t = frSettings.setup;
    const outcome = !(await isWorkspaceAdmin(client, c.user.id))
      ? 'not_admin'
      : await s.members.claimFirstCoordinator({ userId: c.user.id, at: s.now() });
    if (outcome === 'granted') s.logger.info({ by: c.user.id }, 'first coordinator: role taken by a workspace admin');
    const text = outcome === 'granted' ? t.claimed : outcome === 'taken' ? t.taken : t.notAdmin;
    await client.views.open({ trigger_id: c.trigger_id, view: messageModal(t.claimConfirmTitle, text) });
    await publishHome(s, client, c.user.id);
  });
}

/** App Home's "Membres" during the set-up: the same modal as `/reperage membres`. */
export function membersOpenClicked(s: AppServices) {
  return onClick(click, async (c, { client }) => {
    const { roles } = await s.members.profile(c.user.id);
    const view = isCoordinator(roles)
      ? membersModal(await s.members.withRoles(), s.lists, s.config.coordinators, s.labels.institution)
      : messageModal(frCharter.members.title, frCharter.members.coordinatorOnly);
    await client.views.open({ trigger_id: c.trigger_id, view });
  });
}
