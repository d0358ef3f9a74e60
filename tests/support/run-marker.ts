import { readdirSync, readFileSync } from 'node:fs';

/**
 * Every process a test starts carries this variable in its environment (and passes it to its own children: npm to
 * node), so that the end of the run can find any that outlived its test, whatever ended the test. Its value is
 * given to the tests by the global setup (vitest's provide/inject), never put in the runner's own environment.
 */
export const RUN_MARKER = 'PRE_TEST_RUN';

/** Pids of live processes carrying `marker` in their environment (Linux /proc). */
export function processesMarked(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8');
      const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (state !== 'Z' && env.split('\0').includes(`${RUN_MARKER}=${marker}`)) found.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}
