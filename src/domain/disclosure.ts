import { type Model, solve } from 'yalps';
import type { PublishedCount } from './anonymiser.js';

/**
 * What a reader can work out of everything published at once. Each published number is a cell, known exactly or
 * within bounds: "< m" is 1 to m−1, a table cell "n.c." (hidden to protect another) is m or more, a figure withdrawn
 * is anything. Relations tie cells together — a table and its total, two tables of the same children, a group's
 * count and the cellule's, a month and its weeks — and a reader who knows the rules solves them as one integer
 * program. A cell known only within bounds is pinned when the program leaves it a single value.
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
  /** The parts are distinct children of `whole`: Σ parts ≤ whole. */
  | { kind: 'contains'; whole: string; parts: readonly string[] }
  /** Two sums of counts are equal (Σ left = Σ right). */
  | { kind: 'balance'; left: readonly string[]; right: readonly string[] };

/** What a reader knows of a cell: an integer in `[lo, hi]` (exact when they meet). */
export interface Bounds {
  lo: number;
  hi: number;
}

/** Large enough for any count of children, small enough for the solver's arithmetic. */
export const CAP = 1_000_000;

/**
 * What a published form says of a count. `open`: a figure withdrawn, or a total or headline "n.c." (withdrawn or
 * hidden, the reader cannot tell which): any value. A table cell "n.c." was hidden to protect another: m or more.
 */
export function knownOf(count: PublishedCount, threshold: number, open: boolean): Bounds {
  if (count.kind === 'value') return { lo: count.value, hi: count.value };
  if (count.kind === 'small') return { lo: 1, hi: threshold - 1 };
  return { lo: open ? 0 : threshold, hi: CAP };
}

/** The cells a relation touches, each with its coefficient on the left of `≤ 0` or `= 0`. */
function terms(r: Relation): { coefficients: [string, number][]; equal: boolean } {
  const plus = (ids: readonly string[]) => ids.map((p): [string, number] => [p, 1]);
  const minus = (ids: readonly string[]) => ids.map((p): [string, number] => [p, -1]);
  switch (r.kind) {
    case 'sum':
      return { coefficients: [...plus(r.parts), [r.total, -1]], equal: true };
    case 'equal':
      return { coefficients: [...plus([r.a]), ...minus([r.b])], equal: true };
    case 'within':
      return { coefficients: [...plus([r.small]), ...minus([r.big])], equal: false };
    case 'covered':
      return { coefficients: [...plus([r.whole]), ...minus(r.parts)], equal: false };
    case 'contains':
      return { coefficients: [...plus(r.parts), ...minus([r.whole])], equal: false };
    case 'balance':
      return { coefficients: [...plus(r.left), ...minus(r.right)], equal: true };
  }
}

/** Every cell a relation ties. */
export function relationCells(r: Relation): string[] {
  return terms(r).coefficients.map(([id]) => id);
}

/**
 * The least and greatest value a reader can give each cell known only within bounds, from all the cells and
 * relations (two integer programs per cell). A cell a relation names but `known` does not is a count nobody
 * published (a week never posted, a total never shown): any value from 0.
 */
export function unknownBounds(
  known: ReadonlyMap<string, Bounds>,
  relations: readonly Relation[],
  /**
   * Solve only the cells tied, by a chain of relations, to a cell this accepts (what is tied to nothing that may
   * still change is as it went out).
   */
  only?: (id: string) => boolean,
): Map<string, Bounds> {
  const unknown = new Map<string, Bounds>();
  const constant = new Map<string, number>();
  const consider = (id: string) => {
    if (unknown.has(id) || constant.has(id)) return;
    const k = known.get(id) ?? { lo: 0, hi: CAP };
    if (k.lo === k.hi) constant.set(id, k.lo);
    else unknown.set(id, k);
  };
  for (const r of relations) for (const [id] of terms(r).coefficients) consider(id);
  for (const id of known.keys()) consider(id);

  // Each relation, with its exact cells folded into a constant: Σ coefficient × unknown ≤ or = rest.
  const rows = relations.flatMap((r) => {
    const { coefficients, equal } = terms(r);
    let rest = 0;
    const on = new Map<string, number>();
    for (const [id, c] of coefficients) {
      const value = constant.get(id);
      if (value !== undefined) rest -= c * value;
      else on.set(id, (on.get(id) ?? 0) + c);
    }
    return on.size > 0 ? [{ on, equal, rest, touches: only ? coefficients.some(([id]) => only(id)) : true }] : [];
  });

  // Unknowns tied by no chain of relations are solved apart: an exact count cuts a chain, so each part stays small.
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
    // Only published cells are asked about; a count nobody published has nothing to give away.
    const targets = part.ids.filter((id) => known.has(id));
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
          objective: `dom:${id}`,
          constraints,
          variables,
          integers: true,
        };
        const solution = solve(model);
        if (solution.status === 'unbounded') return direction === 'maximize' ? CAP : 0;
        // The published figures came from real counts: a program they cannot satisfy names a relation that does not
        // hold, and nothing may be published on such a model.
        if (solution.status === 'infeasible') throw new Error(`disclosure model infeasible around ${id}`);
        if (solution.status !== 'optimal') return undefined;
        return Math.round(solution.result);
      };
      const lo = extreme('minimize');
      const hi = extreme('maximize');
      // A program the solver could not finish says nothing of the cell's safety: it counts as pinned (fail closed).
      bounds.set(id, lo !== undefined && hi !== undefined ? { lo, hi } : { lo: 0, hi: 0 });
    }
  }
  return bounds;
}

/**
 * Cells left with a single possible value other than 0 (a zero is published as such: learning that nobody is
 * counted somewhere says nothing of a child).
 */
export function pinnedCells(
  known: ReadonlyMap<string, Bounds>,
  relations: readonly Relation[],
  only?: (id: string) => boolean,
): string[] {
  const pinned: string[] = [];
  for (const [id, b] of unknownBounds(known, relations, only)) if (b.hi - b.lo < 1 && b.hi > 0) pinned.push(id);
  return pinned;
}

/** Around the cells a round found pinned: the cells still to publish their relations tie them to. */
export interface Pinned {
  pinned: ReadonlySet<string>;
  near: readonly string[];
  relations: readonly Relation[];
}

/**
 * Secondary suppression, one loop for every publication (the weekly digests, the annual return): while a figure
 * still to publish lets a reader pin a cell, the smallest exact count of `threshold` or more around it is hidden
 * (it widens the program most cheaply); when none can go, the publication's own wider steps are tried in order. A
 * cell pinned by what already went out alone is reported, not chased. Fails closed: when the rounds run out,
 * `failClosed` withdraws what is still to publish. Returns the cells pinned by what went out alone.
 */
export function suppress(input: {
  /** Everything a reader knows, as the publication stands now. */
  model(): { known: Map<string, Bounds>; relations: Relation[] };
  /** Whether a cell is still to publish (and so may be hidden). */
  changeable(id: string): boolean;
  threshold: number;
  /** Hides one exact count; false when it could not. */
  hide(id: string): boolean;
  /** Wider steps, tried in order when no single count can go; each true when it changed something. */
  widen: readonly ((around: Pinned) => boolean)[];
  failClosed(): void;
}): string[] {
  const base = input.model();
  for (const id of [...base.known.keys()]) if (input.changeable(id)) base.known.delete(id);
  const unprotectable = pinnedCells(base.known, base.relations, input.changeable).sort();
  const already = new Set(unprotectable);
  for (let round = 0; round < 400; round += 1) {
    const { known, relations } = input.model();
    const pinned = new Set(pinnedCells(known, relations, input.changeable).filter((id) => !already.has(id)));
    if (pinned.size === 0) return unprotectable;
    const near = [
      ...new Set(relations.filter((r) => relationCells(r).some((c) => pinned.has(c))).flatMap(relationCells)),
    ].filter(input.changeable);
    const pick = near
      .map((id) => ({ id, b: known.get(id) }))
      .filter(
        (c): c is { id: string; b: Bounds } => c.b !== undefined && c.b.lo === c.b.hi && c.b.lo >= input.threshold,
      )
      .sort((a, b) => a.b.lo - b.b.lo)[0];
    if (pick && input.hide(pick.id)) continue;
    if (input.widen.some((step) => step({ pinned, near, relations }))) continue;
    // Nothing tied to it is left to change: only what went out pins it.
    return unprotectable;
  }
  input.failClosed();
  return unprotectable;
}
