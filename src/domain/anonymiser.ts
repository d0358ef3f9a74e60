/**
 * Small counts re-identify children in a town of 67,500 (charter): every published count under the threshold
 * (other than zero) is shown as "< threshold", and where a table's total and its other cells would give a hidden
 * cell back, more cells are hidden (complementary suppression), down to the total itself if need be.
 *
 * What a reader can know of each published form (this rule is public, so the reader knows it too): a cell shown
 * "< m" lies in [1, m−1]; a cell hidden by complementary suppression was a published count, so it is 0 or at least m,
 * and zeros are never hidden: it lies in [m, ∞); a published total is the exact sum of its cells, and a total shown
 * "< m" puts that sum in [1, m−1]. A hidden or small cell is safe when at least two values remain possible for it;
 * when no further cell can be hidden, the total goes instead.
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
  /**
   * Withdrawn as a whole (too few children for any of its cells to be safe with the week's other tables): every cell
   * "n.c." and, unlike a cell hidden to protect another, any value.
   */
  withdrawn?: true;
}

const INF = Number.POSITIVE_INFINITY;

interface Bounds {
  lo: number;
  hi: number;
}

function boundsOf(count: PublishedCount, threshold: number): Bounds | undefined {
  if (count.kind === 'small') return { lo: 1, hi: threshold - 1 };
  if (count.kind === 'hidden') return { lo: threshold, hi: INF };
  return undefined;
}

/**
 * The values a reader cannot exclude for each small or hidden cell of a table whose total lies in `total` (one value
 * when the total is published exactly). Every cell's possible values form an integer interval, and so do their sums,
 * so bounds are exact.
 */
export function feasibleRanges(cells: readonly PublishedCount[], total: Bounds, threshold: number): Bounds[] {
  const published = cells.reduce((s, c) => s + (c.kind === 'value' ? c.value : 0), 0);
  const hidden = cells.map((c) => boundsOf(c, threshold)).filter((b): b is Bounds => b !== undefined);
  // Sums over the other cells, not "all minus this one": ∞ − ∞ has no value.
  const others = (i: number, pick: (b: Bounds) => number) => hidden.reduce((s, b, j) => (j === i ? s : s + pick(b)), 0);
  return hidden.map((b, i) => ({
    lo: Math.max(b.lo, total.lo - published - others(i, (x) => x.hi)),
    hi: Math.min(b.hi, total.hi - published - others(i, (x) => x.lo)),
  }));
}

const safe = (ranges: Bounds[]) => ranges.every((r) => r.hi - r.lo >= 1);

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
    // A total shown "< m" still bounds its cells ("< 3" + "< 3" with a total "< 3" are 1 and 1). Its cells are all
    // small or zero, so none can be hidden further: the total goes when it would give one back.
    return result(safe(feasibleRanges(cells, { lo: 1, hi: threshold - 1 }, threshold)));
  }
  for (;;) {
    if (safe(feasibleRanges(cells, { lo: total, hi: total }, threshold))) return result(true);
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
