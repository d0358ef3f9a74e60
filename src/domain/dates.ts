import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';

/** The calendar day (yyyy-MM-dd) of `now` in the programme's time zone. */
export function localDay(now: Date, timeZone: string): string {
  return format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
}

export function localYear(now: Date, timeZone: string): number {
  return new TZDate(now.getTime(), timeZone).getFullYear();
}

/** dd/MM/yyyy à HH:mm in the programme's time zone, as French readers expect. */
export function frenchDateTime(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), "dd/MM/yyyy 'à' HH:mm");
}

export function frenchDate(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), 'dd/MM/yyyy');
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses yyyy-MM-dd into parts, or undefined when it is not a real calendar day. */
export function parseDay(day: string): { y: number; m: number; d: number } | undefined {
  const match = ISO_DAY.exec(day);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return undefined;
  return { y, m, d };
}

/** Age in whole years on `today` (both yyyy-MM-dd). */
export function ageOn(birthDay: string, today: string): number {
  const b = parseDay(birthDay);
  const t = parseDay(today);
  if (!b || !t) throw new RangeError('ageOn expects two yyyy-MM-dd days');
  const beforeBirthday = t.m < b.m || (t.m === b.m && t.d < b.d);
  return t.y - b.y - (beforeBirthday ? 1 : 0);
}

/** The Monday (yyyy-MM-dd) of the ISO week holding the day `day`; the day itself when it is not a calendar day. */
export function mondayOfDay(day: string): string {
  if (!parseDay(day)) return day;
  return format(startOfISOWeek(parseISO(day)), 'yyyy-MM-dd');
}

/** yyyy-MM-dd → dd/MM/yyyy, as French readers expect a calendar day. */
export function frenchDay(day: string): string {
  return day.split('-').reverse().join('/');
}

/** The first calendar year of the school year (1 September to 31 August) holding `at` in the programme's time. */
function schoolYearFirst(at: Date, timeZone: string): number {
  const local = new TZDate(at.getTime(), timeZone);
  return local.getMonth() >= 8 ? local.getFullYear() : local.getFullYear() - 1;
}

/** The school year (1 September to 31 August) holding `at` in the programme's time zone: "2026-2027". */
export function schoolYearOf(at: Date, timeZone: string): string {
  const start = schoolYearFirst(at, timeZone);
  return `${start}-${start + 1}`;
}

/** 1 September of `year`, 00:00 in the programme's time zone: where a school year starts. */
export function septemberFirst(year: number, timeZone: string): Date {
  return new Date(new TZDate(year, 8, 1, timeZone).getTime());
}

/**
 * The first instant (1 September, 00:00 in the programme's time zone) of the school year holding the instant just
 * before `end`: the start of a "school year to date" window that ends at `end`.
 */
export function schoolYearStartOf(end: Date, timeZone: string): Date {
  return septemberFirst(schoolYearFirst(new Date(end.getTime() - 1), timeZone), timeZone);
}
