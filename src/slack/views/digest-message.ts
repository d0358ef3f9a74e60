import { TZDate } from '@date-fns/tz';
import type { KnownBlock } from '@slack/types';
import { format } from 'date-fns/format';
import { fr as frLocale } from 'date-fns/locale/fr';
import { subDays } from 'date-fns/subDays';
import type { PublishedCount, PublishedTable } from '../../domain/anonymiser.js';
import type { LegacyWindow, PublishedDigest, PublishedMedian, PublishedMonth } from '../../domain/digest.js';
import { fr, frCase, frDigest } from '../../i18n/fr.js';
import type { DigestMessageOptions } from '../../jobs/weekly-digest.js';
import type { RenderedMessage } from '../../store/outbox.js';
import { escapeMrkdwn, mrkdwn, plain } from './block-kit.js';

const d = frDigest;

function count(c: PublishedCount | undefined, threshold: number): string {
  if (!c) return d.hidden;
  if (c.kind === 'value') return String(c.value);
  return c.kind === 'small' ? d.small(threshold) : d.hidden;
}

function lines(table: PublishedTable, label: (key: string) => string, threshold: number, keepZero = true): string[] {
  if (table.withdrawn) return [d.withdrawn];
  const rows = table.rows
    .filter((r) => keepZero || !(r.count.kind === 'value' && r.count.value === 0))
    .map((r) => `• ${escapeMrkdwn(label(r.key))} : ${count(r.count, threshold)}`);
  if (table.total) rows.push(`• _${d.total}_ : ${count(table.total, threshold)}`);
  return rows;
}

type WindowTable = keyof LegacyWindow;

/** A row's label in one of the vocabularies (age bands, stages, statuses…): the key itself if the words lack it. */
const labelIn =
  (words: Readonly<Record<string, string>>) =>
  (key: string): string =>
    words[key] ?? key;

/**
 * A windowed table's rows, each with the week and the wider windows ("2 cette semaine, 9 en 12 semaines, 31 depuis
 * le 1er septembre"): where the week's count is too small to publish, the wider ones often are. A digest published
 * before windows shows the week alone.
 */
function windowLines(
  digest: PublishedDigest,
  table: WindowTable,
  label: (key: string) => string,
  threshold: number,
  keepZero = true,
): string[] {
  const week = digest[table];
  if (!week) return [];
  const windows = digest.windows;
  if (!windows) return lines(week, label, threshold, keepZero);
  const tables = [week, windows.twelveWeeks[table], windows.schoolYear[table]];
  const shown = (t: PublishedTable, key: string | undefined) => {
    if (t.withdrawn) return d.hidden;
    if (key === undefined) return count(t.total, threshold);
    return count(t.rows.find((r) => r.key === key)?.count ?? { kind: 'value', value: 0 }, threshold);
  };
  const keys = [...new Set(tables.flatMap((t) => t.rows.map((r) => r.key)))];
  const rows = keys
    .filter(
      (key) =>
        keepZero ||
        tables.some(
          (t) => t.withdrawn || t.rows.some((r) => r.key === key && !(r.count.kind === 'value' && r.count.value === 0)),
        ),
    )
    .map(
      (key) =>
        `• ${escapeMrkdwn(label(key))} : ${d.windows(...(tables.map((t) => shown(t, key)) as [string, string, string]))}`,
    );
  if (tables.some((t) => t.total))
    rows.push(`• _${d.total}_ : ${d.windows(...(tables.map((t) => shown(t, undefined)) as [string, string, string]))}`);
  return rows;
}

/** `started@atelier-lecture` → "Atelier lecture — démarrées". */
function outcomeLabel(key: string, actionTitles: ReadonlyMap<string, string>): string {
  const at = key.indexOf('@');
  const outcome = key.slice(0, at) as keyof typeof d.outcome;
  const action = key.slice(at + 1);
  return `${actionTitles.get(action) ?? action} — ${d.outcome[outcome] ?? outcome}`;
}

/** `not_started:waiting_list@AFEV` → "AFEV — non démarrée : liste d'attente". */
function answerLabel(key: string): string {
  // The answer never holds '@'; an operator's name might.
  const at = key.indexOf('@');
  const [kind, detail] = key.slice(0, at).split(':') as [string, string | undefined];
  const operator = key.slice(at + 1);
  const what =
    kind === 'started'
      ? d.answer.started
      : kind === 'not_started'
        ? d.answer.notStarted(frCase.notStartedReason[detail as keyof typeof frCase.notStartedReason] ?? detail ?? '')
        : d.answer.ended(
            detail && detail in frCase.attendance
              ? frCase.attendance[detail as keyof typeof frCase.attendance].toLowerCase()
              : d.answer.unknownAttendance,
          );
  return `${operator} — ${what}`;
}

const medianText = (m: PublishedMedian) =>
  m.kind === 'value' ? d.days(m.days, m.cases) : m.kind === 'too_few' ? d.tooFew : d.withdrawnFigure;

/** A count's label in the closures table: read, not filled in ("Autre", never "Autre (préciser)"). */
const closureLabel = (k: string) =>
  k === 'other' ? d.other : frCase.closureReason[k as keyof typeof frCase.closureReason];

/**
 * The weekly digest of one reflection group (or of the cellule). It accepts only a PublishedDigest, which only the
 * anonymiser makes: no case reference, no child attribute finer than these tables, no free text, no date finer
 * than the week.
 */
export function digestMessage(digest: PublishedDigest, ctx: DigestMessageOptions): RenderedMessage {
  const t = digest.threshold;
  const start = new TZDate(new Date(digest.weekStart).getTime(), ctx.timeZone);
  const lastDay = subDays(new TZDate(new Date(digest.weekEnd).getTime(), ctx.timeZone), 1);
  const day = (x: Date) => format(x, 'EEEE d MMMM yyyy', { locale: frLocale });
  const title = d.title(d.audience[digest.audience]);
  // One line is said, not listed: no lone bullet. A long list goes on in further blocks (3,000 characters each),
  // never cut.
  const section: Section = (heading, body) => {
    const shown = body.length === 0 ? [d.none] : body.length === 1 ? [body[0]?.replace(/^• /, '') ?? ''] : body;
    const chunks: string[][] = [[`*${heading}*`]];
    for (const line of shown) {
      const chunk = chunks.at(-1) as string[];
      if ([...chunk, line].join('\n').length > 3000) chunks.push([line.slice(0, 3000)]);
      else chunk.push(line);
    }
    return chunks.map((c) => ({ type: 'section', text: mrkdwn(c.join('\n')) }));
  };
  const dayOf = (x: Date) => format(new TZDate(x.getTime(), ctx.timeZone), 'd MMMM yyyy', { locale: frLocale });
  const notes = [
    ...(ctx.provisional ? [mrkdwn(d.provisional)] : []),
    ...(ctx.republication
      ? [mrkdwn(d.republication(dayOf(ctx.republication.on), dayOf(ctx.republication.firstPublishedOn)))]
      : []),
  ];
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(title.slice(0, 150)) },
    ...(notes.length > 0 ? [{ type: 'context' as const, elements: notes }] : []),
    {
      type: 'context',
      elements: [mrkdwn(d.period(Number(digest.weekId.slice(-2)), day(start), day(lastDay))), mrkdwn(d.notice(t))],
    },
    ...(digest.month
      ? [
          ...section(d.weekReferrals, [`• ${count(digest.newReferrals, t)}`]),
          ...section(d.weeklyTrend, [trendLine(digest)]),
          ...section(d.monthlyTrend, [monthTrendLine(digest)]),
          ...monthBlocks(digest.month, t, ctx, section),
        ]
      : digest.byAgeBand
        ? legacyBlocks(digest, t, ctx, section)
        : [
            ...section(d.weekReferrals, [`• ${count(digest.newReferrals, t)}`]),
            ...section(d.weeklyTrend, [trendLine(digest)]),
            { type: 'context' as const, elements: [mrkdwn(d.noMonth)] },
          ]),
  ];
  const suffix = ctx.republication ? ` — ${d.republished}` : ctx.provisional ? ` — ${d.provisionalShort}` : '';
  return { text: `${title} — ${digest.weekId}${suffix}`, blocks };
}

type Section = (heading: string, body: string[]) => KnownBlock[];

const trendLine = (digest: PublishedDigest) =>
  digest.trend.map((w) => `${d.weekShort(w.weekId)} : ${count(w.count, digest.threshold)}`).join('   ·   ');

const monthTrendLine = (digest: PublishedDigest) =>
  (digest.monthTrend ?? [])
    .map((m) => `${d.monthShort(m.monthId)} : ${count(m.count, digest.threshold)}`)
    .join('   ·   ');

/** The last month over: published once, in the first digest after it, then quoted as it went out. */
function monthBlocks(m: PublishedMonth, t: number, ctx: DigestMessageOptions, section: Section): KnownBlock[] {
  const name = format(new TZDate(new Date(m.start).getTime(), ctx.timeZone), 'MMMM yyyy', { locale: frLocale });
  return [
    { type: 'header', text: plain(d.monthHeading(name).slice(0, 150)) },
    { type: 'context', elements: [mrkdwn(d.monthNote)] },
    ...section(d.newReferrals, [`• ${count(m.newReferrals, t)}`]),
    ...section(d.byAgeBand, lines(m.byAgeBand, labelIn(d.monthAgeBand), t)),
    ...section(d.byStage, lines(m.byStage, labelIn(d.monthStage), t)),
    ...section(d.fragility, lines(m.fragilityByAxis, labelIn(fr.axis), t)),
    ...section(d.consents, lines(m.consents, labelIn(d.monthConsent), t)),
    ...section(d.monthOutcomes, lines(m.orientationOutcomes, labelIn(d.monthOutcome), t)),
    ...section(
      d.parcoursEntered,
      lines(m.parcoursEntered, () => d.parcoursEnteredRow, t),
    ),
    ...section(d.uncoveredNeeds, lines(m.uncoveredNeeds, labelIn(fr.axis), t)),
    ...section(d.monthDelays, [
      `• ${d.toAnalysis} : ${medianText(m.daysToAnalysis)}`,
      `• ${d.toOrientation} : ${medianText(m.daysToFirstOrientation)}`,
      `• ${d.toStart} : ${medianText(m.daysToStart)}`,
    ]),
    ...section(d.monthExits, lines(m.closuresByReason, labelIn(d.monthExit), t)),
  ];
}

/** A digest published before months (the week's tables with windows), read back as it went out. */
function legacyBlocks(digest: PublishedDigest, t: number, ctx: DigestMessageOptions, section: Section): KnownBlock[] {
  const table = (heading: string, x: typeof digest.byAgeBand, label: (key: string) => string, keepZero = true) =>
    x ? section(heading, lines(x, label, t, keepZero)) : [];
  const windowed = (heading: string, name: WindowTable, label: (key: string) => string, keepZero = true) =>
    digest[name] ? section(heading, windowLines(digest, name, label, t, keepZero)) : [];
  const medians = [
    ...(digest.daysToAnalysis ? [`• ${d.toAnalysis} : ${medianText(digest.daysToAnalysis)}`] : []),
    ...(digest.daysToFirstOrientation ? [`• ${d.toOrientation} : ${medianText(digest.daysToFirstOrientation)}`] : []),
    ...(digest.daysToStart ? [`• ${d.toStart} : ${medianText(digest.daysToStart)}`] : []),
  ];
  return [
    ...section(d.newReferrals, [`• ${count(digest.newReferrals, t)}`]),
    ...table(d.byAgeBand, digest.byAgeBand, labelIn(fr.ageBand)),
    ...table(d.byStage, digest.byStage, labelIn(d.stage)),
    ...table(d.openByStatus, digest.openByStatus, labelIn(fr.status)),
    ...table(d.consents, digest.consents, labelIn(d.consent)),
    ...windowed(d.outcomes, 'orientationOutcomes', (k) => outcomeLabel(k, ctx.actionTitles), false),
    ...table(d.orientations, digest.orientationsStarted, (k) => ctx.actionTitles.get(k) ?? k, false),
    ...windowed(d.parcoursEntered, 'parcoursEntered', () => d.parcoursEnteredRow),
    ...table(d.operatorAnswers, digest.operatorAnswers, answerLabel, false),
    ...section(d.delays, medians),
    ...table(d.closures, digest.closuresByReason, closureLabel, false),
    ...windowed(d.fragility, 'fragilityByAxis', labelIn(fr.axis)),
    ...windowed(d.uncoveredNeeds, 'uncoveredNeeds', labelIn(fr.axis)),
    ...section(d.trend, [trendLine(digest)]),
  ];
}
