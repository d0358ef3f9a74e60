// `npm test` and `npm run test:pg` run the suite through this: vitest, then a check that no process a test started
// is still running (vitest reports an error in its global teardown but exits 0, so the check lives here).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { processesMarked } from '../tests/support/run-marker.js';

const marker = `${process.pid}-${randomBytes(4).toString('hex')}`;
// A test process that dies of a fatal error (out of memory, a native crash Node can report) leaves a report here;
// vitest only says "Worker exited unexpectedly", so the reports' gist is printed at the end of the run.
const reports = resolve('.cache', 'node-reports', marker);
mkdirSync(reports, { recursive: true });
const vitest = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRE_TEST_RUN_ID: marker,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--report-on-fatalerror', `--report-directory=${reports}`]
      .filter(Boolean)
      .join(' '),
  },
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
for (const name of readdirSync(reports)) {
  try {
    const report = JSON.parse(readFileSync(join(reports, name), 'utf8'));
    const { header, javascriptStack } = report;
    console.error(
      `\nA test process died: ${header?.event} (${header?.trigger}), pid ${header?.processId}, ` +
        `command ${JSON.stringify(header?.commandLine)}\n${javascriptStack?.message ?? ''}\n` +
        (javascriptStack?.stack ?? []).slice(0, 12).join('\n'),
    );
  } catch {
    console.error(`\nA test process died; its report ${name} could not be read`);
  }
}
rmSync(reports, { recursive: true, force: true });
if (left.length > 0) {
  console.error(`\n${left.length} process(es) started by tests outlived them (now killed): ${left.join(', ')}`);
  process.exit(1);
}
process.exit(code);
