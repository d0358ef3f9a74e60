// `npm test` and `npm run test:pg` run the suite through this: vitest, then a check that no process a test started
// is still running (vitest reports an error in its global teardown but exits 0, so the check lives here).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { OUTCOME_FILE, type RunOutcome } from '../tests/support/outcome-reporter.js';
import { processesMarked } from '../tests/support/run-marker.js';

const marker = `${process.pid}-${randomBytes(4).toString('hex')}`;
// A test process that dies of a fatal error (out of memory, a native crash Node can report) leaves a report here;
// vitest only says "Worker exited unexpectedly", so the reports' gist is printed at the end of the run.
const reports = resolve('.cache', 'node-reports', marker);
mkdirSync(reports, { recursive: true });
const outcomeFile = join(reports, 'outcome.json');
let current: ChildProcess | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => current?.kill(signal));

function vitest(args: string[]): Promise<number> {
  rmSync(outcomeFile, { force: true });
  current = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args], {
    stdio: 'inherit',
    env: {
      ...process.env,
      PRE_TEST_RUN_ID: marker,
      [OUTCOME_FILE]: outcomeFile,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--report-on-fatalerror', `--report-directory=${reports}`]
        .filter(Boolean)
        .join(' '),
    },
  });
  const child = current;
  return new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
}

function readOutcome(): RunOutcome | undefined {
  try {
    return JSON.parse(readFileSync(outcomeFile, 'utf8')) as RunOutcome;
  } catch {
    return undefined;
  }
}

const args = process.argv.slice(2);
let code = await vitest(args);
// A test process can die of a fault in V8 itself: on Node 24, PGlite's WebAssembly churn tripped a check in V8's JIT
// page registry now and then ("Check failed: jit_page_->allocations_.erase(addr) == 1", nodejs/node#66366), taking a
// file's results with it. src/store/wasm-code-gc.ts now removes that race; this stays for a fault not yet known.
// When that is all that went wrong — no test failed, no other error — the files that did not finish run once more,
// and their second run decides. A test that fails, or a file that dies again, still fails.
const outcome = code === 0 ? undefined : readOutcome();
if (
  outcome !== undefined &&
  outcome.failed.length === 0 &&
  outcome.otherErrors === 0 &&
  outcome.crashes > 0 &&
  outcome.unfinished.length > 0
) {
  console.error(
    `\n${outcome.crashes} test process(es) died without a failed test; running again what they left unfinished:\n` +
      outcome.unfinished.map((f) => `  ${relative(process.cwd(), f)}`).join('\n'),
  );
  code = await vitest([...args.filter((a) => a.startsWith('--')), ...outcome.unfinished]);
}

const left = processesMarked(marker);
for (const pid of left) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone meanwhile.
  }
}
for (const name of readdirSync(reports).filter((n) => n !== 'outcome.json')) {
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
