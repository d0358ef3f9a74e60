/**
 * The access log of a case as a coordinator reads it: newest first, each granted read on its line, repeated refusals
 * of one person folded into one line. A flood of refusals cannot push a granted read out of view: when the message
 * is full, refusals go first, and what was left out is counted.
 */
export interface AccessEntry {
  userId: string;
  at: Date;
  reason: string;
  granted: boolean;
}

export type AccessLine =
  | { kind: 'granted'; entry: AccessEntry }
  | { kind: 'refused'; userId: string; count: number; first: Date; last: Date };

export interface AccessSummary {
  lines: AccessLine[];
  /** Entries that did not fit, by kind. */
  omitted: { granted: number; refused: number };
}

/** `render` gives each line's text; lines are kept while their total length stays within `budget`. */
export function summariseAccess(
  entries: readonly AccessEntry[],
  render: (line: AccessLine) => string,
  budget: number,
): AccessSummary {
  const newestFirst = [...entries].sort((a, b) => b.at.getTime() - a.at.getTime());
  const refusals = new Map<string, Extract<AccessLine, { kind: 'refused' }>>();
  const lines: AccessLine[] = [];
  for (const entry of newestFirst) {
    if (entry.granted) {
      lines.push({ kind: 'granted', entry });
      continue;
    }
    const folded = refusals.get(entry.userId);
    if (folded) {
      folded.count += 1;
      folded.first = entry.at;
      continue;
    }
    const line = { kind: 'refused' as const, userId: entry.userId, count: 1, first: entry.at, last: entry.at };
    refusals.set(entry.userId, line);
    lines.push(line);
  }
  // Granted reads are kept first, newest first; refusals fill what room is left.
  const kept = new Set<AccessLine>();
  let used = 0;
  for (const kind of ['granted', 'refused'] as const) {
    for (const line of lines) {
      if (line.kind !== kind) continue;
      const size = render(line).length + 1;
      if (used + size > budget) continue;
      kept.add(line);
      used += size;
    }
  }
  const omitted = { granted: 0, refused: 0 };
  for (const line of lines) {
    if (kept.has(line)) continue;
    if (line.kind === 'granted') omitted.granted += 1;
    else omitted.refused += line.count;
  }
  return { lines: lines.filter((l) => kept.has(l)), omitted };
}
