import { afterEach, describe, expect, it } from 'vitest';
import { fr, frCharter } from '../../src/i18n/fr.js';
import { actions, intakeBlocks } from '../../src/slack/ids.js';
import { ACCESS_REASON_BLOCK } from '../../src/slack/views/modals.js';
import { canary } from '../support/canary.js';
import { cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('the case file (level 1)', () => {
  it('asks authorised members why, shows the file in the modal, refuses others, and records every attempt', async () => {
    h = await startHarness();
    // With a second legal representative: asked at intake, read back in the file.
    const form = intakeForm({ [intakeBlocks.guardian2Name]: canary('Parent2') });
    const viewId = await h.openIntake(USERS.teacher);
    await h.driver.submitView(viewId, form);
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const reference = (await h.app.db.prisma.referral.findFirstOrThrow()).reference;
    // The team member examines the situation: référent de parcours, one of the case's people.
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await h.slack.waitFor(() => JSON.stringify(card.blocks).includes('@2"'), 60_000, 'card v2');

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
      expect(text).toContain(String(form[intakeBlocks.guardian2Name]));
      // The family's agreement the teacher received: its first record, for the team to complete.
      expect(text).toContain(fr.file.agreementAtReferral);
      expect(text).toContain(`${fr.file.representatives} : ${fr.file.toComplete}`);
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

describe('the access log (charter: every read is recorded, and can be read back whole)', () => {
  it('keeps granted reads in view under a flood of refusals and pages through everything in a modal', async () => {
    h = await startHarness();
    const viewId = await h.openIntake(USERS.teacher);
    await h.driver.submitView(viewId, intakeForm());
    await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    const { id, reference } = await h.app.db.prisma.referral.findFirstOrThrow();
    // 30 granted reads by 30 people over a month, then 120 refused clicks by 40 outsiders (3 each).
    const start = new Date('2026-10-01T08:00:00Z').getTime();
    const minute = 60_000;
    const rows = [
      ...Array.from({ length: 30 }, (_, i) => ({
        referralId: id,
        userId: `UREAD${String(i).padStart(4, '0')}`,
        at: new Date(start + i * 24 * 60 * minute),
        reason: 'follow_up',
        granted: true,
      })),
      ...Array.from({ length: 120 }, (_, i) => ({
        referralId: id,
        userId: `UOUT${String(i % 40).padStart(5, '0')}`,
        at: new Date(start + 40 * 24 * 60 * minute + i * minute),
        reason: 'refused_before_reason',
        granted: false,
      })),
    ];
    await h.app.db.prisma.accessLog.createMany({ data: rows });

    const answer = await h.driver.slashCommand(USERS.coordinator, `acces ${reference}`);
    const text = String(answer.json?.text);
    expect(text.length).toBeLessThanOrEqual(4000);
    expect(text).toContain('<@UREAD0029>'); // the newest granted read is there, above the refusals
    expect(text).toMatch(/Non affichés ici : (\d+ consultations? et )?\d+ refus/);
    const blocks = answer.json?.blocks as unknown[];

    // The outsider cannot page; the coordinator can, through every line, newest first.
    const opens = h.slack.accepted('views.open').length;
    await h.driver.clickEphemeral(USERS.team, blocks, actions.accessLogPage);
    const refused = await h.slack.waitFor(() => h.slack.accepted('views.open')[opens], 60_000, 'refusal');
    expect(String(refused.args.view)).toContain(frCharter.access.coordinatorOnly);
    const before = opens + 1;
    await h.driver.clickEphemeral(USERS.coordinator, blocks, actions.accessLogPage);
    const opened = await h.slack.waitFor(() => h.slack.accepted('views.open')[before], 60_000, 'log modal');
    const modalId = String((opened.response.view as { id: string }).id);
    const seen: string[] = [];
    const pageLines = () => {
      const blocks = (h.slack.views.get(modalId)?.view.blocks ?? []) as { text?: { text: string } }[];
      return (blocks[1]?.text?.text ?? '').split('\n');
    };
    seen.push(...pageLines());
    for (let page = 1; page < 3; page += 1) {
      const updates = h.slack.accepted('views.update').length;
      await h.driver.clickInView(USERS.coordinator, modalId, `${actions.accessLogPage}_next`);
      await h.slack.waitFor(() => h.slack.accepted('views.update')[updates], 60_000, `page ${page + 1}`);
      seen.push(...pageLines());
    }
    // 30 granted lines + 40 folded refusal lines = 70 lines on 3 pages; the last has no "next" button.
    expect(() => h.driver.clickInView(USERS.coordinator, modalId, `${actions.accessLogPage}_next`)).toThrow(
      /no button/,
    );
    expect(seen.filter((l) => l.includes(frCharter.access.granted))).toHaveLength(30);
    expect(seen.filter((l) => l.includes('refusé 3 fois'))).toHaveLength(40);
    expect(JSON.stringify(h.slack.views.get(modalId)?.view)).toContain('Page 3 sur 3');
  });
});
