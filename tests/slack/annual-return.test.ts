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
import { generateCases, insertCases } from '../support/seed-cases.js';

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

    // The files are counted and built after the answer, then sent through the outbox. The year is under way: the
    // comité technique's version only (a publishable one now would be a second version of the year's figures).
    const dm = directChannelOf(USERS.coordinator);
    const shared = await h.slack.waitFor(
      () => {
        const withFiles = h.slack.messagesIn(dm).filter((m) => m.files?.length);
        return withFiles.length === 1 ? withFiles : undefined;
      },
      60_000,
      'the workbook',
    );
    await h.outboxDrained();
    expect(shared.map((m) => m.files?.map((f) => f.name))).toEqual([
      [`bilan-PRE-${year}-niveau-2.xlsx`, `bilan-PRE-${year}-niveau-2.csv`],
    ]);
    const summary = h.slack.messagesIn(dm).find((m) => m.text?.startsWith(`*Bilan annuel ${year}*`));
    expect(summary?.text).toContain(frAnnual.levelThreeLater(year));

    // A finished year: both versions, the publishable one recorded and quoted as it was at every later request.
    await insertCases(
      h.app.db.prisma,
      generateCases(12, { seed: 5, from: new Date('2025-10-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') }),
      100,
    );
    const levelThreeOf = async (count: number) => {
      await h.driver.slashCommand(USERS.coordinator, 'bilan 2025-2026');
      const csv = await h.slack.waitFor(
        () => {
          const all = [...h.slack.files.values()].filter(
            (f) => f.name === 'bilan-PRE-2025-2026-niveau-3.csv' && f.completed,
          );
          return all.length === count ? all.at(-1) : undefined;
        },
        60_000,
        'the level-3 return',
      );
      return csv.bytes?.toString('utf8') ?? '';
    };
    const first = await levelThreeOf(1);
    expect(first).toContain(`${frAnnual.tables.activity};${frAnnual.keys.referred};12`);
    await h.app.db.prisma.referral.updateMany({
      where: { referredAt: { lt: new Date('2026-09-01') } },
      data: { ageBand: '2-5' },
    });
    expect(await levelThreeOf(2)).toBe(first);
    expect(await h.app.db.prisma.annualPublication.count()).toBe(1);
    await h.outboxDrained();
    // Each file went up with its announced length and, for the workbooks, a text that says what they show.
    const files = [...h.slack.files.values()];
    expect(files.every((f) => f.completed && f.bytes?.length === f.length)).toBe(true);
    expect(files.filter((f) => f.name.endsWith('.xlsx')).every((f) => (f.altText ?? '').length > 20)).toBe(true);

    // The workbook opens in a spreadsheet reader: one sheet per table, the level-2 figures exact.
    const level2 = files.find((f) => f.name === `bilan-PRE-${year}-niveau-2.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(level2?.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toContain(frAnnual.tables.activity);
    expect(book.worksheets).toHaveLength(16);
    const activity = book.getWorksheet(frAnnual.tables.activity);
    expect(activity?.getRow(2).values).toEqual([undefined, frAnnual.keys.referred, 2]);
    // Nothing nominative in any file (the CSV are text: scanned like everything the app sends).
    for (const f of files.filter((x) => x.name.endsWith('.csv')))
      expect(leaksIn(f.bytes?.toString('utf8') ?? '')).toEqual([]);
    h.assertSlackWouldAccept();
  });
});
