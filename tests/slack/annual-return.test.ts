import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { schoolYearOf } from '../../src/domain/dates.js';
import { frAnnual } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { directChannelOf } from '../../src/slack-emulator/emulator.js';
import { leaksIn } from '../support/canary.js';
import { agree, cardAt } from '../support/case-flows.js';
import { cardsIn, intakeForm, parisToday, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('the bilan annuel from Slack', () => {
  it('sends the coordinator two workbooks and their CSV by direct message, through Slack’s upload flow', async () => {
    h = await startHarness();
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    for (let i = 0; i < 2; i += 1) {
      const viewId = await h.openIntake(USERS.teacher);
      await h.driver.submitView(viewId, intakeForm());
    }
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[1], 60_000, 'cards');
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    await agree(h, card, parisToday());
    const year = schoolYearOf(new Date(), 'Europe/Paris');

    // Only the coordinator; a school year as 2025-2026.
    expect((await h.driver.slashCommand(USERS.team, `bilan ${year}`)).json?.text).toBe(frAnnual.coordinatorOnly);
    expect((await h.driver.slashCommand(USERS.coordinator, 'bilan 2026')).json?.text).toBe(frAnnual.usage);
    // A year without data says so, and sends no empty workbook.
    await h.driver.slashCommand(USERS.coordinator, 'bilan 2001-2002');
    const empty = await h.slack.waitFor(
      () => h.slack.messagesIn(directChannelOf(USERS.coordinator)).find((m) => m.text === frAnnual.noData('2001-2002')),
      60_000,
      'no data',
    );
    expect(empty).toBeTruthy();
    // Without a year: the school year under way.
    const asked = await h.driver.slashCommand(USERS.coordinator, 'bilan');
    expect(asked.json?.text).toBe(frAnnual.preparing(year));

    // The files are counted and built after the answer, then sent through the outbox.
    const dm = directChannelOf(USERS.coordinator);
    const shared = await h.slack.waitFor(
      () => {
        const withFiles = h.slack.messagesIn(dm).filter((m) => m.files?.length);
        return withFiles.length === 2 ? withFiles : undefined;
      },
      60_000,
      'the two workbooks',
    );
    await h.outboxDrained();
    // (Two uploads go side by side: their order is Slack's.)
    expect(shared.map((m) => m.files?.map((f) => f.name)).sort()).toEqual([
      [`bilan-PRE-${year}-niveau-2.xlsx`, `bilan-PRE-${year}-niveau-2.csv`],
      [`bilan-PRE-${year}-niveau-3.xlsx`, `bilan-PRE-${year}-niveau-3.csv`],
    ]);
    expect(h.slack.messagesIn(dm).some((m) => m.text?.startsWith(`*Bilan annuel ${year}*`))).toBe(true);
    // Each file went up with its announced length and, for the workbooks, a text that says what they show.
    const files = [...h.slack.files.values()];
    expect(files.every((f) => f.completed && f.bytes?.length === f.length)).toBe(true);
    expect(files.filter((f) => f.name.endsWith('.xlsx')).every((f) => (f.altText ?? '').length > 20)).toBe(true);

    // The workbook opens in a spreadsheet reader: one sheet per table, the level-2 figures exact.
    const level2 = files.find((f) => f.name.endsWith('niveau-2.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(level2?.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toContain(frAnnual.tables.activity);
    expect(book.worksheets).toHaveLength(16);
    const activity = book.getWorksheet(frAnnual.tables.activity);
    expect(activity?.getRow(2).values).toEqual([undefined, frAnnual.keys.referred, 2]);
    // At level 3, 2 children are a small count.
    const level3 = files.find((f) => f.name.endsWith('niveau-3.csv'));
    const csv = level3?.bytes?.toString('utf8') ?? '';
    expect(csv).toContain(`${frAnnual.tables.activity};${frAnnual.keys.referred};< 3`);
    // Nothing nominative in any file (the CSV are text: scanned like everything the app sends).
    for (const f of files.filter((x) => x.name.endsWith('.csv')))
      expect(leaksIn(f.bytes?.toString('utf8') ?? '')).toEqual([]);
    h.assertSlackWouldAccept();
  });
});
