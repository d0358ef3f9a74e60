import { afterEach, describe, expect, it } from 'vitest';
import { fr, frCase } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { CHANNELS, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

async function referAndGetCard(harness: Harness, form = intakeForm()) {
  const viewId = await harness.openIntake(USERS.teacher);
  await harness.driver.submitView(viewId, form);
  return harness.slack.waitFor(() => harness.slack.messagesIn(CHANNELS.cellule)[0], 5000, 'card');
}

describe('the cellule card', () => {
  it('"Voir le dossier" shows level 1 in a modal to a coordinator or team member, refuses others, and records both', async () => {
    h = await startHarness();
    const form = intakeForm();
    const card = await referAndGetCard(h, form);
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });

    await h.driver.clickButton(USERS.teacher, card, actions.viewFile);
    const refused = await h.slack.waitFor(() => h.slack.accepted('views.open')[1], 5000, 'refusal');
    const refusedText = String(refused.args.view);
    expect(refusedText).toContain(fr.file.refusedTitle);
    expect(refusedText).not.toContain(String(form.child_first_name));

    for (const user of [USERS.coordinator, USERS.team]) {
      const before = h.slack.accepted('views.open').length;
      await h.driver.clickButton(user, card, actions.viewFile);
      const opened = await h.slack.waitFor(() => h.slack.accepted('views.open')[before], 5000, 'case file');
      const text = String(opened.args.view);
      expect(text).toContain(String(form.child_first_name));
      expect(text).toContain(String(form.child_last_name));
      expect(text).toContain('14/05/2016');
      expect(text).toContain('06 48 27 93 15');
    }

    const log = await h.app.db.prisma.accessLog.findMany({ orderBy: { id: 'asc' } });
    expect(log.map((l) => [l.userId, l.granted])).toEqual([
      [USERS.teacher, false],
      [USERS.coordinator, true],
      [USERS.team, true],
    ]);
  });

  it('"Prendre en charge" assigns once, updates the card, adds a thread line, and a stale card changes nothing', async () => {
    h = await startHarness();
    const card = await referAndGetCard(h);
    const staleCopy = structuredClone(card);

    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await h.slack.waitFor(() => card.edited, 5000, 'card update');
    const updated = JSON.stringify(card.blocks);
    expect(updated).toContain(`<@${USERS.team}>`);
    expect(updated).not.toContain(fr.card.take);
    const thread = await h.slack.waitFor(() => h.slack.threadOf(CHANNELS.cellule, card.ts)[0], 5000, 'thread line');
    expect(thread.text).toContain(`<@${USERS.team}>`);

    // A colleague clicks the same button on the card as it was before the update.
    await h.driver.clickButton(USERS.coordinator, staleCopy, actions.takeCase);
    const notice = await h.slack.waitFor(() => h.slack.accepted('chat.postEphemeral')[0], 5000, 'ephemeral');
    expect(notice.args.text).toBe(
      frCase.alreadyAssigned(String((await h.app.db.prisma.referral.findFirstOrThrow()).reference), USERS.team),
    );
    const referral = await h.app.db.prisma.referral.findFirstOrThrow();
    expect(referral.assigneeUserId).toBe(USERS.team);
    const events = await h.app.db.prisma.caseEvent.findMany({ orderBy: { version: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['referred', 'assigned']);
    expect(h.slack.threadOf(CHANNELS.cellule, card.ts)).toHaveLength(1);
  });

  it('two people taking the same case at once: exactly one wins', async () => {
    h = await startHarness();
    const card = await referAndGetCard(h);
    await Promise.all([
      h.driver.clickButton(USERS.team, card, actions.takeCase),
      h.driver.clickButton(USERS.coordinator, card, actions.takeCase),
    ]);
    await h.slack.waitFor(() => h.slack.accepted('chat.postEphemeral').length === 1, 5000, 'loser told');
    const assigned = await h.app.db.prisma.caseEvent.count({ where: { type: 'assigned' } });
    expect(assigned).toBe(1);
  });
});
