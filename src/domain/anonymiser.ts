/**
 * Small counts re-identify children in a town of 67,500 (charter): every published count under the threshold
 * (other than zero) is shown as "< threshold", and where a table's total and its other cells would give a hidden
 * cell back, more cells are hidden (complementary suppression), down to the total itself if need be.
 *
 * What an attacker is assumed to know: a cell shown "< m" lies in [1, m−1]; a cell hidden by complementary
 * suppression lies in [0, ∞); a published total is the exact sum of its cells. A hidden cell is safe when at least
 * two values remain possible for it.
 */

export interface CountTable {
  rows: readonly { key: string; count: number }[];
  /** Whether the table's total is published (and so constrains its cells). */
  withTotal: boolean;
}

export type PublishedCount = { kind: 'value'; value: number } | { kind: 'small' } | { kind: 'hidden' };

export interface PublishedTable {
  rows: { key: string; count: PublishedCount }[];
  total?: PublishedCount;
}

const INF = Number.POSITIVE_INFINITY;

interface Bounds {
  lo: number;
  hi: number;
}

function boundsOf(count: PublishedCount, threshold: number): Bounds | undefined {
  if (count.kind === 'small') return { lo: 1, hi: threshold - 1 };
  if (count.kind === 'hidden') return { lo: 0, hi: INF };
  return undefined;
}

/** The values an attacker cannot exclude for each hidden cell of a table whose total is known. */
export function feasibleRanges(cells: readonly PublishedCount[], total: number, threshold: number): Bounds[] {
  const published = cells.reduce((s, c) => s + (c.kind === 'value' ? c.value : 0), 0);
  const rest = total - published;
  const hidden = cells.map((c) => boundsOf(c, threshold)).filter((b): b is Bounds => b !== undefined);
  // Sums over the other cells, not "all minus this one": ∞ − ∞ has no value.
  const others = (i: number, pick: (b: Bounds) => number) => hidden.reduce((s, b, j) => (j === i ? s : s + pick(b)), 0);
  return hidden.map((b, i) => ({
    lo: Math.max(b.lo, rest - others(i, (x) => x.hi)),
    hi: Math.min(b.hi, rest - others(i, (x) => x.lo)),
  }));
}

export function anonymiseTable(table: CountTable, threshold: number): PublishedTable {
  const cells: PublishedCount[] = table.rows.map((r) =>
    r.count > 0 && r.count < threshold ? { kind: 'small' } : { kind: 'value', value: r.count },
  );
  const total = table.rows.reduce((s, r) => s + r.count, 0);
  const result = (withTotal: boolean): PublishedTable => ({
    rows: table.rows.map((r, i) => ({ key: r.key, count: cells[i] as PublishedCount })),
    total: withTotal ? publish(total, threshold) : undefined,
  });
  if (!table.withTotal) return result(false);
  if (total > 0 && total < threshold) {
    // A small total is itself hidden; its cells are then only bounded by their own markers.
    return result(true);
  }
  for (;;) {
    const ranges = feasibleRanges(cells, total, threshold);
    if (ranges.every((r) => r.hi - r.lo >= 1)) return result(true);
    // Hide the smallest non-zero published cell: it widens the ranges most cheaply.
    let pick = -1;
    table.rows.forEach((r, i) => {
      const c = cells[i];
      if (c?.kind === 'value' && c.value > 0 && (pick < 0 || r.count < (table.rows[pick]?.count ?? INF))) pick = i;
    });
    if (pick < 0) return result(false); // nothing left to hide: the total goes instead
    cells[pick] = { kind: 'hidden' };
  }
}

export function publish(count: number, threshold: number): PublishedCount {
  return count > 0 && count < threshold ? { kind: 'small' } : { kind: 'value', value: count };
}
