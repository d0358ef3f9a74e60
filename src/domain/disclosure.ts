import { type Model, solve } from 'yalps';
import type { PublishedCount } from './anonymiser.js';

/**
 * What a reader can work out of several published tables at once. Each published number is a cell: exact, "< m"
 * (1 to m−1) or "n.c." (hidden to protect another cell, so m or more: zeros are shown, small counts read "< m").
 * Relations tie cells together — a table and its total, two tables of the same children, a group's count and the
 * cellule's — and a reader who knows the rules solves them. A hidden or small cell is pinned when the bounds linear
 * constraints give leave it a single integer value.
 */
export type Relation =
  /** The parts add up to the total. */
  | { kind: 'sum'; parts: readonly string[]; total: string }
  /** Two cells count the same children. */
  | { kind: 'equal'; a: string; b: string }
  /** A group's children are among the cellule's: small ≤ big. */
  | { kind: 'within'; small: string; big: string }
  /** Every child of `whole` is in at least one of the parts: whole ≤ Σ parts. */
  | { kind: 'covered'; whole: string; parts: readonly string[] }
  /** Two sums of counts are equal: a window a week later gains a week and loses one (Σ left = Σ right). */
  | { kind: 'balance'; left: readonly string[]; right: readonly string[] };

export interface Bounds {
  lo: number;
  hi: number;
}

/** Large enough for any count of children in a week, small enough for the solver's arithmetic. */
const CAP = 1_000_000;

/**
 * What a published form says of a count. A total or a headline marked "n.c." was withdrawn whatever its value (it
 * would have given its cells back): 0 or more. A table cell marked "n.c." was hidden to protect another: m or more.
 */
function domain(count: PublishedCount, threshold: number, total: boolean): Bounds | undefined {
  if (count.kind === 'small') return { lo: 1, hi: threshold - 1 };
  if (count.kind === 'hidden') return { lo: total ? 0 : threshold, hi: CAP };
  return undefined;
}

/** `a − b = 0` (equal) or `a − b ≤ 0`. */
function difference(a: string, b: string, equal: boolean): { coefficients: [string, number][]; equal: boolean } {
  const coefficients: [string, number][] = [
    [a, 1],
    [b, -1],
  ];
  return { coefficients, equal };
}

/** The cells a relation touches, each with its coefficient on the left of `≤ 0` or `= 0`. */
function terms(r: Relation): { coefficients: [string, number][]; equal: boolean } {
  switch (r.kind) {
    case 'sum':
      return { coefficients: [...r.parts.map((p): [string, number] => [p, 1]), [r.total, -1]], equal: true };
    case 'equal':
      return difference(r.a, r.b, true);
    case 'within':
      return difference(r.small, r.big, false);
    case 'covered':
      return { coefficients: [[r.whole, 1], ...r.parts.map((p): [string, number] => [p, -1])], equal: false };
    case 'balance':
      return {
        coefficients: [
          ...r.left.map((p): [string, number] => [p, 1]),
          ...r.right.map((p): [string, number] => [p, -1]),
        ],
        equal: true,
      };
  }
}

/** Every cell a relation ties. */
export function relationCells(r: Relation): string[] {
  return terms(r).coefficients.map(([id]) => id);
}

/**
 * The bounds a reader can give each unknown (small or hidden) cell from all the published cells and relations, by
 * linear programming (two solves per cell). Cells not in `cells` are unknown without a published form (e.g. a total
 * nobody published): they take any value from 0.
 */
export function unknownBounds(
  cells: ReadonlyMap<string, PublishedCount>,
  relations: readonly Relation[],
  threshold: number,
  isTotal: (id: string) => boolean = () => false,
  /**
   * Solve only the unknowns tied to a cell this accepts, published or not (what is tied to nothing that may still
   * change is as it went out).
   */
  only?: (id: string) => boolean,
): Map<string, Bounds> {
  const unknown = new Map<string, Bounds>();
  const constant = new Map<string, number>();
  const consider = (id: string) => {
    if (unknown.has(id) || constant.has(id)) return;
    const count = cells.get(id);
    if (count?.kind === 'value') constant.set(id, count.value);
    else unknown.set(id, count ? (domain(count, threshold, isTotal(id)) as Bounds) : { lo: 0, hi: CAP });
  };
  for (const r of relations) for (const [id] of terms(r).coefficients) consider(id);
  for (const [id, count] of cells) if (count.kind !== 'value') consider(id);

  // Each relation, with its published cells folded into a constant: Σ coefficient × unknown ≤ or = rest.
  const rows = relations.flatMap((r) => {
    const { coefficients, equal } = terms(r);
    let rest = 0;
    const on = new Map<string, number>();
    for (const [id, c] of coefficients) {
      const known = constant.get(id);
      if (known !== undefined) rest -= c * known;
      else on.set(id, (on.get(id) ?? 0) + c);
    }
    return on.size > 0 ? [{ on, equal, rest, touches: only ? coefficients.some(([id]) => only(id)) : true }] : [];
  });

  // Unknowns tied by no chain of relations are solved apart: a published count cuts a chain, so each part stays small
  // however many weeks are read.
  const root = new Map<string, string>([...unknown.keys()].map((id) => [id, id]));
  const find = (id: string): string => {
    let r = id;
    while (root.get(r) !== r) r = root.get(r) as string;
    root.set(id, r);
    return r;
  };
  for (const row of rows) {
    const [first, ...others] = [...row.on.keys()];
    for (const o of others) root.set(find(o), find(first as string));
  }
  const parts = new Map<string, { ids: string[]; rows: typeof rows }>();
  const partOf = (id: string) => {
    const r = find(id);
    let part = parts.get(r);
    if (!part) {
      part = { ids: [], rows: [] };
      parts.set(r, part);
    }
    return part;
  };
  for (const id of unknown.keys()) partOf(id).ids.push(id);
  for (const row of rows) partOf(row.on.keys().next().value as string).rows.push(row);

  const bounds = new Map<string, Bounds>();
  for (const part of parts.values()) {
    const targets = part.ids.filter((id) => cells.has(id));
    // A part no accepted cell is in, nor tied to by a relation, is as it was.
    if (targets.length === 0 || (only && !part.ids.some(only) && !part.rows.some((r) => r.touches))) continue;
    const constraints = new Map<string, { min?: number; max?: number; equal?: number }>();
    const variables = new Map<string, Map<string, number>>();
    for (const id of part.ids) {
      const b = unknown.get(id) as Bounds;
      variables.set(id, new Map([[`dom:${id}`, 1]]));
      constraints.set(`dom:${id}`, { min: b.lo, max: b.hi });
    }
    part.rows.forEach((row, i) => {
      for (const [id, c] of row.on) variables.get(id)?.set(`rel:${i}`, c);
      constraints.set(`rel:${i}`, row.equal ? { equal: row.rest } : { max: row.rest });
    });
    for (const id of targets) {
      const extreme = (direction: 'minimize' | 'maximize') => {
        const model: Model<string, string> = {
          direction,
          objective: `obj:${id}`,
          constraints,
          variables: new Map(
            [...variables].map(([v, coefficients]) => [
              v,
              v === id ? new Map([...coefficients, [`obj:${id}`, 1]]) : coefficients,
            ]),
          ),
        };
        const solution = solve(model);
        if (solution.status === 'unbounded') return direction === 'maximize' ? Number.POSITIVE_INFINITY : 0;
        if (solution.status !== 'optimal') return undefined;
        return solution.result;
      };
      const lo = extreme('minimize');
      const hi = extreme('maximize');
      if (lo !== undefined && hi !== undefined) bounds.set(id, { lo, hi });
    }
  }
  return bounds;
}

/** Cells left with a single possible integer value. */
export function pinnedCells(
  cells: ReadonlyMap<string, PublishedCount>,
  relations: readonly Relation[],
  threshold: number,
  isTotal?: (id: string) => boolean,
  only?: (id: string) => boolean,
): string[] {
  const pinned: string[] = [];
  for (const [id, b] of unknownBounds(cells, relations, threshold, isTotal, only)) {
    if (Math.floor(b.hi + 1e-6) - Math.ceil(b.lo - 1e-6) < 1) pinned.push(id);
  }
  return pinned;
}
