import { TZDate } from '@date-fns/tz';
import { type IsoWeek, weeksBetween } from './iso-week.js';

/**
 * A calendar month in the programme's time zone, 1st 00:00 to the next 1st 00:00: the period the digests' tables
 * describe. Months never overlap, and the twelve of a school year (September to August) make it up exactly, so what
 * one month's tables say is tied to no other month's.
 */
export interface Month {
  /** "2026-10" */
  id: string;
  start: Date;
  end: Date;
}

const MONTH_ID = /^(\d{4})-(\d{2})$/;

function build(year: number, monthIndex: number, timeZone: string): Month {
  const start = new TZDate(year, monthIndex, 1, timeZone);
  const end = new TZDate(year, monthIndex + 1, 1, timeZone);
  return {
    id: `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}`,
    start: new Date(start.getTime()),
    end: new Date(end.getTime()),
  };
}

export function monthContaining(at: Date, timeZone: string): Month {
  const local = new TZDate(at.getTime(), timeZone);
  return build(local.getFullYear(), local.getMonth(), timeZone);
}

export function parseMonth(id: string, timeZone: string): Month | undefined {
  const match = MONTH_ID.exec(id);
  if (!match) return undefined;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return month >= 1 && month <= 12 ? build(year, month - 1, timeZone) : undefined;
}

/** The month before `month`. */
export function previousMonth(month: Month, timeZone: string): Month {
  return monthContaining(new Date(month.start.getTime() - 1), timeZone);
}

/** The last month over by the end of `week`: the month whose tables that week's digest publishes. */
export function lastMonthOver(week: IsoWeek, timeZone: string): Month {
  const holding = monthContaining(new Date(week.end.getTime() - 1), timeZone);
  return holding.end.getTime() <= week.end.getTime() ? holding : previousMonth(holding, timeZone);
}

/** The ISO weeks that share a day with `month`, in order, and whether each lies wholly inside it. */
export function weeksOfMonth(month: Month, timeZone: string): { week: IsoWeek; inside: boolean }[] {
  return weeksBetween(month.start, month.end, timeZone).map((week) => ({
    week,
    inside: week.start >= month.start && week.end <= month.end,
  }));
}
