import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { offThread } from '../../src/output/off-thread.js';

/** Each thread of this process and its nice value (field 19 of /proc/<pid>/task/<tid>/stat). */
function niceByThread(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), Number(fields[16]));
  }
  return out;
}

describe.runIf(process.platform === 'linux')('thread priorities', () => {
  it('the compute thread runs below the thread answering Slack, which keeps its priority', async () => {
    const before = niceByThread();
    const mine = before.get(process.pid) ?? 0;
    // Any task starts the thread, which stays for its idle time: bytes that are no workbook read as none.
    await offThread.run('readListsWorkbook', new Uint8Array([1, 2, 3]), {} as never);
    const after = niceByThread();
    // Nice 10, or this process's own if it already runs lower (a priority is never raised).
    const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === Math.max(mine, 10));
    expect(lowered.length).toBeGreaterThan(0);
    expect(after.get(process.pid)).toBe(mine);
    expect([...after].filter(([tid]) => before.has(tid)).every(([tid, nice]) => nice === before.get(tid))).toBe(true);
  });
});
