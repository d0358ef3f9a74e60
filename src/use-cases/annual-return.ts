import { randomUUID } from 'node:crypto';
import {
  type AnnualReturn,
  type PublishedAnnualReturn,
  parseSchoolYear,
  publishAnnualReturn,
} from '../domain/annual-return.js';
import { AXES } from '../domain/axes.js';
import { weeksBetween } from '../domain/iso-week.js';
import type { Lists } from '../domain/lists.js';
import { frAnnual } from '../i18n/fr.js';
import type { Logger } from '../log.js';
import { offThread } from '../output/off-thread.js';
import { computeAnnualReturn } from '../store/annual-return.js';
import { DigestRuns } from '../store/digest-runs.js';
import type { Prisma, PrismaClient } from '../store/generated/client.js';
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
    now(): Date;
    logger?: Logger;
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
  // The publishable version of a year under way would be a second version of its figures once the year is over:
  // it waits for the year's end, and is then published once and quoted ever after.
  const over = deps.now() >= year.end;
  for (const level of over ? ([3, 2] as const) : ([2] as const)) {
    const published =
      level === 3 ? await levelThree(deps, data, input.userId) : publishAnnualReturn(data, 2, deps.threshold);
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
  const text = `${frAnnual.summary(year.id, value('referred'), value('in_parcours'), value('beneficiaries'))}${
    over ? '' : ` ${frAnnual.levelThreeLater(year.id)}`
  }`;
  entries.push({
    dedupeKey: `annual:${year.id}:summary:${request}`,
    kind: 'post',
    destination: { kind: 'user', userId: input.userId },
    message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
  });
  await deps.queue(entries);
  return data;
}

/**
 * The level-3 return of a finished year: as first published when it was (never a second version), else the
 * small-count rule then the suppression that protects it together with every digest of the year (on the compute
 * thread), recorded before it is sent.
 */
async function levelThree(
  deps: { prisma: PrismaClient; threshold: number; timeZone: string; logger?: Logger },
  data: AnnualReturn,
  userId: string,
): Promise<PublishedAnnualReturn> {
  const stored = await deps.prisma.annualPublication.findUnique({ where: { schoolYear: data.schoolYear } });
  if (stored) return stored.content as unknown as PublishedAnnualReturn;
  const year = parseSchoolYear(data.schoolYear, deps.timeZone);
  if (!year) throw new Error(`not a school year: ${data.schoolYear}`);
  const weeks = weeksBetween(year.start, year.end, deps.timeZone).map((w) => w.id);
  const digests = await new DigestRuns(deps.prisma).publishedWeeks(weeks);
  const actions = Object.fromEntries(
    (await deps.prisma.catalogueAction.findMany()).map((a) => [a.id, { axis: a.axis, operator: a.operator }]),
  );
  const protection = await offThread.run(
    'protectAnnualReturn',
    publishAnnualReturn(data, 3, deps.threshold),
    actions,
    digests,
    { timeZone: deps.timeZone },
  );
  if (protection.unprotectable.length > 0)
    deps.logger?.warn(
      { schoolYear: data.schoolYear, cells: protection.unprotectable.length },
      'annual return: figures already published pin others; nothing more could be withheld',
    );
  // Two coordinators asking at once: the first record wins and both send it.
  await deps.prisma.annualPublication.createMany({
    data: [
      {
        schoolYear: data.schoolYear,
        content: protection.published as unknown as Prisma.InputJsonValue,
        requestedBy: userId,
      },
    ],
    skipDuplicates: true,
  });
  const kept = await deps.prisma.annualPublication.findUniqueOrThrow({ where: { schoolYear: data.schoolYear } });
  return kept.content as unknown as PublishedAnnualReturn;
}
