import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymiseTable, type PublishedCount } from '../../src/domain/anonymiser.js';
import { anonymiseMonth, DIGEST_STAGES, draftDigest, type PeriodStats } from '../../src/domain/digest.js';
import { type IsoWeek, lastCompletedWeek, parseIsoWeek, weekContaining } from '../../src/domain/iso-week.js';
import { CLOSURE_REASONS } from '../../src/domain/pathway.js';

/**
 * What a reader can still believe about each small or hidden cell, written from the published forms alone and not
 * from the code under test: "< m" is one of 1…m−1; "n.c." (hidden to protect another cell) was a count the rule would
 * have shown, so it is m or more (zeros are shown, 1…m−1 would read "< m"); a total shown exactly is the sum; a total
 * shown "< m" puts the sum in 1…m−1; no total, no constraint. A value is possible when the other cells can make up
 * the rest (dynamic programming over every combination up to `cap`).
 */
function possibleValues(cells: PublishedCount[], total: PublishedCount | undefined, threshold: number, cap: number) {
  const unknown = cells.filter((c) => c.kind !== 'value');
  const published = cells.reduce((s, c) => s + (c.kind === 'value' ? c.value : 0), 0);
  const range = (lo: number, hi: number) => Array.from({ length: Math.max(0, hi - lo + 1) }, (_, k) => lo + k);
  const options = unknown.map((c) => (c.kind === 'small' ? range(1, threshold - 1) : range(threshold, cap)));
  const totals =
    total === undefined
      ? undefined
      : total.kind === 'value'
        ? [total.value]
        : total.kind === 'small'
          ? range(1, threshold - 1)
          : undefined;
  return unknown.map((_, i) => {
    if (totals === undefined) return new Set(options[i]);
    let sums = new Set([0]);
    options.forEach((values, j) => {
      if (j === i) return;
      const next = new Set<number>();
      for (const s of sums) for (const v of values) if (s + v <= cap) next.add(s + v);
      sums = next;
    });
    return new Set((options[i] ?? []).filter((v) => totals.some((t) => sums.has(t - published - v))));
  });
}

describe('the anonymiser', () => {
  it('shows counts under the threshold as small, keeps zero and larger counts', () => {
    const t = anonymiseTable(
      {
        rows: [
          { key: 'a', count: 0 },
          { key: 'b', count: 2 },
          { key: 'c', count: 7 },
          { key: 'd', count: 9 },
        ],
        withTotal: false,
      },
      3,
    );
    expect(t.rows.map((r) => r.count)).toEqual([
      { kind: 'value', value: 0 },
      { kind: 'small' },
      { kind: 'value', value: 7 },
      { kind: 'value', value: 9 },
    ]);
  });

  it('hides a second cell when the total would give a small one back', () => {
    const t = anonymiseTable(
      {
        rows: [
          { key: 'a', count: 1 },
          { key: 'b', count: 5 },
          { key: 'c', count: 8 },
        ],
        withTotal: true,
      },
      3,
    );
    expect(t.rows.map((r) => r.count.kind)).toEqual(['small', 'hidden', 'value']);
    expect(t.total).toEqual({ kind: 'value', value: 14 });
  });

  it('does not let a hidden cell and its total give back a small one: [1, 3] at threshold 3', () => {
    // A hidden cell is at least 3, so "< 3" + "n.c." = 4 gives 1 and 3 back: the total must go.
    const t = anonymiseTable(
      {
        rows: [
          { key: 'a', count: 1 },
          { key: 'b', count: 3 },
        ],
        withTotal: true,
      },
      3,
    );
    expect(t.total).toBeUndefined();
  });

  it('does not let a small total give its small cells back: 1 + 1 with a total "< 3"', () => {
    const t = anonymiseTable(
      {
        rows: [
          { key: 'a', count: 1 },
          { key: 'b', count: 1 },
          { key: 'c', count: 0 },
        ],
        withTotal: true,
      },
      3,
    );
    expect(t.rows.map((r) => r.count.kind)).toEqual(['small', 'small', 'value']);
    expect(t.total).toBeUndefined();
    // One small cell under a small total leaves two values possible: the total stays.
    const one = anonymiseTable({ rows: [{ key: 'a', count: 2 }], withTotal: true }, 3);
    expect(one.total).toEqual({ kind: 'small' });
  });

  it('property: no published table lets a hidden value be recomputed, and published values are true', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 3, max: 5 }),
        fc.boolean(),
        (counts, threshold, withTotal) => {
          const rows = counts.map((count, i) => ({ key: `k${i}`, count }));
          const t = anonymiseTable({ rows, withTotal }, threshold);
          const total = counts.reduce((s, c) => s + c, 0);
          const cells = t.rows.map((r) => r.count);
          t.rows.forEach((r, i) => {
            if (r.count.kind === 'value') expect(r.count.value).toBe(counts[i]);
            if (r.count.kind === 'small') expect(counts[i]).toBeGreaterThan(0);
            if (r.count.kind === 'small') expect(counts[i]).toBeLessThan(threshold);
          });
          if (t.total?.kind === 'value') expect(t.total.value).toBe(total);
          if (t.total?.kind === 'small') expect(total).toBeGreaterThan(0);
          if (t.total?.kind === 'small') expect(total).toBeLessThan(threshold);
          const possible = possibleValues(cells, t.total, threshold, total + 2 * threshold);
          for (const [i, set] of possible.entries()) {
            expect(set.size, `cell ${i} of ${JSON.stringify(t)}`).toBeGreaterThanOrEqual(2);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('ISO weeks in Paris', () => {
  it('reports on the week that ended, Monday 00:00 to Monday 00:00 local time', () => {
    const w = lastCompletedWeek(new Date('2026-11-30T08:00:00Z'), 'Europe/Paris'); // Monday 09:00 Paris
    expect(w.id).toBe('2026-W48');
    expect(w.start.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-11-29T23:00:00.000Z');
    expect(parseIsoWeek('2026-W48', 'Europe/Paris')?.start.toISOString()).toBe(w.start.toISOString());
    expect(parseIsoWeek('2026-W54', 'Europe/Paris')).toBeUndefined();
    expect(weekContaining(new Date('2021-01-03T12:00:00Z'), 'Europe/Paris').id).toBe('2020-W53');
  });
});

describe('a digest quotes what was already published', () => {
  const week = parseIsoWeek('2026-W48', 'Europe/Paris') as IsoWeek;
  it('never publishes in a trend a week’s figure that its own digest hid', () => {
    // Week 47's digest hid its count (n.c.); week 48's trend says n.c. too, not the exact count.
    const digest = draftDigest({
      audience: 'health',
      week,
      newReferrals: 9,
      threshold: 3,
      earlier: [
        { weekId: '2026-W45', count: { kind: 'value', value: 6 } },
        { weekId: '2026-W46', count: { kind: 'small' } },
        { weekId: '2026-W47', count: { kind: 'hidden' } },
      ],
      earlierMonths: [{ monthId: '2026-10', count: { kind: 'value', value: 14 } }],
    });
    expect(digest.trend.map((t) => t.count)).toEqual([
      { kind: 'value', value: 6 },
      { kind: 'small' },
      { kind: 'hidden' },
      { kind: 'value', value: 9 },
    ]);
    expect(digest.monthTrend).toEqual([{ monthId: '2026-10', count: { kind: 'value', value: 14 } }]);
  });
});

describe('a month’s tables', () => {
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, 0>;
  const stats = (byAgeBand: PeriodStats['byAgeBand']): PeriodStats => {
    const total = Object.values(byAgeBand).reduce((a, b) => a + b, 0);
    return {
      newReferrals: total,
      byAgeBand,
      byStage: { ...zero(DIGEST_STAGES), elementaire: total - 3, college: 3 },
      consents: { given: 0, refused: 0, pending: 0 },
      orientationOutcomes: [
        { key: 'started@clubs-lecture', count: 2 },
        { key: 'started@aide-aux-devoirs', count: 2 },
        { key: 'ended@clubs-lecture', count: 1 },
      ],
      daysToAnalysis: { median: null, cases: 0 },
      daysToFirstOrientation: { median: null, cases: 0 },
      daysToStart: { median: 4, cases: 4 },
      closuresByReason: { ...zero(CLOSURE_REASONS), moved_away: 2, objectives_met: 2 },
      uncoveredNeeds: { health: 0 },
      fragilityByAxis: { health: 0 },
      parcoursEntered: 0,
    };
  };
  const month = { id: '2026-10', start: new Date('2026-09-30T22:00:00Z'), end: new Date('2026-10-31T23:00:00Z') };

  it('are published by coarser rows than counted, so that a month of a PRE’s size says something', () => {
    const m = anonymiseMonth(month, stats({ '2-5': 2, '6-10': 2, '11-13': 1, '14-16': 2 }), 3);
    expect(m.byAgeBand.rows).toEqual([
      { key: '2-10', count: { kind: 'value', value: 4 } },
      { key: '11-16', count: { kind: 'value', value: 3 } },
    ]);
    expect(m.orientationOutcomes.rows).toEqual([
      { key: 'started', count: { kind: 'value', value: 4 } },
      { key: 'not_started', count: { kind: 'value', value: 0 } },
      { key: 'ended', count: { kind: 'small' } },
    ]);
    expect(m.closuresByReason.rows).toEqual([{ key: 'exits', count: { kind: 'value', value: 4 } }]);
    expect(m.daysToStart).toEqual({ kind: 'value', days: 4, cases: 4 });
  });

  it('withdraw a breakdown where every child falls in one row (it would say something of each of them)', () => {
    const m = anonymiseMonth(month, stats({ '2-5': 0, '6-10': 0, '11-13': 4, '14-16': 3 }), 3);
    expect(m.byAgeBand.withdrawn).toBe(true);
    expect(m.byAgeBand.rows.map((r) => r.count.kind)).toEqual(['hidden', 'hidden']);
    expect(m.byStage.withdrawn).toBeUndefined();
  });
});
