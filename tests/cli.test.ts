import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackDriver } from '../src/slack-emulator/driver.js';
import { SlackEmulator } from '../src/slack-emulator/emulator.js';
import { MIGRATIONS_DIR } from '../src/store/migrations.js';
import { exitOf, killGroup, killStartedProcessesAfterEach, spawnTracked } from './support/processes.js';
import { withDatabase } from './support/server-database.js';
import { onPostgres } from './support/test-db.js';

killStartedProcessesAfterEach();

/** `npm start` exactly as a user types it, in a child process, with a clean environment. */
function npmStart(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number> } {
  let out = '';
  const child = spawnTracked('npm', ['start', '--silent'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      DOTENV_CONFIG_PATH: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = exitOf(child);
  return { child, output: () => out, exited };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `npm start` compiles first, which takes a while on a busy machine: waits for /healthz to answer 200, or the
 * process to end, or 150 s. Resolves with the last status (0: no answer).
 */
async function healthOnceStarted(run: { child: ChildProcess }, port: number): Promise<number> {
  const deadline = Date.now() + 150_000;
  let status = 0;
  while (Date.now() < deadline && run.child.exitCode === null) {
    status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return status;
}

/** The Slack side of `npm start` against the emulator, on 127.0.0.1:`port`. */
const slackSide = (slack: SlackEmulator, port: number) => ({
  SLACK_BOT_TOKEN: 'xoxb-cli-test',
  SLACK_SIGNING_SECRET: 'cli-signing-secret',
  SLACK_API_URL: slack.url,
  PORT: String(port),
  HOST: '127.0.0.1',
});

/** A request signed with the wrong secret gets 401; the right one is served. */
async function expectSignaturesChecked(port: number, slack: SlackEmulator) {
  const wrong = new SlackDriver(`http://127.0.0.1:${port}/slack/events`, 'wrong-secret', slack);
  expect((await wrong.slashCommand('U1')).status).toBe(401);
  const good = new SlackDriver(`http://127.0.0.1:${port}/slack/events`, 'cli-signing-secret', slack);
  expect((await good.slashCommand('U1', 'aide')).status).toBe(200);
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe.skipIf(onPostgres())('npm start', () => {
  it('in production with no Slack variables, says what is missing and where to get it, and exits 2', async () => {
    const run = npmStart({ NODE_ENV: 'production' });
    expect(await run.exited).toBe(2);
    const output = run.output();
    expect(output).toContain('SLACK_BOT_TOKEN');
    expect(output).toContain('SLACK_SIGNING_SECRET');
    expect(output).toContain('manifest.yml');
    expect(output).toContain('sandbox does not start');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('with a partial Slack configuration, lists what is missing and exits 2 (no sandbox)', async () => {
    const run = npmStart({ SLACK_BOT_TOKEN: 'xoxb-partial' });
    expect(await run.exited).toBe(2);
    const output = run.output();
    expect(output).toContain('SLACK_SIGNING_SECRET');
    expect(output).not.toContain('SANDBOX');
  });

  it('with no Slack variable at all, starts the sandbox on its own data directory and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pre-cli-sandbox-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    // A DATABASE_URL is ignored by the sandbox: demo data never goes to a real database.
    const run = npmStart({
      PORT: String(port),
      PRE_SANDBOX_DATA_DIR: join(dir, 'demo'),
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    cleanups.push(() => killGroup(run.child));
    // `npm start` compiles first: on a busy machine that takes a while. Waits end as soon as the thing happens.
    const deadline = Date.now() + 150_000;
    while (!run.output().includes('SANDBOX') && Date.now() < deadline && run.child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const output = run.output();
    expect(output).toContain('SANDBOX');
    expect(output).toContain('Demo data only');
    expect(output).toContain(`http://127.0.0.1:${port}/`);
    expect(output).toContain('manifest.yml');
    // The generated key lives beside the data directory, not in it: a copy of the data is not a copy of its key.
    expect(existsSync(join(dir, 'demo.key'))).toBe(true);
    expect(existsSync(join(dir, 'demo', 'encryption.key'))).toBe(false);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Bac à sable');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('with a bot token Slack refuses, says so in one message and exits 2, before touching the data', async () => {
    const slack = await new SlackEmulator({ botToken: 'xoxb-the-workspace-token' }).start();
    cleanups.push(() => slack.stop());
    const dir = mkdtempSync(join(tmpdir(), 'pre-cli-token-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const run = npmStart({ ...slackSide(slack, await freePort()), PRE_DATA_DIR: join(dir, 'data') });
    cleanups.push(() => killGroup(run.child));
    expect(await run.exited, run.output()).toBe(2);
    const output = run.output();
    expect(output).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, 'data'))).toBe(false);
    expect(existsSync(join(dir, 'data.key'))).toBe(false);
  });

  it('starts against Slack, creates ./data, applies migrations, serves /healthz, refuses bad signatures, stops on SIGTERM', async () => {
    const slack = await new SlackEmulator({ botToken: 'xoxb-cli-test' }).start();
    cleanups.push(() => slack.stop());
    const dir = mkdtempSync(join(tmpdir(), 'pre-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = join(dir, 'data');
    const port = await freePort();
    const run = npmStart({ ...slackSide(slack, port), PRE_DATA_DIR: dataDir });
    cleanups.push(() => killGroup(run.child));
    expect(await healthOnceStarted(run, port), run.output()).toBe(200);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(`${dataDir}.key`)).toBe(true);
    expect(statSync(`${dataDir}.key`).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dataDir, 'encryption.key'))).toBe(false);
    expect(run.output()).toContain('20261128000000_init');

    await expectSignaturesChecked(port, slack);

    // npm passes SIGTERM on to the app, which closes cleanly; npm itself then ends on the signal.
    run.child.kill('SIGTERM');
    await run.exited;
    expect(run.output()).toContain('"signal":"SIGTERM"');
    expect(run.output()).toContain('pre-referrals stopped');
  });
});

describe.runIf(onPostgres())('npm start on a PostgreSQL server', () => {
  it('migrates an empty database, serves /healthz, refuses bad signatures, stops on SIGTERM', async () => {
    const url = process.env.TEST_DATABASE_URL ?? '';
    const name = `pre_cli_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    cleanups.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    const slack = await new SlackEmulator({ botToken: 'xoxb-cli-test' }).start();
    cleanups.push(() => slack.stop());
    const port = await freePort();
    const run = npmStart({
      ...slackSide(slack, port),
      DATABASE_URL: withDatabase(url, name),
      PRE_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    });
    cleanups.push(() => killGroup(run.child));
    expect(await healthOnceStarted(run, port), run.output()).toBe(200);
    expect(run.output()).toContain('20261128000000_init');
    expect(run.output()).toContain('"database":"postgres"');
    const db = new pg.Client({ connectionString: withDatabase(url, name) });
    await db.connect();
    const applied = await db.query('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    await db.end();
    expect(applied.rows[0]?.n).toBe(readdirSync(MIGRATIONS_DIR).filter((d) => !d.endsWith('.toml')).length);

    await expectSignaturesChecked(port, slack);

    run.child.kill('SIGTERM');
    await run.exited;
    expect(run.output()).toContain('pre-referrals stopped');
  });
});
