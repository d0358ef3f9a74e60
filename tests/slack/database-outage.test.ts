import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { fr } from '../../src/i18n/fr.js';
import { intakeForm, USERS } from '../support/fixtures.js';
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
});
