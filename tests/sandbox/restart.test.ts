// The sandbox keeps its demo workspace between runs: a restart neither enters the demo cases again nor loses the
// cards already posted, and their buttons still work.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSandboxConfig } from '../../src/config.js';
import { DEMO_CHANNELS, DEMO_MEMBERS, demoReferralCount } from '../../src/sandbox/demo.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/sandbox.js';
import { actions } from '../../src/slack/ids.js';
import { parisToday as parisDay } from '../support/fixtures.js';
import { onPostgres } from '../support/test-db.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A raw POST to the sandbox's command endpoint (node:http, so that the Host header can be forged). */
function post(base: string, body: string, headers: Record<string, string>): Promise<{ status: number }> {
  const url = new URL('/api/command', base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cards = (s: Sandbox) =>
  s.slack.messagesIn(DEMO_CHANNELS.cellule.id).filter((m) => JSON.stringify(m.blocks ?? []).includes(actions.viewFile));

describe.skipIf(onPostgres())('sandbox restarts', () => {
  it('keeps its demo cases and cards, seeds them once, and the old cards still answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pre-sandbox-restart-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const config = loadSandboxConfig({ PORT: '0', PRE_SANDBOX_DATA_DIR: join(dir, 'demo'), PRE_LOG_LEVEL: 'silent' });
    const first = await startSandbox(config, { triggerTtlMs: 60_000 });
    const seeded = demoReferralCount();
    await first.slack.waitFor(() => cards(first).length === seeded, 60_000, 'the demo cards');
    // One child's whole year is walked: the agreement received at school completed, the EPS meeting with its place
    // and minutes, the journal de suivi, the same child referred again and merged, a handover, the closing bilan.
    const prisma = first.app.db.prisma;
    const year = await prisma.referral.findFirstOrThrow({ orderBy: { referredAt: 'asc' } });
    expect(year).toMatchObject({ status: 'closed', closureReason: 'objectives_met' });
    const steps = await prisma.caseEvent.findMany({ where: { referralId: year.id }, orderBy: { version: 'asc' } });
    expect(steps.map((e) => e.type)).toEqual([
      'referred',
      'take',
      'record_consent_given',
      'eps_decision',
      'set_objectives',
      'orient',
      'review',
      'change_referent',
      'review',
    ]);
    const received = (steps[0]?.details as { agreement?: { on: string } } | undefined)?.agreement?.on ?? '';
    expect(received < parisDay(year.referredAt)).toBe(true);
    expect(await prisma.epsMeeting.findFirstOrThrow()).toMatchObject({ place: 'Salle du conseil, mairie' });
    expect((await prisma.epsMeeting.findFirstOrThrow()).minutes).toContain(year.reference);
    const journal = await prisma.sensitiveValue.count({
      where: { referralId: year.id, field: { startsWith: 'journal:' } },
    });
    expect(journal).toBe(2);
    expect(await prisma.referral.count({ where: { mergedInto: year.id } })).toBe(1);
    await first.stop();

    const second = await startSandbox(config, { triggerTtlMs: 60_000 });
    cleanups.push(() => second.stop());
    // Health answers on the page's port, the one `npm start` prints.
    const health = await fetch(new URL('/healthz', second.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await second.app.db.prisma.referral.count()).toBe(seeded);
    expect(cards(second)).toHaveLength(seeded);
    const untaken = cards(second).find((m) => JSON.stringify(m.blocks ?? []).includes(actions.takeCase));
    if (!untaken) throw new Error('no card left to take');
    await second.driver.clickButton(DEMO_MEMBERS.cellule.id, untaken, actions.takeCase);
    await second.slack.waitFor(() => second.slack.accepted('chat.update').length > 0, 60_000, 'the card redrawn');

    // The page's API answers only this machine's page, and only well-formed requests; refusals change nothing.
    // Counted on the driver, which records every request sent to the app (Slack calls go on in the background).
    const sent = second.driver.responses.length;
    const command = JSON.stringify({ user: DEMO_MEMBERS.teacher.id, channel: DEMO_CHANNELS.general.id, text: '' });
    expect((await post(second.url, command, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(second.url, command, { 'content-type': 'application/json', host: 'evil.example' })).status).toBe(
      403,
    );
    const unknownUser = JSON.stringify({ user: 'UINTRUDER1', channel: DEMO_CHANNELS.general.id, text: '' });
    expect((await post(second.url, unknownUser, { 'content-type': 'application/json' })).status).toBe(400);
    expect(second.driver.responses.length).toBe(sent);
    expect((await post(second.url, command, { 'content-type': 'application/json' })).status).toBe(200);
    await second.slack.waitFor(() => second.slack.modalOf(DEMO_MEMBERS.teacher.id), 60_000, 'the intake modal');
  });

  it('says which port is taken instead of failing obscurely', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pre-sandbox-port-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    await expect(
      startSandbox(
        loadSandboxConfig({ PORT: String(port), PRE_SANDBOX_DATA_DIR: join(dir, 'demo'), PRE_LOG_LEVEL: 'silent' }),
      ),
    ).rejects.toThrow(`port ${port} is already in use`);
  });
});
