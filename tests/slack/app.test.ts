import { renameSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fr } from '../../src/i18n/fr.js';
import { SlackCredentialsError } from '../../src/slack/connection.js';
import { actions, intakeBlocks as b } from '../../src/slack/ids.js';
import { ACCESS_REASON_BLOCK } from '../../src/slack/views/modals.js';
import { KeyRing } from '../../src/store/key-ring.js';
import { cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness, startSlack, TEST_KEY } from '../support/harness.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createTestDatabase } from '../support/test-db.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
  h = undefined as unknown as Harness;
});

const healthz = (harness: Harness) => fetch(`http://127.0.0.1:${harness.app.port}/healthz`);

describe('the bot token, checked with Slack at start', () => {
  it('refused: the start stops with one clear message naming the variable and where to get the token', async () => {
    const start = startHarness({ env: { SLACK_BOT_TOKEN: 'xoxb-not-the-workspace-token' } });
    const error = await start.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlackCredentialsError);
    expect((error as Error).message).toContain('SLACK_BOT_TOKEN (invalid_auth)');
    expect((error as Error).message).toContain('OAuth & Permissions');
  });

  it('unreachable: the app starts, /healthz says why (503), a command gets a word; once Slack answers, all works', async () => {
    const slack = await startSlack();
    const proxy = await new TcpProxy('127.0.0.1', Number(new URL(slack.url).port)).start();
    proxy.cut();
    try {
      h = await startHarness({
        slack,
        env: { SLACK_API_URL: `http://127.0.0.1:${proxy.port}/api/` },
        slackRetryMs: { first: 50, max: 400 },
      });
      const down = await healthz(h);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'slack_unreachable' });
      const answer = await h.driver.slashCommand(USERS.teacher, '');
      expect(answer.status).toBe(200);
      expect(answer.text).toContain(fr.slackUnreachable.command);
      // A form submitted meanwhile stays open under a message: the user's input is not lost.
      const submitted = await h.driver.send(
        `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: USERS.teacher }, view: { id: 'V1', callback_id: 'referral_intake', state: { values: {} } } }))}`,
      );
      expect(submitted.json).toMatchObject({ response_action: 'push' });
      expect(h.logs.join('\n')).toContain('slack: not reachable');

      proxy.restore();
      await expect.poll(async () => (await healthz(h)).status, { timeout: 30_000, interval: 100 }).toBe(200);
      const viewId = await h.openIntake();
      expect(viewId).toBeTruthy();
    } finally {
      await h?.stop();
      h = undefined as unknown as Harness;
      await proxy.stop();
      await slack.stop();
    }
  });
});

describe('the HTTP endpoint', () => {
  it('answers /healthz 200 with the database up and 503 without it', async () => {
    h = await startHarness();
    const ok = await healthz(h);
    expect(ok.status).toBe(200);
    await h.app.db.close();
    const down = await healthz(h);
    expect(down.status).toBe(503);
  });

  // One app for the two refusals: nothing either request does may change what the other sees.
  it('refuses an oversized body (413) and requests with a wrong, missing or stale signature (401), and does nothing', async () => {
    h = await startHarness();
    const oversized = await h.driver.send(`payload=${'x'.repeat(300 * 1024)}`);
    expect(oversized.status).toBe(413);
    const body = h.driver.slashCommandBody(USERS.teacher);
    expect((await h.driver.send(body, { secret: 'not-the-secret-at-all' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await h.driver.send(body, { timestamp: stale })).status).toBe(401);
    const unsigned = await fetch(`http://127.0.0.1:${h.app.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect(h.slack.callsTo('views.open')).toHaveLength(0);
    // The same request, correctly signed, works.
    expect((await h.driver.send(body)).status).toBe(200);
    await h.slack.waitFor(() => h.slack.accepted('views.open').length === 1, 60_000, 'views.open');
  });

  it('tells the user, instead of nothing, when Slack’s 3 s ran out before the form could open', async () => {
    h = await startHarness({ strictTriggers: true });
    const form = new URLSearchParams(h.driver.slashCommandBody(USERS.teacher));
    // Slack's own clock: a trigger minted 3.1 s ago has died, whatever the app does.
    form.set('trigger_id', h.slack.mintTrigger(USERS.teacher, 3100));
    expect((await h.driver.send(form.toString())).status).toBe(200);
    const told = await h.slack.waitFor(() => h.slack.accepted('response_url')[0], 60_000, 'the notice');
    expect(told.args).toMatchObject({ response_type: 'ephemeral', text: fr.expiredTrigger });
    expect(h.slack.callsTo('views.open').map((c) => c.response.error)).toEqual(['expired_trigger_id']);
  });
});

describe('Socket Mode', () => {
  it('connects through apps.connections.open and serves /reperage over the socket', async () => {
    h = await startHarness({ socketMode: true });
    await h.slack.waitFor(() => h.slack.socketConnected, 60_000, 'socket connection');
    // /healthz is the app's own server in Socket Mode, on HOST (127.0.0.1 here) and the port it reports.
    expect((await healthz(h)).status).toBe(200);
    expect(h.app.port).toBeGreaterThan(0);
    const help = await h.slack.sendEnvelope('slash_commands', {
      command: '/reperage',
      text: 'aide',
      user_id: USERS.teacher,
      channel_id: 'CWORK0001',
      team_id: 'TPRE0001',
      trigger_id: h.slack.mintTrigger(USERS.teacher),
    });
    expect(help).toMatchObject({ text: fr.help });
    await h.slack.sendEnvelope('slash_commands', {
      command: '/reperage',
      text: '',
      user_id: USERS.teacher,
      channel_id: 'CWORK0001',
      team_id: 'TPRE0001',
      trigger_id: h.slack.mintTrigger(USERS.teacher),
    });
    await h.slack.waitFor(() => h.slack.accepted('views.open').length === 1, 60_000, 'modal over Socket Mode');
  });
});

describe('Socket Mode with level-1 data, logged at trace', () => {
  it('takes a referral and opens a file over the socket; no level-1 value in the logs or in what went over the socket', async () => {
    h = await startHarness({ socketMode: true, env: { PRE_LOG_LEVEL: 'trace' } });
    const harness = h;
    await harness.slack.waitFor(() => harness.slack.socketConnected, 60_000, 'socket connection');
    const slash = (user: string, text: string) =>
      harness.slack.sendEnvelope('slash_commands', {
        command: '/reperage',
        text,
        user_id: user,
        channel_id: 'CWORK0001',
        team_id: 'TPRE0001',
        trigger_id: harness.slack.mintTrigger(user),
        response_url: `http://127.0.0.1:${harness.slack.port}/commands/socket`,
      });
    await slash(USERS.teacher, '');
    const opened = await harness.slack.waitFor(() => harness.slack.accepted('views.open')[0], 60_000, 'intake modal');
    const intakeView = String((opened.response.view as { id: string }).id);
    await harness.slack.sendEnvelope(
      'interactive',
      harness.driver.choicePayload(USERS.teacher, intakeView, b.familyAgreement, 'agreed_written'),
    );
    await harness.slack.waitFor(() => harness.slack.accepted('views.update')[0], 60_000, 'intake form for the answer');
    const form = intakeForm();
    const saved = await harness.slack.sendEnvelope(
      'interactive',
      harness.driver.viewSubmissionPayload(intakeView, form),
    );
    expect(saved?.response_action).toBe('update');
    const card = await harness.slack.waitFor(() => cardsIn(harness.slack)[0], 60_000, 'card');

    // A team member examines the situation (référent de parcours), then reads the file: reason first, then the
    // file in the modal (the one place level 1 may go).
    await harness.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    await harness.slack.sendEnvelope(
      'interactive',
      harness.driver.blockActionsPayload(USERS.team, card, actions.takeCase),
    );
    await harness.slack.waitFor(() => JSON.stringify(card.blocks).includes('@2"'), 60_000, 'card v2');
    await harness.slack.sendEnvelope(
      'interactive',
      harness.driver.blockActionsPayload(USERS.team, card, actions.viewFile),
    );
    const asked = await harness.slack.waitFor(() => harness.slack.accepted('views.open')[1], 60_000, 'reason modal');
    const reasonView = String((asked.response.view as { id: string }).id);
    const file = await harness.slack.sendEnvelope(
      'interactive',
      harness.driver.viewSubmissionPayload(reasonView, { [ACCESS_REASON_BLOCK]: 'follow_up' }),
    );
    expect(JSON.stringify(file?.view)).toContain(String(form[b.childFirstName]));
    // The logs were written at trace, Bolt's and the socket client's included, and they say something.
    expect(harness.logs.some((line) => line.includes('"component":"bolt"') && line.includes('"level":20'))).toBe(true);
    // harness.stop() scans every log line, Web API call and socket ack for the planted values.
  });
});

describe('encryption keys at start', () => {
  it('refuses to start with a key ring that cannot read the stored data, and names the missing key', async () => {
    const database = await createTestDatabase();
    try {
      const first = await startHarness({ database });
      const viewId = await first.openIntake(USERS.teacher);
      await first.driver.submitView(viewId, intakeForm());
      // A running instance says which key it writes with (keys:rotate reads it); its row goes when it stops.
      const rows = await first.app.db.prisma.runningInstance.findMany();
      expect(rows.map((r) => [r.pid, r.keyIds])).toEqual([[process.pid, [new KeyRing([TEST_KEY]).current.id]]]);
      await first.stop();
      const other = Buffer.alloc(32, 9).toString('base64');
      await expect(startHarness({ database, env: { PRE_ENCRYPTION_KEY: other } })).rejects.toThrow(
        /key ring lacks.*PRE_ENCRYPTION_KEYS/,
      );
      // With both keys, newest first, it starts again.
      h = await startHarness({
        database,
        env: { PRE_ENCRYPTION_KEYS: `${other},${TEST_KEY}`, PRE_ENCRYPTION_KEY: '' },
      });
      expect((await fetch(`http://127.0.0.1:${h.app.port}/healthz`)).status).toBe(200);
      expect((await h.app.db.prisma.runningInstance.findMany()).map((r) => r.keyIds.length)).toEqual([2]);
      await h.stop();
      h = undefined as unknown as Harness;
    } finally {
      await database.dispose();
    }
  });

  it('refuses to start without the wrapping key its cases need, and says where it should be', async () => {
    const database = await createTestDatabase();
    try {
      const first = await startHarness({ database });
      const viewId = await first.openIntake(USERS.teacher);
      await first.driver.submitView(viewId, intakeForm());
      await first.stop();
      // The keys directory lost (a restore without it): the cases' keys cannot be unwrapped; said, not guessed.
      const moved = `${database.keysDir}.elsewhere`;
      renameSync(database.keysDir, moved);
      await expect(startHarness({ database })).rejects.toThrow(
        new RegExp(`not in ${database.keysDir}: restore the keys directory \\(PRE_KEYS_DIR\\)`),
      );
      // Put back, it starts and reads the case.
      rmSync(database.keysDir, { recursive: true, force: true });
      renameSync(moved, database.keysDir);
      h = await startHarness({ database });
      expect((await fetch(`http://127.0.0.1:${h.app.port}/healthz`)).status).toBe(200);
      await h.stop();
      h = undefined as unknown as Harness;
    } finally {
      await database.dispose();
    }
  });
});
