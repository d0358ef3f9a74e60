import { addDays, addMonths } from 'date-fns';
import { afterEach, describe, expect, it } from 'vitest';
import { frArchive, frCharter } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { visaBlocks } from '../../src/slack/views/archive-messages.js';
import { ACCESS_REASON_BLOCK } from '../../src/slack/views/modals.js';
import { opened } from '../support/case-flows.js';
import { cardsIn, intakeForm, parisToday, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const dm = (userId: string) => `D${userId.slice(1)}`;

describe('intermediate archive and the bordereau d’élimination, from Slack', () => {
  it('closed files are the coordinators’ only; the visa recorded in Slack erases the batch', async () => {
    let clock = new Date();
    h = await startHarness({ now: () => clock });
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const viewId = await h.openIntake(USERS.teacher);
    const intake = intakeForm();
    await h.driver.submitView(viewId, intake);
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    // Examined: a line in the card's thread.
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await h.slack.waitFor(() => h.slack.threadOf(card.channel, card.ts).length === 1, 60_000, 'thread line');
    const row = await h.app.db.prisma.referral.findFirstOrThrow();
    const reference = row.reference;
    // The case closes (the pathway's own tests cover the closure modal).
    await h.app.db.prisma.referral.update({
      where: { id: row.id },
      data: {
        status: 'closed',
        closedAt: clock,
        assigneeUserId: USERS.team,
        pathway: { ...(row.pathway as object), status: 'closed', assigneeUserId: USERS.team },
      },
    });

    // Closed, the file stays its référent's (with a reason, logged) for PRE_ARCHIVE_DAYS (90 by default)…
    const kept = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.viewFile));
    expect(kept.text).toContain(ACCESS_REASON_BLOCK);
    clock = addDays(clock, 89);
    expect((await opened(h, () => h.driver.clickButton(USERS.team, card, actions.viewFile))).text).toContain(
      ACCESS_REASON_BLOCK,
    );
    // …then it is in the intermediate archive: its own référent is refused (and logged); the coordinator reads it,
    // with a reason.
    clock = addDays(clock, 1);
    const refused = await opened(h, () => h.driver.clickButton(USERS.team, card, actions.viewFile));
    expect(refused.text).toContain(frArchive.archivedFile);
    const asked = await opened(h, () => h.driver.clickButton(USERS.coordinator, card, actions.viewFile));
    const file = await h.driver.submitView(asked.id, { [ACCESS_REASON_BLOCK]: 'follow_up' });
    expect(file.json?.response_action).toBe('update');
    expect(JSON.stringify(file.json?.view)).toContain(String(intake.child_first_name));
    expect(
      (await h.app.db.prisma.accessLog.findMany({ orderBy: { id: 'asc' } })).map((l) => [l.userId, l.granted]),
    ).toEqual([
      [USERS.team, false],
      [USERS.coordinator, true],
    ]);

    // Thirteen months later: the retention run drafts a bordereau and sends it to the coordinator.
    clock = addMonths(clock, 13);
    await h.app.jobs.retention();
    h.app.dispatcher.kick();
    const bordereau = await h.slack.waitFor(() => h.slack.messagesIn(dm(USERS.coordinator))[0], 60_000, 'bordereau');
    const number = `BE-${clock.getFullYear()}-001`;
    expect(bordereau.text).toBe(frArchive.bordereau.fallback(number, 1));
    expect(JSON.stringify(bordereau.blocks)).toContain(reference);
    expect(await h.app.db.prisma.sensitiveValue.count()).toBeGreaterThan(0);
    // The list says where it stands, for the coordinator only.
    const list = await h.driver.slashCommand(USERS.coordinator, 'archives');
    expect(String(list.json?.text)).toContain(`${number} — 1 dossier — ${frArchive.list.status('drafted')}`);
    expect((await h.driver.slashCommand(USERS.team, 'archives')).json?.text).toBe(frArchive.list.coordinatorOnly);

    // Only a coordinator records the visa; the date is checked inline.
    const notCoordinator = await opened(h, () => h.driver.clickButton(USERS.team, bordereau, actions.recordVisa));
    expect(notCoordinator.text).toContain(frArchive.visa.coordinatorOnly);
    const form = await opened(h, () => h.driver.clickButton(USERS.coordinator, bordereau, actions.recordVisa));
    expect(form.text).toContain(frArchive.visa.receivedOn);
    const future = await h.driver.submitView(form.id, { [visaBlocks.receivedOn]: parisToday(addDays(clock, 2)) });
    expect(future.json).toEqual({
      response_action: 'errors',
      errors: { [visaBlocks.receivedOn]: frArchive.visa.futureDate },
    });
    const tooEarly = await h.driver.submitView(form.id, { [visaBlocks.receivedOn]: parisToday(addDays(clock, -3)) });
    expect(JSON.stringify(tooEarly.json)).toContain('antérieur');
    expect(await h.app.db.prisma.sensitiveValue.count()).toBeGreaterThan(0);
    const recorded = await h.driver.submitView(form.id, {
      [visaBlocks.receivedOn]: parisToday(clock),
      [visaBlocks.reference]: 'AD93-2027-114',
    });
    expect(recorded.json?.response_action).toBe('update');
    expect(JSON.stringify(recorded.json?.view)).toContain(frArchive.visa.recordedTitle);

    // The card as it is until the erasure reaches Slack (a click on it may come late).
    const cardBefore = structuredClone(card);
    // The erasure follows the ack, and the coordinator is told.
    const done = await h.slack.waitFor(() => h.slack.messagesIn(dm(USERS.coordinator))[1], 60_000, 'erased notice');
    expect(done.text).toContain(`${number}`);
    expect(done.text).toContain('1 dossier éliminé');
    expect(await h.app.db.prisma.sensitiveValue.count()).toBe(0);
    expect(await h.app.db.prisma.caseKey.count()).toBe(0);
    // In Slack the card says "effacé" with the reference alone, no button left; a late click is told.
    await h.slack.waitFor(
      () => card.text?.includes(frArchive.erasedCase.card(reference).slice(0, 30)),
      60_000,
      'erased card',
    );
    expect(JSON.stringify(card.blocks)).not.toContain(actions.viewFile);
    await h.outboxDrained();
    expect(h.slack.threadOf(card.channel, card.ts)).toEqual([]);
    const again = await opened(h, () => h.driver.clickButton(USERS.coordinator, cardBefore, actions.viewFile));
    const erased = await h.driver.submitView(again.id, { [ACCESS_REASON_BLOCK]: 'follow_up' });
    expect(JSON.stringify(erased.json?.view)).toContain(frCharter.access.erased);
    expect(String((await h.driver.slashCommand(USERS.coordinator, 'archives')).json?.text)).toContain('éliminé');
    await h.outboxDrained();
  });
});

describe('a case that never closes, from Slack', () => {
  it('is proposed to the coordinator by direct message, whose button opens the closure form', async () => {
    let clock = new Date();
    h = await startHarness({ now: () => clock });
    const viewId = await h.openIntake(USERS.teacher);
    await h.driver.submitView(viewId, intakeForm());
    await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    const { reference } = await h.app.db.prisma.referral.findFirstOrThrow();
    clock = addMonths(clock, 25);
    await h.app.jobs.retention();
    h.app.dispatcher.kick();
    const proposal = await h.slack.waitFor(() => h.slack.messagesIn(dm(USERS.coordinator))[0], 60_000, 'proposal');
    expect(proposal.text).toBe(frArchive.inactivity.fallback(reference));
    const form = await opened(h, () => h.driver.clickButton(USERS.coordinator, proposal, actions.close));
    expect(form.text).toContain('case_close_modal');
    // Proposed once: the next hourly run sends nothing more.
    await h.app.jobs.retention();
    await h.outboxDrained();
    expect(h.slack.messagesIn(dm(USERS.coordinator))).toHaveLength(1);
  });
});
