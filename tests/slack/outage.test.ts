import { afterEach, describe, expect, it } from 'vitest';
import { cardsIn, casePosts, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const OUTAGE_MS = 30_000;
const DRAIN_BOUND_MS = 45_000;
const REFERRALS = 40;

describe('Slack unavailable under load', () => {
  it(
    'loses nothing and doubles nothing: 30 s of 5xx then 429, and the backlog drains after recovery',
    async () => {
      h = await startHarness();
      const harness = h;
      // Open the forms first (views.open must work for users to type), then Slack goes down for chat.*.
      const views: string[] = [];
      for (let i = 0; i < REFERRALS; i += 1) views.push(await harness.openIntake(USERS.teacher));
      const start = Date.now();
      harness.slack.inject('chat.postMessage', { status: 503, until: start + OUTAGE_MS / 2 });
      harness.slack.inject('*', { status: 429, retryAfterSeconds: 2, until: start + OUTAGE_MS });
      const acks = await Promise.all(views.map((v) => harness.driver.submitView(v, intakeForm())));
      for (const ack of acks) expect(ack.json?.response_action).toBe('update');
      expect(await harness.app.db.prisma.referral.count()).toBe(REFERRALS);

      await new Promise((r) => setTimeout(r, Math.max(0, start + OUTAGE_MS - Date.now())));
      harness.slack.clearFaults();
      const recovered = Date.now();
      await harness.slack.waitFor(
        () => cardsIn(harness.slack).length === REFERRALS && casePosts(harness.slack).length === 2 * REFERRALS,
        DRAIN_BOUND_MS,
        'backlog drained',
      );
      const drainMs = Date.now() - recovered;
      expect(drainMs).toBeLessThan(DRAIN_BOUND_MS);
      expect(harness.slack.callsTo('chat.postMessage').some((c) => c.status === 503)).toBe(true);
      expect(harness.slack.callsTo('chat.postMessage').some((c) => c.status === 429)).toBe(true);
      // Exactly once: one card per reference, one receipt per referral, counted once nothing is left to send.
      await harness.outboxDrained();
      const references = cardsIn(harness.slack).map((m) => /PRE-\d{4}-\d{4}/.exec(m.text ?? '')?.[0]);
      expect(new Set(references).size).toBe(REFERRALS);
      expect(harness.slack.messagesIn(`D${USERS.teacher.slice(1)}`)).toHaveLength(REFERRALS);
    },
    OUTAGE_MS + DRAIN_BOUND_MS + 60_000,
  );
});
