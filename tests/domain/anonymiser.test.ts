import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymiseTable, type PublishedCount } from '../../src/domain/anonymiser.js';
import { lastCompletedWeek, parseIsoWeek, weekContaining } from '../../src/domain/iso-week.js';

/**
 * What an attacker can still believe about each hidden cell: v is possible when the other hidden cells can make up
 * the rest of the total (a sum computed by dynamic programming over their possible values, not by the code under test).
 */
function possibleValues(cells: PublishedCount[], total: number | undefined, threshold: number, cap: number) {
  const hidden = cells.filter((c) => c.kind !== 'value');
  const published = cells.reduce((s, c) => s + (c.kind === 'value' ? c.value : 0), 0);
  const options = hidden.map((c) =>
    c.kind === 'small'
      ? Array.from({ length: threshold - 1 }, (_, k) => k + 1)
      : Array.from({ length: cap + 1 }, (_, k) => k),
  );
  return hidden.map((_, i) => {
    if (total === undefined) return new Set(options[i]);
    let sums = new Set([0]);
    options.forEach((values, j) => {
      if (j === i) return;
      const next = new Set<number>();
      for (const s of sums) for (const v of values) if (s + v <= cap) next.add(s + v);
      sums = next;
    });
    return new Set((options[i] ?? []).filter((v) => sums.has(total - published - v)));
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
          const knownTotal = t.total?.kind === 'value' ? t.total.value : undefined;
          if (knownTotal !== undefined) expect(knownTotal).toBe(total);
          const possible = possibleValues(cells, knownTotal, threshold, total + threshold);
          for (const set of possible) expect(set.size).toBeGreaterThanOrEqual(2);
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
