import { describe, expect, it } from 'vitest';
import { frCharter, frLists, frSettings as t } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { memberBlocks } from '../../src/slack/views/members-modal.js';
import { settingBlocks as b } from '../../src/slack/views/settings.js';
import { openHome } from '../support/case-flows.js';
import { CHANNELS, cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { startHarness, startSlack, stoppedAfterEach } from '../support/harness.js';

const running = stoppedAfterEach();

/** Nothing but the Slack credentials and the database: no channel, no coordinator in the environment. */
const BARE = {
  PRE_CELLULE_CHANNEL: '',
  PRE_GROUP_SCHOOLING_CHANNEL: '',
  PRE_GROUP_PARENTING_CHANNEL: '',
  PRE_GROUP_HEALTH_CHANNEL: '',
  PRE_COORDINATORS: '',
};

describe('a new programme set up from Slack', () => {
  it('goes from "app installed" to its first referral and its first digest without an environment variable', async () => {
    // Installed on Sunday 8 November 2026 in the evening; the first full week is W46.
    let offset = new Date('2026-11-08T20:00:00Z').getTime() - Date.now();
    const now = () => new Date(Date.now() + offset);
    const s = await startSlack({ admins: [USERS.coordinator] });
    running.slack = s;
    const harness = await startHarness({ slack: s, env: BARE, now });
    running.harness = harness;
    const opened = async (method: 'views.open' | 'views.push', before: number) =>
      String(((await s.waitFor(() => s.accepted(method)[before])).response.view as { id: string }).id);

    // Nobody coordinates yet: a member is told to wait, the workspace's administrator may take the role.
    expect(await openHome(harness, USERS.teacher)).toContain(t.setup.unconfigured);
    expect(await openHome(harness, USERS.coordinator)).toContain(t.setup.claimButton);
    let before = s.accepted('views.open').length;
    const forged = harness.driver.blockActions(
      USERS.teacher,
      { home: s.homeViews.get(USERS.coordinator) as Record<string, unknown> },
      { actionId: actions.claimCoordinator, blockId: 'x', value: 'claim' },
    );
    await harness.driver.send(harness.driver.interactiveBody(forged));
    expect(JSON.stringify(s.views.get(await opened('views.open', before))?.view)).toContain(t.setup.notAdmin);
    before = s.accepted('views.open').length;
    await harness.driver.clickInHome(USERS.coordinator, actions.claimCoordinator);
    expect(JSON.stringify(s.views.get(await opened('views.open', before))?.view)).toContain(t.setup.claimed);
    const events = await harness.app.db.prisma.memberEvent.findMany();
    expect(events.map((e) => [e.slackUserId, e.change, e.role, e.actorId])).toEqual([
      [USERS.coordinator, 'grant', 'coordinator', USERS.coordinator],
    ]);

    // The checklist: only the lists (shipped with the app) are done.
    let home = await openHome(harness, USERS.coordinator);
    expect(home).toContain(t.setup.title);
    expect(home).not.toContain(t.setup.claimButton);
    expect((home.match(/white_check_mark/g) ?? []).length).toBe(1);

    // The lists, one click away from the checklist: checked there (App Home opens them, no modal under).
    before = s.accepted('views.open').length;
    await harness.driver.clickInHome(USERS.coordinator, actions.listsOpen);
    expect(JSON.stringify(s.views.get(await opened('views.open', before))?.view)).toContain(frLists.title);

    // Réglages: the digests cannot be turned on before their channels are chosen; then the four channels.
    before = s.accepted('views.open').length;
    await harness.driver.clickInHome(USERS.coordinator, actions.settingsOpen);
    const root = await opened('views.open', before);
    const edit = async (key: string, values: Record<string, string | string[]>) => {
      const pushed = s.accepted('views.push').length;
      await harness.driver.clickInView(USERS.coordinator, root, actions.settingEdit, key);
      return harness.driver.submitView(await opened('views.push', pushed), values);
    };
    expect((await edit('digestsEnabled', { [b.value]: 'on' })).json?.errors).toEqual({
      [b.value]: t.digestsNeedChannels,
    });
    await edit('celluleChannel', { [b.value]: CHANNELS.cellule });
    await edit('schoolingChannel', { [b.value]: CHANNELS.schooling });
    await edit('parentingChannel', { [b.value]: CHANNELS.parenting });
    await edit('healthChannel', { [b.value]: CHANNELS.health });

    // The team, from App Home's "Membres".
    before = s.accepted('views.open').length;
    await harness.driver.clickInHome(USERS.coordinator, actions.membersOpen);
    const members = await opened('views.open', before);
    expect(JSON.stringify(s.views.get(members)?.view)).toContain(frCharter.members.title);
    await harness.driver.submitView(members, {
      [memberBlocks.user]: USERS.team,
      [memberBlocks.change]: 'grant',
      [memberBlocks.role]: 'team',
      [memberBlocks.institution]: 'pre',
      [memberBlocks.confirm]: ['yes'],
    });

    // The first referral, on Tuesday: its card in the cellule's channel.
    offset = new Date('2026-11-10T09:00:00Z').getTime() - Date.now();
    await harness.driver.submitView(await harness.openIntake(USERS.teacher), intakeForm());
    await s.waitFor(() => cardsIn(s).length === 1, 60_000, 'the first card');

    // Monday 16 November, past the digests' hour: nothing published while they are off.
    offset = new Date('2026-11-16T09:30:00Z').getTime() - Date.now();
    await harness.app.jobs.weeklyDigest();
    const digests = () =>
      [CHANNELS.cellule, CHANNELS.schooling, CHANNELS.parenting, CHANNELS.health].flatMap((c) =>
        s.messagesIn(c).filter((m) => (m.text ?? '').endsWith('2026-W46')),
      );
    expect(await harness.app.db.prisma.digestRun.count()).toBe(0);
    expect(digests()).toHaveLength(0);
    // Turned on: last week's digests go now (this week's hour has passed), one per audience.
    await edit('digestsEnabled', { [b.value]: 'on' });
    await s.waitFor(() => digests().length === 4, 60_000, 'the first digests');

    // The programme is ready: the checklist is gone.
    home = await openHome(harness, USERS.coordinator);
    expect(home).not.toContain(t.setup.title);
    expect(home).toContain(t.homeTitle);
  });
});
