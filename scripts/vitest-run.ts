// `npm test` and `npm run test:pg` run the suite through this: vitest, then a check that no process a test started
// is still running (vitest reports an error in its global teardown but exits 0, so the check lives here).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { processesMarked } from '../tests/support/run-marker.js';

const marker = `${process.pid}-${randomBytes(4).toString('hex')}`;
const vitest = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PRE_TEST_RUN_ID: marker },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => vitest.kill(signal));
const code = await new Promise<number>((resolve) => vitest.once('exit', (c) => resolve(c ?? 1)));

const left = processesMarked(marker);
for (const pid of left) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone meanwhile.
  }
}
if (left.length > 0) {
  console.error(`\n${left.length} process(es) started by tests outlived them (now killed): ${left.join(', ')}`);
  process.exit(1);
}
process.exit(code);
