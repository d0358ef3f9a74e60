import { TZDate } from '@date-fns/tz';
import { Cron } from 'croner';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import type { PublishedCount } from '../domain/anonymiser.js';
import type { Axis } from '../domain/axes.js';
import {
  anonymiseMonth,
  DIGEST_AUDIENCES,
  type DigestAudience,
  draftDigest,
  type PublishedDigest,
  TREND_MONTHS,
  TREND_WEEKS,
} from '../domain/digest.js';
import { groupsFollowing, type ReflectionGroup } from '../domain/groups.js';
import { type IsoWeek, lastCompletedWeek, previousWeek, weeksBetween } from '../domain/iso-week.js';
import { lastMonthOver } from '../domain/month.js';
import { frDigest } from '../i18n/fr.js';
import type { Logger } from '../log.js';
import { chartPng } from '../output/digest-chart.js';
import { offThread } from '../output/off-thread.js';
import type { DigestRuns } from '../store/digest-runs.js';
import { computePeriodStats, countNewReferrals } from '../store/digest-stats.js';
import type { PrismaClient } from '../store/generated/client.js';
import { installedAt } from '../store/installation.js';
import type { Destination, OutboxEntry, RenderedMessage } from '../store/outbox.js';
import type { Background } from './background.js';

/** What a digest's message says besides its figures. */
export interface DigestMessageOptions {
  timeZone: string;
  actionTitles: ReadonlyMap<string, string>;
  /** A week not over yet (a coordinator's preview): every figure may still change. */
  provisional?: boolean;
  /** A deliberate re-post: when, and when the figures it quotes were first published. */
  republication?: { on: Date; firstPublishedOn: Date };
}

export interface DigestDeps {
  prisma: PrismaClient;
  /** Draws a digest's message (slack/views/digest-message.ts): the job knows figures, not Block Kit. */
  renderDigest(digest: PublishedDigest, options: DigestMessageOptions): RenderedMessage;
  runs: DigestRuns;
  logger: Logger;
  timeZone: string;
  /** The smallest count published as such (the setting in force when the digest is drafted). */
  threshold(): number;
  /** The reflection groups beyond the three: each receives the digests of the axes it follows. */
  groups?: () => readonly ReflectionGroup[];
  actionTitles(): Promise<ReadonlyMap<string, string>>;
  /** The lists' difficulty ids by axis (signs of fragility). */
  difficulties?: Readonly<Record<Axis, readonly string[]>>;
}

/**
 * The four digests of a week, as published or as they would be. A digest already published is quoted exactly as it
 * went out (a number published once is never recomputed: two versions of it would give a hidden cell back by
 * difference), and so are the earlier weeks of each trend and a month's tables once published. The others are
 * drafted — the week's new referrals, and the last month over when no digest has published it yet — then suppressed
 * together with everything published that they are tied to (`protectDigests`, on the compute thread): the weeks
 * of that month and of this week's trend, and the digests of this week already out.
 */
export async function weekDigests(
  deps: DigestDeps,
  week: IsoWeek,
): Promise<Map<DigestAudience, { digest: PublishedDigest; firstPublishedOn?: Date }>> {
  const built = new Map<DigestAudience, { digest: PublishedDigest; firstPublishedOn?: Date }>();
  const fixed = new Set<DigestAudience>();
  const month = lastMonthOver(week, deps.timeZone);
  // The weeks this week's figures are tied to: every week touching the month it publishes, and the trend's.
  const earlierWeeks = new Set(weeksBetween(month.start, week.start, deps.timeZone).map((w) => w.id));
  for (let k = 1; k < TREND_WEEKS; k += 1) earlierWeeks.add(previousWeek(week, deps.timeZone, k).id);
  // The monthly trend quotes each earlier month's headline from the digest that first published it.
  const monthWeeks = Array.from({ length: 4.5 * TREND_MONTHS }, (_, k) => previousWeek(week, deps.timeZone, k + 1).id);
  const recent = await deps.runs.publishedWeeks([...new Set([...earlierWeeks, ...monthWeeks])]);
  const history = recent.filter((d) => earlierWeeks.has(d.weekId));
  // A month the app saw only part of (it began before the install) is not published.
  const installed = await installedAt(deps.prisma, week.end);
  const drafts: PublishedDigest[] = [];
  for (const audience of DIGEST_AUDIENCES) {
    const stored = await deps.runs.published(audience, week.id);
    if (stored) {
      const digest = stored.content as PublishedDigest;
      built.set(audience, { digest, firstPublishedOn: stored.at });
      fixed.add(audience);
      drafts.push(digest);
      continue;
    }
    const mine = history.filter((d) => d.audience === audience).sort((a, b) => a.weekId.localeCompare(b.weekId));
    const quoted = mine.find((d) => d.month?.id === month.id)?.month;
    const monthPart =
      quoted ??
      (month.start >= installed
        ? anonymiseMonth(
            month,
            await computePeriodStats(deps.prisma, {
              audience,
              from: month.start,
              to: month.end,
              difficulties: deps.difficulties,
            }),
            deps.threshold(),
          )
        : undefined);
    const trendFrom = previousWeek(week, deps.timeZone, TREND_WEEKS - 1).id;
    drafts.push(
      draftDigest({
        audience,
        week,
        newReferrals: await countNewReferrals(deps.prisma, { audience, from: week.start, to: week.end }),
        threshold: deps.threshold(),
        earlier: mine.filter((d) => d.weekId >= trendFrom).map((d) => ({ weekId: d.weekId, count: d.newReferrals })),
        month: monthPart,
        earlierMonths: earlierMonths(recent, audience),
      }),
    );
  }
  // Integer programs: on the compute thread, so that no click waits behind them.
  const protection = await offThread.run('protectDigests', drafts, fixed, history, { timeZone: deps.timeZone });
  if (protection.unprotectable.length > 0)
    deps.logger.warn(
      { week: week.id, cells: protection.unprotectable.length },
      'weekly digest: figures already published pin others; nothing more could be withheld',
    );
  protection.digests.forEach((digest) => {
    if (!fixed.has(digest.audience)) built.set(digest.audience, { digest });
  });
  return built;
}

/** Each month's new referrals for `audience` as first published, oldest first. */
function earlierMonths(digests: readonly PublishedDigest[], audience: DigestAudience) {
  const months = new Map<string, PublishedCount>();
  for (const d of [...digests].sort((a, b) => a.weekId.localeCompare(b.weekId)))
    if (d.audience === audience && d.month && !months.has(d.month.id)) months.set(d.month.id, d.month.newReferrals);
  return [...months].sort(([a], [b]) => a.localeCompare(b)).map(([monthId, count]) => ({ monthId, count }));
}

/** One audience's digest of a week (see `weekDigests`), with its message. */
export async function buildDigest(
  deps: DigestDeps,
  audience: DigestAudience,
  week: IsoWeek,
  options: { now?: Date } = {},
): Promise<{ digest: PublishedDigest; message: RenderedMessage; firstPublishedOn?: Date }> {
  const entry = (await weekDigests(deps, week)).get(audience);
  if (!entry) throw new Error(`no digest for ${audience}`);
  const provisional = !entry.firstPublishedOn && options.now !== undefined && week.end > options.now;
  const message = deps.renderDigest(entry.digest, {
    timeZone: deps.timeZone,
    actionTitles: await deps.actionTitles(),
    provisional,
  });
  return { ...entry, message };
}

/** Claims and queues one digest post; false when that (audience, week, sequence) was already claimed. */
export async function postDigest(
  deps: DigestDeps,
  input: { audience: DigestAudience; week: IsoWeek; sequence: number; requestedBy?: string; now?: Date },
  /** The week's digests when the caller has them already (see `weekDigests`). */
  week?: Awaited<ReturnType<typeof weekDigests>>,
): Promise<boolean> {
  const entry = (week ?? (await weekDigests(deps, input.week))).get(input.audience);
  if (!entry) throw new Error(`no digest for ${input.audience}`);
  const { digest, firstPublishedOn } = entry;
  // A re-post says so, and quotes exactly what was first published.
  const message = deps.renderDigest(digest, {
    timeZone: deps.timeZone,
    actionTitles: await deps.actionTitles(),
    ...(input.sequence > 0 && firstPublishedOn
      ? { republication: { on: input.now ?? new Date(), firstPublishedOn } }
      : {}),
  });
  const key = `${input.audience}:${input.week.id}:${input.sequence}`;
  // The same digest to every group following its axis: the three's channel, then the others' (domain/groups.ts).
  const followers = input.audience === 'cellule' ? [] : groupsFollowing(deps.groups?.() ?? [], input.audience);
  const targets: { destination: Destination; suffix: string }[] = [
    {
      destination: input.audience === 'cellule' ? { kind: 'cellule' } : { kind: 'group', axis: input.audience },
      suffix: '',
    },
    ...followers.map((g) => ({ destination: { kind: 'reflection_group' as const, group: g.id }, suffix: `:${g.id}` })),
  ];
  // The picture follows its digest in the same lane, when it has a bar to show; the text is complete without it.
  // The chart's SVG on the compute thread; its rasterising (a native addon) here.
  const chart = await offThread.run('digestChartSvg', digest);
  const png = chart && (await chartPng(chart.svg));
  return deps.runs.claim({
    audience: input.audience,
    weekId: input.week.id,
    sequence: input.sequence,
    requestedBy: input.requestedBy,
    content: digest,
    messages: targets.flatMap(({ destination, suffix }): OutboxEntry[] => [
      { dedupeKey: `digest:${key}${suffix}`, kind: 'post', destination, message, lane: `digest:${key}${suffix}` },
      ...(chart && png
        ? [
            {
              dedupeKey: `digest-chart:${key}${suffix}`,
              kind: 'file_upload' as const,
              destination,
              comment: frDigest.chart.comment,
              lane: `digest:${key}${suffix}`,
              files: [
                {
                  filename: frDigest.chart.filename(input.audience, input.week.id),
                  title: frDigest.chart.title(input.week.id),
                  altText: chart.altText,
                  base64: png.toString('base64'),
                },
              ],
            },
          ]
        : []),
    ]),
  });
}

/** The scheduled digests of `week` for every audience not yet served. Safe to call any number of times. */
export async function sendWeeklyDigests(deps: DigestDeps, week: IsoWeek): Promise<DigestAudience[]> {
  const posted: DigestAudience[] = [];
  // The four digests are suppressed together once, then claimed one by one.
  let built = await weekDigests(deps, week);
  for (const audience of DIGEST_AUDIENCES) {
    if (built.get(audience)?.firstPublishedOn) continue;
    if (await postDigest(deps, { audience, week, sequence: 0 }, built)) posted.push(audience);
    // Another instance published it first: what it published is fixed for the digests still to claim.
    else built = await weekDigests(deps, week);
  }
  if (posted.length > 0) deps.logger.info({ week: week.id, audiences: posted }, 'weekly digests queued');
  return posted;
}

/** When the weekly digests go out, and whether they do: the programme's settings in force, read at each use. */
export interface DigestSchedule {
  cron: string;
  enabled: boolean;
}

export class DigestScheduler {
  private cron: Cron | undefined;

  constructor(
    private readonly deps: DigestDeps,
    private readonly schedule: () => DigestSchedule,
    private readonly now: () => Date,
    private readonly onQueued: () => void,
    private readonly background: Background,
  ) {}

  /** Schedules the weekly run; returns the catch-up run when one is due (else nothing to wait for). */
  start(): Promise<unknown> {
    const { cron: expression, enabled } = this.schedule();
    this.cron?.stop();
    this.cron = new Cron(expression, { timezone: this.deps.timeZone, protect: true }, () => {
      void this.run();
    });
    if (!enabled) return Promise.resolve();
    // Catch-up after downtime: if this week's scheduled time has passed, last week's digest is due.
    const now = this.now();
    const weekStart = startOfISOWeek(new TZDate(now.getTime(), this.deps.timeZone));
    const due = new Cron(expression, { timezone: this.deps.timeZone, paused: true }).nextRun(weekStart);
    return due && due <= now ? this.run() : Promise.resolve();
  }

  /**
   * The coordinator changed the day, the hour or turned the digests on: scheduled again, and last week's digests
   * go now if this week's new time has passed (each is published once, whichever instance or run comes first).
   */
  reschedule(): Promise<unknown> {
    return this.start();
  }

  run(): Promise<DigestAudience[]> {
    return this.background.run(() => this.runNow());
  }

  private async runNow(): Promise<DigestAudience[]> {
    try {
      if (!this.schedule().enabled) {
        this.deps.logger.info('weekly digest: the digests are turned off in the settings, not published');
        return [];
      }
      const now = this.now();
      const week = lastCompletedWeek(now, this.deps.timeZone);
      // A week the app saw only part of (it began before the install) is not published: the first digests are
      // those of the first full week, whatever a first start's catch-up would otherwise send.
      if (week.start < (await installedAt(this.deps.prisma, now))) {
        this.deps.logger.info({ week: week.id }, 'weekly digest: the week began before the install, not published');
        return [];
      }
      const posted = await sendWeeklyDigests(this.deps, week);
      if (posted.length > 0) this.onQueued();
      return posted;
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'weekly digest failed; the next run or restart will retry');
      return [];
    }
  }

  stop(): void {
    this.cron?.stop();
  }
}
