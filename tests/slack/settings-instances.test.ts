import { describe, expect, it } from 'vitest';
import { actions } from '../../src/slack/ids.js';
import { settingBlocks as b } from '../../src/slack/views/settings.js';
import { CHANNELS, intakeForm, USERS } from '../support/fixtures.js';
import { startHarness, startSlack } from '../support/harness.js';
import { createTestDatabase, onPostgres } from '../support/test-db.js';

/** Several instances behind a load balancer share the settings: a change through one is in force on all at once. */
describe.runIf(onPostgres())('Réglages on two instances of one PostgreSQL server', () => {
  it('a channel and a delay changed through one instance are in force on the other without a restart', async () => {
    const database = await createTestDatabase();
    const slack = await startSlack();
    const [a, b2] = await Promise.all([startHarness({ database, slack }), startHarness({ database, slack })]);
    try {
      expect(b2.app.settings.current().reviewMonths).toBe(3);
      const opened = slack.accepted('views.open').length;
      await a.driver.slashCommand(USERS.coordinator, 'reglages');
      const root = String(
        ((await slack.waitFor(() => slack.accepted('views.open')[opened])).response.view as { id: string }).id,
      );
      const edit = async (key: string) => {
        const pushed = slack.accepted('views.push').length;
        // The click reaches the other instance: any instance takes any request.
        await b2.driver.clickInView(USERS.coordinator, root, actions.settingEdit, key);
        return String(
          ((await slack.waitFor(() => slack.accepted('views.push')[pushed])).response.view as { id: string }).id,
        );
      };
      await a.driver.submitView(await edit('reviewMonths'), { [b.value]: '6' });
      await a.driver.submitView(await edit('celluleChannel'), { [b.value]: CHANNELS.parenting });
      // Told by the database's notification, not by a restart or a minute's re-read.
      await slack.waitFor(
        () => b2.app.settings.current().celluleChannel === CHANNELS.parenting,
        10_000,
        'the other instance told',
      );
      expect(b2.app.settings.current().reviewMonths).toBe(6);
      // A referral taken by the other instance: its card goes to the new channel.
      const viewId = await b2.openIntake(USERS.teacher);
      await b2.driver.submitView(viewId, intakeForm());
      await slack.waitFor(
        () => slack.messagesIn(CHANNELS.parenting).some((m) => /^Repérage PRE-/.test(m.text ?? '')),
        60_000,
        'the card in the new channel',
      );
      expect(slack.messagesIn(CHANNELS.cellule).filter((m) => /^Repérage PRE-/.test(m.text ?? ''))).toHaveLength(0);

      // A list and a reflection group changed through one instance: offered and served by the other at once.
      const school = {
        id: 'col-nouveau',
        label: 'Collège Nouveau',
        stage: 'college' as const,
        education: 'rep' as const,
      };
      expect(
        await a.app.lists.change(
          [{ key: 'schools', entries: [school], expectedVersion: 0 }],
          USERS.coordinator,
          new Date(),
        ),
      ).toEqual({
        kind: 'recorded',
        changed: 1,
      });
      const group = {
        id: 'petite-enfance',
        name: 'Petite enfance',
        axes: ['health' as const],
        channel: CHANNELS.earlyChildhood,
      };
      await a.app.lists.changeGroup(group, 0, USERS.coordinator, new Date());
      await slack.waitFor(() => b2.app.lists.groups().length === 1, 10_000, 'the group on the other instance');
      expect(b2.app.lists.active().schools.at(-1)).toEqual(school);
      expect(b2.app.lists.versionOf('schools')).toBe(1);
      // A form drawn on one instance before the other's change does not overwrite it.
      expect(
        await b2.app.lists.change(
          [{ key: 'schools', entries: [{ ...school, label: 'Collège Ancien' }], expectedVersion: 0 }],
          USERS.coordinator,
          new Date(),
        ),
      ).toEqual({ kind: 'stale' });
    } finally {
      await Promise.all([a.stop(), b2.stop()]);
      await slack.stop();
      await database.dispose();
    }
  });
});
