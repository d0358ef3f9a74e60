import { afterEach, describe, expect, it } from 'vitest';
import { fr } from '../../src/i18n/fr.js';
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
});
