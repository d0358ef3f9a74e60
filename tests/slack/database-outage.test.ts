import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { fr } from '../../src/i18n/fr.js';
import { CHANNELS, intakeForm, USERS } from '../support/fixtures.js';
import { startHarness } from '../support/harness.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createTestDatabase, onPostgres } from '../support/test-db.js';

describe.runIf(onPostgres())('database unavailable', () => {
  it('answers submissions in the modal within Slack’s 3 s, writes nothing half-way, and resumes by itself', async () => {
    const database = await createTestDatabase();
    const url = new URL(database.env.DATABASE_URL ?? '');
    const proxy = await new TcpProxy(url.hostname, Number(url.port || 5432)).start();
    const viaProxy = Object.assign(new URL(url), { port: String(proxy.port) }).toString();
    const h = await startHarness({ database, env: { DATABASE_URL: viaProxy, PRE_DB_POOL: '3' } });
    const direct = new pg.Client({ connectionString: url.toString() });
    await direct.connect();
    const count = async () => Number((await direct.query('SELECT count(*) AS n FROM referrals')).rows[0].n);
    try {
      const first = await h.openIntake(USERS.teacher);
      expect((await h.driver.submitView(first, intakeForm())).json?.response_action).toBe('update');

      const during = await h.openIntake(USERS.teacher); // the form still opens: prefill is optional
      proxy.cut();
      const outageStart = Date.now();
      const answer = await h.driver.submitView(during, intakeForm());
      expect(answer.ms).toBeLessThan(3000);
      expect(answer.json?.response_action).toBe('errors');
      expect(Object.values(answer.json?.errors as object)).toContain(fr.submitFailed);
      expect((await fetch(`http://127.0.0.1:${h.app.port}/healthz`)).status).toBe(503);
      expect(await count()).toBe(1);
      expect(Number((await direct.query('SELECT count(*) AS n FROM sensitive_values')).rows[0].n)).toBe(7);

      await new Promise((r) => setTimeout(r, Math.max(0, outageStart + 10_000 - Date.now())));
      proxy.restore();
      // Back by itself: the same form, submitted again, goes through once.
      let resumed = await h.driver.submitView(during, intakeForm());
      for (let i = 0; i < 10 && resumed.json?.response_action !== 'update'; i += 1) {
        await new Promise((r) => setTimeout(r, 500));
        resumed = await h.driver.submitView(during, intakeForm());
      }
      expect(resumed.json?.response_action).toBe('update');
      expect(await count()).toBe(2);
      expect((await fetch(`http://127.0.0.1:${h.app.port}/healthz`)).status).toBe(200);
    } finally {
      await direct.end();
      await h.stop();
      await proxy.stop();
      await database.dispose();
    }
  }, 180_000);

  it('posts nothing twice when the database stops between Slack’s answer and the record of it', async () => {
    const database = await createTestDatabase();
    const url = new URL(database.env.DATABASE_URL ?? '');
    const proxy = await new TcpProxy(url.hostname, Number(url.port || 5432)).start();
    const viaProxy = Object.assign(new URL(url), { port: String(proxy.port) }).toString();
    const h = await startHarness({ database, env: { DATABASE_URL: viaProxy, PRE_DB_POOL: '3' } });
    try {
      await h.outboxDrained();
      // The database goes the moment Slack takes the card: its answer comes, the record of it cannot be written.
      let cutAt = 0;
      h.slack.onCall.push((call) => {
        if (!cutAt && call.method === 'chat.postMessage' && call.args.channel === CHANNELS.cellule) {
          cutAt = Date.now();
          proxy.cut();
        }
      });
      const viewId = await h.openIntake(USERS.teacher);
      const answer = await h.driver.submitView(viewId, intakeForm());
      const reference = /PRE-\d{4}-\d{4,}/.exec(answer.text)?.[0];
      if (!reference) throw new Error('the referral was refused');
      await h.slack.waitFor(() => cutAt || undefined, 60_000, 'the card posted');
      await new Promise((r) => setTimeout(r, Math.max(0, cutAt + 10_000 - Date.now())));
      proxy.restore();
      // The attempt's lease (30 s) runs out; the next one finds the card in the channel and records it.
      const recorded = () => h.app.db.prisma.referral.count({ where: { reference, cardTs: { not: null } } });
      for (let i = 0; i < 900 && (await recorded()) === 0; i += 1) await new Promise((r) => setTimeout(r, 100));
      expect(await recorded()).toBe(1);
      await h.outboxDrained();
      const cards = h.slack.messagesIn(CHANNELS.cellule).filter((m) => m.text?.includes(reference));
      expect(cards).toHaveLength(1);
      const receipts = h.slack.messagesIn(`D${USERS.teacher.slice(1)}`).filter((m) => m.text?.includes(reference));
      expect(receipts).toHaveLength(1);
    } finally {
      await h.stop();
      await proxy.stop();
      await database.dispose();
    }
  }, 180_000);
});
