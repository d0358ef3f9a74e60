import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CHANNELS, cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { outboxDrained, startHarness, startSlack } from '../support/harness.js';
import { createTestDatabase, onPostgres } from '../support/test-db.js';

const REFERRALS = 500;

/** Several stateless instances behind a load balancer, one PostgreSQL server (PGlite is one process by design). */
describe.runIf(onPostgres())('two instances on one PostgreSQL server', () => {
  it('take 500 referrals across both: 500 cases, 500 cards, 500 receipts, each exactly once', async () => {
    const database = await createTestDatabase();
    // Installed the week before (W44): last week's digests are the programme's to publish.
    if (database.target.kind === 'postgres') {
      const client = new pg.Client({ connectionString: database.target.url });
      await client.connect();
      await client.query(`INSERT INTO installation (id, installed_at) VALUES (1, '2026-10-29T12:00:00Z')`);
      await client.end();
    }
    const slack = await startSlack();
    const env = { PRE_DB_POOL: '5' };
    // Both instances start at once on a Wednesday: last week's digests are due, and both run their catch-up.
    const offset = new Date('2026-11-11T11:00:00Z').getTime() - Date.now();
    const now = () => new Date(Date.now() + offset);
    const [a, b] = await Promise.all([
      startHarness({ database, slack, env, now }),
      startHarness({ database, slack, env, now }),
    ]);
    try {
      let next = 0;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (next < REFERRALS) {
            const i = next;
            next += 1;
            // Any instance takes any request: the form opens through one and is submitted through the other.
            const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
            const viewId = await first.openIntake(USERS.teacher);
            const ack = await second.driver.submitView(viewId, intakeForm());
            expect(ack.json?.response_action).toBe('update');
          }
        }),
      );
      expect(await a.app.db.prisma.referral.count()).toBe(REFERRALS);
      await slack.waitFor(() => cardsIn(slack).length >= REFERRALS, 60_000, 'all cards');
      const dm = `D${USERS.teacher.slice(1)}`;
      await slack.waitFor(() => slack.messagesIn(dm).length >= REFERRALS, 60_000, 'all receipts');
      await outboxDrained(a.app.db.prisma, () => a.app.dispatcher.kick());
      const references = cardsIn(slack).map((m) => /PRE-\d{4}-\d{4}/.exec(m.text ?? '')?.[0]);
      expect(references).toHaveLength(REFERRALS);
      expect(new Set(references).size).toBe(REFERRALS);
      expect(slack.messagesIn(dm)).toHaveLength(REFERRALS);
      // Exactly one digest per audience, whichever instance won the race.
      for (const channel of [CHANNELS.cellule, CHANNELS.schooling, CHANNELS.parenting, CHANNELS.health]) {
        const digests = slack.messagesIn(channel).filter((m) => (m.text ?? '').endsWith('2026-W45'));
        expect(digests, channel).toHaveLength(1);
      }
      const sequences = (await a.app.db.prisma.referral.findMany({ select: { sequence: true } }))
        .map((r) => r.sequence)
        .sort((x, y) => x - y);
      expect(sequences).toEqual(Array.from({ length: REFERRALS }, (_, k) => k + 1)); // no gap, no duplicate
    } finally {
      await a.stop();
      await b.stop();
      await slack.stop();
      await database.dispose();
    }
  }, 300_000);
});
