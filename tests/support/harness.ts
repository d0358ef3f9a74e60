import { Writable } from 'node:stream';
import { afterEach, expect } from 'vitest';
import { type RunningApp, startApp } from '../../src/bootstrap.js';
import type { FamilyAgreement } from '../../src/domain/referral.js';
import { intakeBlocks } from '../../src/slack/ids.js';
import { SlackDriver } from '../../src/slack-emulator/driver.js';
import { SlackEmulator } from '../../src/slack-emulator/emulator.js';
import { leaksInTraffic } from './canary.js';
import { CHANNEL_MEMBERS, CHANNELS, USERS } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789';
export const TEST_BOT_TOKEN = 'xoxb-test-bot-token';
export const TEST_APP_TOKEN = 'xapp-test-app-token';
export const TEST_KEY = Buffer.alloc(32, 7).toString('base64');

export interface Harness {
  app: RunningApp;
  slack: SlackEmulator;
  driver: SlackDriver;
  database: TestDatabase;
  logs: string[];
  env: Record<string, string>;
  /**
   * Opens the intake modal as `userId`, answers its first question (the family's agreement; by default written
   * agreement, so the full form) and waits for the form to follow; returns the view id. `null`: the question only.
   */
  openIntake(userId?: string, agreement?: FamilyAgreement | null): Promise<string>;
  /** Scans every Web API call, HTTP answer and log line for planted level-1 values. */
  assertNoLeaks(): Promise<void>;
  /** Every payload the app sent and every answer it gave pass Slack's Block Kit rules (checked at stop too). */
  assertSlackWouldAccept(): void;
  /**
   * Resolves once the outbox holds nothing left to send: every message it will ever post has been posted. Counting
   * posts after this, not after a sleep, is what makes "nothing doubled" mean something on a slow machine.
   */
  outboxDrained(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  now?: () => Date;
  database?: TestDatabase;
  socketMode?: boolean;
  /** Share one Slack between several instances (scale-out tests); its owner stops it. */
  slack?: SlackEmulator;
  /** Slack's real 3 s trigger lifetime (tests about that rule). */
  strictTriggers?: boolean;
  /** A test about slowness may see acks over Slack's 3 s; every other test fails on one. */
  slowAcksAllowed?: boolean;
  /** The delays between token checks while Slack does not answer (see StartOptions). */
  slackRetryMs?: { first: number; max: number };
}

/** Slack gives up on a request the app has not acknowledged within 3 s. */
const ACK_DEADLINE_MS = 3000;

/**
 * The offline Slack of the test workspace (its tokens and channels). Its trigger_ids live a minute unless a test
 * is about Slack's 3 s (`strictTriggers`): elsewhere a busy machine must not make a test race the wall clock.
 */
export function startSlack(
  options: { strictTriggers?: boolean; privateChannels?: string[]; admins?: string[] } = {},
): Promise<SlackEmulator> {
  return new SlackEmulator({
    botToken: TEST_BOT_TOKEN,
    appToken: TEST_APP_TOKEN,
    channels: Object.values(CHANNELS),
    privateChannels: options.privateChannels,
    admins: options.admins,
    members: CHANNEL_MEMBERS,
    triggerTtlMs: options.strictTriggers ? undefined : 60_000,
  }).start();
}

/**
 * The harness and the Slack of the test under way, stopped after each test (a test that starts its own Slack, with
 * options, stops it too). Call at the top of a test file.
 */
export function stoppedAfterEach(): { harness?: Harness; slack?: SlackEmulator; database?: TestDatabase } {
  const running: { harness?: Harness; slack?: SlackEmulator; database?: TestDatabase } = {};
  afterEach(async () => {
    await running.harness?.stop();
    await running.slack?.stop();
    await running.database?.dispose();
    running.harness = undefined;
    running.slack = undefined;
    running.database = undefined;
  });
  return running;
}

/** Starts the real app (startApp, the CLI's own path) against a fresh emulator and a fresh database. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const slack = options.slack ?? (await startSlack({ strictTriggers: options.strictTriggers }));
  const ownsSlack = !options.slack;
  const database = options.database ?? (await createTestDatabase());
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(line);
      if (process.env.TEST_LOGS) process.stderr.write(chunk);
      done();
    },
  });
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    PORT: '0',
    HOST: '127.0.0.1',
    PRE_ENCRYPTION_KEY: TEST_KEY,
    PRE_CELLULE_CHANNEL: CHANNELS.cellule,
    PRE_GROUP_SCHOOLING_CHANNEL: CHANNELS.schooling,
    PRE_GROUP_PARENTING_CHANNEL: CHANNELS.parenting,
    PRE_GROUP_HEALTH_CHANNEL: CHANNELS.health,
    PRE_COORDINATORS: USERS.coordinator,
    PRE_OUTBOX_INTERVAL_MS: '100',
    // The most verbose level: the libraries' debug text is where payloads would leak, and it is scanned too.
    PRE_LOG_LEVEL: 'trace',
    ...(options.socketMode ? { SLACK_APP_TOKEN: TEST_APP_TOKEN } : {}),
    ...database.env,
    ...options.env,
  };
  const app = await startApp(env, { logDestination, now: options.now, slackRetryMs: options.slackRetryMs }).catch(
    async (error: unknown) => {
      if (ownsSlack) await slack.stop();
      if (!options.database) await database.dispose();
      throw error;
    },
  );
  const driver = new SlackDriver(`http://127.0.0.1:${app.port}/slack/events`, TEST_SIGNING_SECRET, slack);

  const harness: Harness = {
    app,
    slack,
    driver,
    database,
    logs,
    env,
    async openIntake(userId = USERS.teacher, agreement: FamilyAgreement | null = 'agreed_written') {
      // Matched by trigger_id, so that concurrent openings each get their own view.
      const body = driver.slashCommandBody(userId);
      const trigger = new URLSearchParams(body).get('trigger_id');
      const res = await driver.send(body);
      expect(res.status).toBe(200);
      const call = await slack.waitFor(
        () => slack.accepted('views.open').find((c) => c.args.trigger_id === trigger),
        60_000,
        'views.open',
      );
      const viewId = String((call.response.view as { id: string }).id);
      if (agreement === null) return viewId;
      const updates = slack.accepted('views.update').filter((c) => c.args.view_id === viewId).length;
      await driver.chooseInView(userId, viewId, intakeBlocks.familyAgreement, agreement);
      await slack.waitFor(
        () => slack.accepted('views.update').filter((c) => c.args.view_id === viewId)[updates],
        60_000,
        'intake form redrawn for the family’s answer',
      );
      return viewId;
    },
    async assertNoLeaks() {
      const leaks = leaksInTraffic({
        calls: slack.calls,
        responses: driver.responses,
        logs,
        viewUserOf: (call) => slack.viewUserOf(call),
        grantedReads: await grantedReads(app.db.prisma),
      });
      expect(leaks, 'level-1 values found outside a modal').toEqual([]);
    },
    async outboxDrained() {
      await outboxDrained(app.db.prisma, () => app.dispatcher.kick());
    },
    assertSlackWouldAccept() {
      expect(slack.blockKitRefusals(), 'Web API calls Slack would refuse').toEqual([]);
      expect(driver.answerProblems, 'answers Slack would refuse').toEqual([]);
      if (!options.slowAcksAllowed) {
        const late = driver.responses.filter((r) => r.ms > ACK_DEADLINE_MS).map((r) => Math.round(r.ms));
        expect(late, 'acks later than Slack’s 3 s (ms)').toEqual([]);
      }
    },
    async stop() {
      try {
        await harness.assertNoLeaks();
        harness.assertSlackWouldAccept();
      } finally {
        await app.stop();
        if (ownsSlack) await slack.stop();
        if (!options.database) await database.dispose();
      }
    },
  };
  return harness;
}

/** Polls until no outbox row is pending (kicking the dispatcher so that it does not wait for its next tick). */
export async function outboxDrained(
  prisma: RunningApp['db']['prisma'],
  kick: () => void = () => {},
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Drained: everything that can go has gone. A message held for a destination nobody configured (a liaison
    // sheet whose operator has no channel) waits by design.
    const pending = await prisma.outboxMessage.count({
      // (SQL's NOT over a null last_error is null, not true: the null case is spelled out.)
      where: {
        status: 'pending',
        OR: [{ lastError: null }, { NOT: { lastError: { contains: 'is not configured' } } }],
      },
    });
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error('the outbox did not drain');
    kick();
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Case files opened after a granted, logged read (none if the test closed the database). */
export async function grantedReads(prisma: RunningApp['db']['prisma']) {
  const rows = await prisma.accessLog
    .findMany({ where: { granted: true }, select: { userId: true, referral: { select: { reference: true } } } })
    .catch(() => []);
  return rows.map((r) => ({ userId: r.userId, reference: r.referral.reference }));
}
