import { randomUUID } from 'node:crypto';
import { type AnnualReturn, parseSchoolYear, publishAnnualReturn } from '../domain/annual-return.js';
import { AXES } from '../domain/axes.js';
import type { Lists } from '../domain/lists.js';
import { frAnnual } from '../i18n/fr.js';
import { offThread } from '../output/off-thread.js';
import { computeAnnualReturn } from '../store/annual-return.js';
import type { PrismaClient } from '../store/generated/client.js';
import type { OutboxEntry } from '../store/outbox.js';

/**
 * The bilan annuel for one school year, sent to the coordinator who asked, by direct message through the outbox:
 * the level-3 workbook (publishable) and the level-2 one (comité technique), each with its CSV, and a summary.
 */
export async function sendAnnualReturn(
  deps: {
    prisma: PrismaClient;
    lists: Lists;
    timeZone: string;
    threshold: number;
    actionTitles(): Promise<ReadonlyMap<string, string>>;
    queue(entries: OutboxEntry[]): Promise<void>;
  },
  input: { schoolYear: string; userId: string },
): Promise<AnnualReturn | undefined> {
  const year = parseSchoolYear(input.schoolYear, deps.timeZone);
  if (!year) return undefined;
  const data = await computeAnnualReturn(deps.prisma, {
    schoolYear: year.id,
    start: year.start,
    end: year.end,
    lists: deps.lists,
  });
  const value = (key: string) => data.tables.activity.find((r) => r.key === key)?.value ?? 0;
  // A year without a child referred or followed: said so, no empty workbooks.
  if (value('referred') === 0 && value('beneficiaries') === 0 && value('in_parcours') === 0) {
    const text = frAnnual.noData(year.id);
    await deps.queue([
      {
        dedupeKey: `annual:${year.id}:empty:${randomUUID()}`,
        kind: 'post',
        destination: { kind: 'user', userId: input.userId },
        message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
      },
    ]);
    return data;
  }
  const titles = await deps.actionTitles();
  const difficulties = new Map(
    AXES.flatMap((axis) => deps.lists.difficulties[axis].map((d) => [d.id, d.label] as const)),
  );
  const request = randomUUID();
  const entries: OutboxEntry[] = [];
  for (const level of [3, 2] as const) {
    const published = publishAnnualReturn(data, level, deps.threshold);
    // The workbook's zip compression takes seconds at a large programme's size: on the compute thread.
    const files = await offThread.run('annualFiles', published, titles, difficulties);
    const name = `bilan-PRE-${year.id}-niveau-${level}`;
    entries.push({
      dedupeKey: `annual:${year.id}:${level}:${request}`,
      kind: 'file_upload',
      destination: { kind: 'user', userId: input.userId },
      comment: frAnnual.comment(year.id, level),
      files: [
        {
          filename: `${name}.xlsx`,
          title: `${name}.xlsx`,
          altText: frAnnual.altText(year.id, level),
          base64: Buffer.from(files.xlsx).toString('base64'),
        },
        {
          filename: `${name}.csv`,
          title: `${name}.csv`,
          base64: Buffer.from(files.csv).toString('base64'),
        },
      ],
    });
  }
  const text = frAnnual.summary(year.id, value('referred'), value('in_parcours'), value('beneficiaries'));
  entries.push({
    dedupeKey: `annual:${year.id}:summary:${request}`,
    kind: 'post',
    destination: { kind: 'user', userId: input.userId },
    message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
  });
  await deps.queue(entries);
  return data;
}
