import { afterEach, describe, expect, it } from 'vitest';
import { fr, frCharter } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { ACCESS_REASON_BLOCK } from '../../src/slack/views/modals.js';
import { cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('the case file (level 1)', () => {
  it('asks authorised members why, shows the file in the modal, refuses others, and records every attempt', async () => {
    h = await startHarness();
    const form = intakeForm();
    const viewId = await h.openIntake(USERS.teacher);
    await h.driver.submitView(viewId, form);
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const reference = (await h.app.db.prisma.referral.findFirstOrThrow()).reference;

    await h.driver.clickButton(USERS.teacher, card, actions.viewFile);
    const refused = await h.slack.waitFor(() => h.slack.accepted('views.open')[1], 60_000, 'refusal');
    expect(String(refused.args.view)).toContain(fr.file.refusedTitle);
    expect(String(refused.args.view)).not.toContain(String(form.child_first_name));

    const reasons = { [USERS.coordinator]: 'team_meeting', [USERS.team]: 'follow_up' } as const;
    for (const user of [USERS.coordinator, USERS.team]) {
      const before = h.slack.accepted('views.open').length;
      await h.driver.clickButton(user, card, actions.viewFile);
      const asked = await h.slack.waitFor(() => h.slack.accepted('views.open')[before], 60_000, 'reason modal');
      const askedText = String(asked.args.view);
      expect(askedText).not.toContain(String(form.child_first_name)); // nothing decrypted before the reason
      const reasonView = String((asked.response.view as { id: string }).id);
      const missing = await h.driver.submitView(reasonView, {});
      expect(missing.json?.response_action).toBe('errors');
      const opened = await h.driver.submitView(reasonView, { [ACCESS_REASON_BLOCK]: reasons[user] });
      expect(opened.json?.response_action).toBe('update');
      const text = JSON.stringify(opened.json?.view);
      expect(text).toContain(String(form.child_first_name));
      expect(text).toContain(String(form.child_last_name));
      expect(text).toContain(String(form.birth_date).split('-').reverse().join('/'));
      expect(text).toContain('06 48 27 93 15');
    }

    const log = await h.app.db.prisma.accessLog.findMany({ orderBy: { id: 'asc' } });
    expect(log.map((l) => [l.userId, l.granted, l.reason])).toEqual([
      [USERS.teacher, false, 'refused_before_reason'],
      [USERS.coordinator, true, 'team_meeting'],
      [USERS.team, true, 'follow_up'],
    ]);

    // The coordinator reads the log; nobody else can.
    const shown = String((await h.driver.slashCommand(USERS.coordinator, `acces ${reference}`)).json?.text);
    expect(shown).toContain(frCharter.access.logHeader(reference));
    expect(shown).toContain(`<@${USERS.teacher}> — ${frCharter.access.refused}`);
    expect(shown).toContain(frCharter.access.reasons.follow_up);
    expect((await h.driver.slashCommand(USERS.team, `acces ${reference}`)).json?.text).toBe(
      frCharter.access.coordinatorOnly,
    );
  });
});
