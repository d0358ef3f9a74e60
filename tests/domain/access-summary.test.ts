import { describe, expect, it } from 'vitest';
import { type AccessEntry, type AccessLine, summariseAccess } from '../../src/domain/access-summary.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 10, minute));
const render = (line: AccessLine) =>
  line.kind === 'granted'
    ? `granted ${line.entry.userId} ${line.entry.at.toISOString()}`
    : `refused ${line.userId} ×${line.count}`;

describe('the access log as the coordinator reads it', () => {
  it('survives a flood: 120 refusals of one outsider fold into one line, the granted read stays, newest first', () => {
    const entries: AccessEntry[] = [
      { userId: 'UTEAM', at: at(0), reason: 'follow_up', granted: true },
      ...Array.from({ length: 120 }, (_, i) => ({
        userId: 'UOUT',
        at: at(1 + (i % 50)),
        reason: 'refused_before_reason',
        granted: false,
      })),
      { userId: 'UCOORD', at: at(55), reason: 'team_meeting', granted: true },
    ];
    const { lines, omitted } = summariseAccess(entries, render, 3500);
    expect(lines.map(render)).toEqual([
      `granted UCOORD ${at(55).toISOString()}`,
      'refused UOUT ×120',
      `granted UTEAM ${at(0).toISOString()}`,
    ]);
    expect(omitted).toEqual({ granted: 0, refused: 0 });
  });

  it('drops refusals before any granted read when the message is full, and counts what it left out', () => {
    const entries: AccessEntry[] = [
      ...Array.from({ length: 30 }, (_, i) => ({ userId: `UOUT${i}`, at: at(i + 1), reason: 'x', granted: false })),
      { userId: 'UTEAM', at: at(0), reason: 'follow_up', granted: true },
    ];
    const budget = render({ kind: 'granted', entry: entries[30] as AccessEntry }).length + 1 + 3 * 16;
    const { lines, omitted } = summariseAccess(entries, render, budget);
    expect(lines.filter((l) => l.kind === 'granted')).toHaveLength(1);
    expect(omitted.granted).toBe(0);
    expect(omitted.refused + lines.filter((l) => l.kind === 'refused').length).toBe(30);
    expect(omitted.refused).toBeGreaterThan(0);
  });
});
