import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { weekContaining } from '../../src/domain/iso-week.js';

const PARIS = 'Europe/Paris';

describe('the week an instant falls in', () => {
  it('is Monday 00:00 to the next Monday 00:00 in the zone, across a change of hour and asked again', () => {
    // The week of the change to summer time (Sunday 2026-03-29): 167 hours long.
    const instants = ['2026-03-23T00:00:00+01:00', '2026-03-29T12:00:00+02:00', '2026-03-29T23:59:59.999+02:00'];
    for (const round of [1, 2]) {
      for (const at of instants) {
        const week = weekContaining(new Date(at), PARIS);
        expect(week, `${at}, round ${round}`).toMatchObject({ id: '2026-W13', year: 2026, week: 13 });
        expect(week.start.toISOString()).toBe('2026-03-22T23:00:00.000Z');
        expect(week.end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
      }
    }
    // The next instant is the next week's, and the one before the Monday the week before's.
    expect(weekContaining(new Date('2026-03-30T00:00:00+02:00'), PARIS).id).toBe('2026-W14');
    expect(weekContaining(new Date('2026-03-22T23:59:59.999+01:00'), PARIS).id).toBe('2026-W12');
  });

  it('gives each caller its own dates, and another zone its own week', () => {
    const at = new Date('2026-12-31T23:30:00Z');
    const first = weekContaining(at, PARIS);
    first.start.setTime(0);
    expect(weekContaining(at, PARIS).start.toISOString()).toBe('2026-12-27T23:00:00.000Z');
    // 23:30 UTC on Thursday is Friday 2027-01-01 in Paris, Thursday in New York: the same ISO week 2026-W53.
    expect(weekContaining(at, 'America/New_York')).toMatchObject({ id: '2026-W53' });
    expect(weekContaining(at, 'America/New_York').start.getTime()).toBe(
      new TZDate(2026, 11, 28, 0, 0, 0, 'America/New_York').getTime(),
    );
  });
});
