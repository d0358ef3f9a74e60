import { writeFileSync } from 'node:fs';
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/** What scripts/vitest-run.ts reads after vitest exits, to tell a crashed test process from a failed test. */
export interface RunOutcome {
  /** Files whose process died before they finished (vitest leaves them pending). */
  readonly unfinished: string[];
  /** Files with a failed test, hook or import. */
  readonly failed: string[];
  /** Errors outside any test other than "a worker exited unexpectedly". */
  readonly otherErrors: number;
  readonly crashes: number;
}

export const OUTCOME_FILE = 'PRE_TEST_OUTCOME_FILE';
const CRASH = '[vitest-pool]: Worker forks emitted error.';

/** Writes the run's outcome to the file named by PRE_TEST_OUTCOME_FILE; does nothing when it is not set. */
export default class OutcomeReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>): void {
    const file = process.env[OUTCOME_FILE];
    if (file === undefined) return;
    const crashes = errors.filter((e) => e.message === CRASH).length;
    const outcome: RunOutcome = {
      unfinished: modules.filter((m) => m.state() === 'pending' || m.state() === 'queued').map((m) => m.moduleId),
      failed: modules.filter((m) => m.state() === 'failed').map((m) => m.moduleId),
      otherErrors: errors.length - crashes,
      crashes,
    };
    writeFileSync(file, JSON.stringify(outcome));
  }
}
