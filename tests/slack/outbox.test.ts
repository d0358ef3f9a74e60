// The outbox against Slack's failures, read on the emulator's own clock: when each call arrived, what it was
// answered. Time is the subject here, so intervals are measured; each bound is one the code sets.
import { afterEach, describe, expect, it } from 'vitest';
import { actions } from '../../src/slack/ids.js';
import type { RecordedCall, StoredMessage } from '../../src/slack-emulator/emulator.js';
import { enqueue, type OutboxEntry } from '../../src/store/outbox.js';
import { CHANNELS, cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let h: Harness | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await database?.dispose();
  database = undefined;
});

/** A started app with nothing left to send from its start, and the index of the first call after that. */
async function quietHarness(options: Parameters<typeof startHarness>[0] = {}) {
  const harness = await startHarness(options);
  h = harness;
  await harness.outboxDrained();
  return { harness, from: harness.slack.calls.length };
}

async function refer(harness: Harness): Promise<string> {
  const viewId = await harness.openIntake(USERS.teacher);
  const answer = await harness.driver.submitView(viewId, intakeForm());
  const reference = /PRE-\d{4}-\d{4,}/.exec(answer.text)?.[0];
  if (!reference) throw new Error('the referral was refused');
  return reference;
}

/** The card's posting attempts, in order (its text names the reference, and nothing else posted does). */
const cardAttempts = (harness: Harness, from: number, reference: string) =>
  harness.slack.calls
    .slice(from)
    .filter((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNELS.cellule)
    .filter((c) => String(c.args.text).includes(reference));

const gaps = (calls: RecordedCall[]) => calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? c.at));

describe('the outbox when Slack fails', () => {
  it('waits at least what Retry-After says before sending again', async () => {
    const { harness, from } = await quietHarness();
    harness.slack.inject('chat.postMessage', { status: 429, retryAfterSeconds: 2, times: 1 });
    const reference = await refer(harness);
    await harness.outboxDrained();
    expect(harness.slack.unservedFaults()).toEqual([]);
    const limited = harness.slack.calls.slice(from).find((c) => c.status === 429);
    if (!limited) throw new Error('no 429 served');
    const sameMessage = harness.slack.calls
      .slice(from)
      .filter((c) => c.method === 'chat.postMessage' && c.args.text === limited.args.text);
    expect(sameMessage.map((c) => c.status)).toEqual([429, 200]);
    expect(gaps(sameMessage)[0]).toBeGreaterThanOrEqual(2000);
    expect(cardAttempts(harness, from, reference).at(-1)?.status).toBe(200);
  });

  it('waits longer after each failure (exponential backoff)', async () => {
    const { harness, from } = await quietHarness();
    // Card and receipt fail three times each.
    harness.slack.inject('chat.postMessage', { status: 503, times: 6 });
    const reference = await refer(harness);
    await harness.outboxDrained();
    const attempts = cardAttempts(harness, from, reference);
    expect(attempts.map((c) => c.status)).toEqual([503, 503, 503, 200]);
    // 1 s, 2 s, 4 s, each ±20 %: the ranges do not overlap, so each wait is longer than the one before.
    const [first = 0, second = 0, third = 0] = gaps(attempts);
    expect(first).toBeGreaterThanOrEqual(800);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    expect(third).toBeGreaterThanOrEqual(3200);
  });

  it('marks a message Slack refuses for good as failed, and does not send it again', async () => {
    const { harness, from } = await quietHarness();
    harness.slack.inject('chat.postMessage', { status: 200, error: 'invalid_blocks', times: 1 });
    await refer(harness);
    await harness.outboxDrained();
    const refused = harness.slack.calls.slice(from).filter((c) => c.response.error === 'invalid_blocks');
    expect(refused).toHaveLength(1);
    const again = harness.slack.calls
      .slice(from)
      .filter((c) => c.method === 'chat.postMessage' && c.args.text === refused[0]?.args.text);
    expect(again).toHaveLength(1);
    const failed = await harness.app.db.prisma.outboxMessage.findMany({ where: { status: 'failed' } });
    expect(failed.map((m) => [m.attempts, m.lastError])).toEqual([[1, 'invalid_blocks']]);
    expect(harness.logs.some((l) => l.includes('outbox: Slack rejected a message for good'))).toBe(true);
  });

  it('holds the messages of a destination not configured yet, and sends them once it is', async () => {
    database = await createTestDatabase();
    // Not quietHarness: what is held for the cellule (its digest too) never drains here, by design.
    const harness = await startHarness({ database, env: { PRE_CELLULE_CHANNEL: '' } });
    h = harness;
    const from = 0;
    const reference = await refer(harness);
    // The receipt goes; the card waits, neither sent nor failed.
    await harness.slack.waitFor(() => harness.slack.messagesIn(`D${USERS.teacher.slice(1)}`)[0], 60_000, 'receipt');
    const held = () => harness.app.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'card:' } } });
    await expect
      .poll(async () => (await held()).map((m) => [m.status, m.lastError]), { timeout: 60_000 })
      .toEqual([['pending', 'destination cellule is not configured']]);
    expect(cardAttempts(harness, from, reference)).toHaveLength(0);
    expect(harness.logs.some((l) => l.includes('PRE_CELLULE_CHANNEL is not set'))).toBe(true);
    await harness.stop();
    h = undefined;

    // Configured at the next start: the card goes, once.
    const { harness: next } = await quietHarness({ database });
    await next.slack.waitFor(() => cardsIn(next.slack).length === 1, 60_000, 'the held card');
    expect(cardsIn(next.slack)[0]?.text).toContain(reference);
  });

  it('posts a card before its updates, even when the card’s sending fails first', async () => {
    const { harness, from } = await quietHarness();
    harness.slack.inject('chat.postMessage', { status: 503, times: 4 });
    const reference = await refer(harness);
    // The cellule takes the case on while the card is still failing: the update is queued behind it.
    await harness.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const notYetPosted: StoredMessage = {
      channel: CHANNELS.cellule,
      ts: '0.000000',
      user: harness.slack.botUserId,
      blocks: [
        {
          type: 'actions',
          block_id: 'case_actions_v1',
          elements: [{ type: 'button', action_id: actions.takeCase, value: `${reference}@1` }],
        },
      ],
    };
    const click = await harness.driver.clickButton(USERS.team, notYetPosted, actions.takeCase);
    expect(click.status).toBe(200);
    await harness.outboxDrained();
    const calls = harness.slack.calls.slice(from);
    const cardPosted = calls.findIndex(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.status === 200 &&
        String(c.args.text).includes(reference) &&
        c.args.channel === CHANNELS.cellule &&
        !c.args.thread_ts,
    );
    const firstUpdate = calls.findIndex((c) => c.method === 'chat.update');
    expect(cardPosted).toBeGreaterThanOrEqual(0);
    expect(firstUpdate).toBeGreaterThan(cardPosted);
    expect(calls.filter((c) => c.method === 'chat.update').every((c) => c.response.ok === true)).toBe(true);
    expect(harness.slack.unservedFaults()).toEqual([]);
  });
});

describe('nothing posted twice', () => {
  const copiesIn = (harness: Harness, channel: string, reference: string) =>
    harness.slack.messagesIn(channel).filter((m) => m.text?.includes(reference));

  it('an attempt whose answer was lost is found in Slack, not posted again (card and receipt)', async () => {
    const { harness, from } = await quietHarness();
    // Slack posts the card and the receipt, and both answers are lost on the way back.
    const lost = harness.slack.inject('chat.postMessage', { status: 200, answerLost: true, times: 2 });
    const reference = await refer(harness);
    await harness.outboxDrained();
    expect(lost.served).toBe(2);
    expect(copiesIn(harness, CHANNELS.cellule, reference)).toHaveLength(1);
    expect(copiesIn(harness, `D${USERS.teacher.slice(1)}`, reference)).toHaveLength(1);
    const calls = harness.slack.calls.slice(from);
    // Each message carries its outbox id, and the app looked for its copies in the channel and the direct message.
    const posted = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted.every((c) => JSON.stringify(c.args.metadata ?? '').includes('pre_referrals_outbox'))).toBe(true);
    expect(calls.filter((c) => c.method === 'conversations.history').length).toBeGreaterThanOrEqual(2);
    // Once found, the card is the case's: the cellule's click redraws it in place.
    const card = copiesIn(harness, CHANNELS.cellule, reference)[0];
    if (!card) throw new Error('no card');
    const stored = await harness.app.db.prisma.referral.findFirstOrThrow({ where: { reference } });
    expect(stored.cardTs).toBe(card.ts);
    expect(await harness.app.db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);
    harness.assertSlackWouldAccept();
  });

  it('a copy posted twice (two attempts both reached Slack) is deleted, the first one kept', async () => {
    const { harness } = await quietHarness();
    const lost = harness.slack.inject('chat.postMessage', { status: 200, answerLost: true, times: 1 });
    const reference = await refer(harness);
    await harness.slack.waitFor(() => lost.served === 1 || undefined, 60_000, 'the lost answer');
    // The dispatcher rests (its round ends); meanwhile a second copy of that message lands, as if a second
    // instance had sent it too.
    await harness.app.dispatcher.stop();
    const first = harness.slack.messages.find((m) => m.text?.includes(reference) && m.metadata);
    if (!first?.metadata) throw new Error('the lost attempt posted nothing');
    const again = await fetch(`${harness.slack.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.env.SLACK_BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: first.channel,
        text: first.text,
        blocks: first.blocks,
        metadata: first.metadata,
      }),
    }).then((r) => r.json() as Promise<{ ts: string }>);
    harness.app.dispatcher.start();
    await harness.outboxDrained();
    const copies = harness.slack.messages.filter((m) => m.channel === first.channel && m.text?.includes(reference));
    expect(copies.map((m) => m.ts)).toEqual([first.ts]);
    expect(harness.slack.calls.filter((c) => c.method === 'chat.delete').map((c) => c.args.ts)).toEqual([again.ts]);
  });
});

describe('the instance that commits a step sends it', () => {
  it('posts the card and redraws it at once, without waiting for the outbox’s round (a minute away here)', async () => {
    const { harness, from } = await quietHarness({ env: { PRE_OUTBOX_INTERVAL_MS: '60000' } });
    await harness.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    const reference = await refer(harness);
    const card = await harness.slack.waitFor(
      () => cardsIn(harness.slack).find((m) => m.text?.includes(reference)),
      20_000,
      'the card, sent by the instance that took the referral',
    );
    const click = await harness.driver.clickButton(USERS.team, card, actions.takeCase);
    expect(click.status).toBe(200);
    const redraw = await harness.slack.waitFor(
      () => harness.slack.calls.slice(from).find((c) => c.method === 'chat.update' && c.args.ts === card.ts),
      20_000,
      'the card redrawn by the instance that committed the step',
    );
    expect(redraw.response.ok).toBe(true);
    // Recorded as sent by the sender: nothing is left for the outbox's round.
    await expect
      .poll(() => harness.app.db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } }), {
        timeout: 20_000,
      })
      .toBe(0);
  });

  it('coalesces redraws of one card: the newer is sent, the older is done without a call', async () => {
    const { harness, from } = await quietHarness();
    const reference = await refer(harness);
    await harness.outboxDrained();
    const { id: referralId } = await harness.app.db.prisma.referral.findFirstOrThrow({ where: { reference } });
    const redraw = (n: number): OutboxEntry => ({
      dedupeKey: `redraw-${n}:${referralId}`,
      kind: 'card_update',
      referralId,
      message: { text: `Repérage ${reference} (${n})`, blocks: [] },
    });
    // Two clicks' redraws, both committed before this instance sends either.
    await enqueue(harness.app.db.prisma, [redraw(1), redraw(2)]);
    const report = await harness.app.dispatcher.sendNow([redraw(1).dedupeKey, redraw(2).dedupeKey]);
    expect(report).toEqual({ sent: 2, retried: 0, failed: 0, postponed: 0 });
    const updates = harness.slack.calls.slice(from).filter((c) => c.method === 'chat.update');
    expect(updates.map((c) => c.args.text)).toEqual([`Repérage ${reference} (2)`]);
    const rows = await harness.app.db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: 'redraw-' } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(rows[0]?.result).toEqual({ supersededBy: String(rows[1]?.id) });
  });
});
