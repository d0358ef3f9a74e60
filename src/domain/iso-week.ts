import { TZDate } from '@date-fns/tz';
import { addWeeks } from 'date-fns/addWeeks';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { setISOWeek } from 'date-fns/setISOWeek';
import { setISOWeekYear } from 'date-fns/setISOWeekYear';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { subWeeks } from 'date-fns/subWeeks';

/** An ISO week in the programme's time zone: Monday 00:00 to the next Monday 00:00. */
export interface IsoWeek {
  year: number;
  week: number;
  /** "2026-W48" */
  id: string;
  start: Date;
  end: Date;
}

export const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

function build(mondayLocal: TZDate): IsoWeek {
  const year = getISOWeekYear(mondayLocal);
  const week = getISOWeek(mondayLocal);
  const end = addWeeks(mondayLocal, 1);
  return {
    year,
    week,
    id: `${year}-W${String(week).padStart(2, '0')}`,
    start: new Date(mondayLocal.getTime()),
    end: new Date(end.getTime()),
  };
}

/**
 * The weeks last asked for, per time zone: a week in a zone is found with a dozen conversions through `Intl`
 * (a card, a receipt and a list each ask for the current week), and an instant is in exactly one week.
 */
const recentWeeks = new Map<string, IsoWeek[]>();
const RECENT_WEEKS = 8;

export function weekContaining(at: Date, timeZone: string): IsoWeek {
  const t = at.getTime();
  const recent = recentWeeks.get(timeZone) ?? [];
  let week = recent.find((w) => w.start.getTime() <= t && t < w.end.getTime());
  if (!week) {
    week = build(startOfISOWeek(new TZDate(t, timeZone)));
    recentWeeks.set(timeZone, [week, ...recent].slice(0, RECENT_WEEKS));
  }
  // A copy: the caller may keep or change its dates.
  return { ...week, start: new Date(week.start.getTime()), end: new Date(week.end.getTime()) };
}

/** The last week that has ended at `now`: what the Monday digest reports on. */
export function lastCompletedWeek(now: Date, timeZone: string): IsoWeek {
  return build(subWeeks(startOfISOWeek(new TZDate(now.getTime(), timeZone)), 1));
}

/** The ISO weeks that share a day with `[from, to)`, in order. */
export function weeksBetween(from: Date, to: Date, timeZone: string): IsoWeek[] {
  const out: IsoWeek[] = [];
  for (let w = weekContaining(from, timeZone); w.start < to; w = weekContaining(w.end, timeZone)) out.push(w);
  return out;
}

export function previousWeek(week: IsoWeek, timeZone: string, count = 1): IsoWeek {
  return build(subWeeks(new TZDate(week.start.getTime(), timeZone), count));
}

/** Parses "2026-W07"; undefined when it is not a real ISO week. */
export function parseIsoWeek(id: string, timeZone: string): IsoWeek | undefined {
  const match = ISO_WEEK_PATTERN.exec(id);
  if (!match) return undefined;
  const [year, week] = [Number(match[1]), Number(match[2])];
  if (week < 1 || week > 53) return undefined;
  const jan4 = new TZDate(year, 0, 4, timeZone);
  const monday = startOfISOWeek(setISOWeek(setISOWeekYear(jan4, year), week));
  const built = build(new TZDate(monday.getTime(), timeZone));
  return built.year === year && built.week === week ? built : undefined;
}

/**
 * A week as people write it: "2026-W47", "S47", "s47", "semaine 47", "W47". Without a year, the latest week of that
 * number that has begun at `now` (in January, "S52" is last December's). Undefined when it is no week.
 */
export function parseWeekReference(text: string, now: Date, timeZone: string): IsoWeek | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const full = /^(\d{4})-?w(\d{1,2})$/.exec(t);
  if (full) return parseIsoWeek(`${full[1]}-W${(full[2] ?? '').padStart(2, '0')}`, timeZone);
  const short = /^(?:s|w|semaine ?)(\d{1,2})$/.exec(t);
  if (!short) return undefined;
  const number = (short[1] ?? '').padStart(2, '0');
  const current = weekContaining(now, timeZone);
  const thisYear = parseIsoWeek(`${current.year}-W${number}`, timeZone);
  if (thisYear && thisYear.start <= now) return thisYear;
  return parseIsoWeek(`${current.year - 1}-W${number}`, timeZone);
}
