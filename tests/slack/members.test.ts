import { afterEach, describe, expect, it } from 'vitest';
import { frCharter } from '../../src/i18n/fr.js';
import { memberBlocks as b } from '../../src/slack/views/members-modal.js';
import { USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

async function openMembers(user: string): Promise<string> {
  const before = h.slack.accepted('views.open').length;
  await h.driver.slashCommand(user, 'membres');
  const call = await h.slack.waitFor(() => h.slack.accepted('views.open')[before], 60_000, 'members modal');
  return String((call.response.view as { id: string }).id);
}

describe('/reperage membres', () => {
  it('lets a coordinator grant and remove roles, records every change, and refuses everyone else', async () => {
    h = await startHarness();
    expect((await h.driver.slashCommand(USERS.teacher, 'membres')).json?.text).toBe(frCharter.members.coordinatorOnly);

    let form = await openMembers(USERS.coordinator);
    const incomplete = await h.driver.submitView(form, { [b.user]: USERS.team });
    expect(Object.keys(incomplete.json?.errors as object).sort()).toEqual([b.change, b.role]);
    // A role that opens children's files asks for the institution and a confirmation.
    const unconfirmed = await h.driver.submitView(form, {
      [b.user]: USERS.team,
      [b.change]: 'grant',
      [b.role]: 'team',
    });
    expect(unconfirmed.json?.errors).toEqual({
      [b.confirm]: frCharter.members.confirmRequired,
      [b.institution]: frCharter.members.institutionRequired,
    });
    const granted = await h.driver.submitView(form, {
      [b.user]: USERS.team,
      [b.change]: 'grant',
      [b.role]: 'team',
      [b.institution]: 'pre',
      [b.confirm]: ['yes'],
    });
    expect(JSON.stringify(granted.json?.view)).toContain(`<@${USERS.team}>`);
    const member = await h.app.db.prisma.member.findUniqueOrThrow({ where: { slackUserId: USERS.team } });
    expect(member).toMatchObject({ roles: ['team'], institution: 'pre' });

    // The listing shows the new member and the configured coordinator.
    form = await openMembers(USERS.coordinator);
    const listing = JSON.stringify(h.slack.views.get(form)?.view);
    expect(listing).toContain(`<@${USERS.team}>`);
    expect(listing).toContain(`<@${USERS.coordinator}>`);
    const locked = await h.driver.submitView(form, {
      [b.user]: USERS.coordinator,
      [b.change]: 'revoke',
      [b.role]: 'coordinator',
    });
    expect(locked.json?.errors).toEqual({ [b.role]: frCharter.members.configuredCoordinator });
    // No user ever reads a configuration variable's name.
    expect(JSON.stringify(locked.json)).not.toMatch(/PRE_[A-Z]/);
    await h.driver.submitView(form, { [b.user]: USERS.team, [b.change]: 'revoke', [b.role]: 'team' });
    expect((await h.app.db.prisma.member.findUniqueOrThrow({ where: { slackUserId: USERS.team } })).roles).toEqual([]);

    const events = await h.app.db.prisma.memberEvent.findMany({ orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.slackUserId, e.change, e.role, e.actorId])).toEqual([
      [USERS.team, 'grant', 'team', USERS.coordinator],
      [USERS.team, 'revoke', 'team', USERS.coordinator],
    ]);
  });
});
