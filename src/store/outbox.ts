import { AsyncLocalStorage } from 'node:async_hooks';
import type { Axis } from '../domain/axes.js';
import { execute, queryRows } from './direct-sql.js';
import { Prisma, type PrismaClient } from './generated/client.js';

/** Where a message goes, resolved at send time so that a channel set later still receives the backlog. */
export type Destination =
  | { kind: 'cellule' }
  | { kind: 'group'; axis: Axis }
  /** A reflection group beyond the three (domain/groups.ts), by its id: its channel as the groups in force say. */
  | { kind: 'reflection_group'; group: string }
  | { kind: 'user'; userId: string }
  /** A partner operator's channel (set by a coordinator in `/reperage catalogue`), by its scope key. */
  | { kind: 'operator'; operator: string };

/** Text and blocks already rendered from level-2 data (see slack/views/messages). */
export interface RenderedMessage {
  text: string;
  blocks: unknown[];
}

export type OutboxEntry =
  | {
      dedupeKey: string;
      kind: 'post';
      destination: Destination;
      message: RenderedMessage;
      /** The case whose cellule card this is (its channel and ts are kept). */
      cardOf?: string;
      /** The orientation whose liaison sheet this is (its channel and ts are kept). */
      sheetOf?: string;
      /** Messages sharing a lane go in the order they were written (a digest, then its picture). */
      lane?: string;
    }
  | { dedupeKey: string; kind: 'thread_reply'; referralId: string; message: RenderedMessage }
  | { dedupeKey: string; kind: 'card_update'; referralId: string; message: RenderedMessage }
  | { dedupeKey: string; kind: 'sheet_update'; orientationId: string; message: RenderedMessage }
  | { dedupeKey: string; kind: 'sheet_reply'; orientationId: string; message: RenderedMessage }
  /** A message posted earlier (the entry of dedupe key `of`) drawn again; it shares that post's lane. */
  | { dedupeKey: string; kind: 'message_update'; of: string; lane: string; message: RenderedMessage }
  /** A message the app posted that must go (a line of an erased case's thread); gone already counts as done. */
  | { dedupeKey: string; kind: 'delete'; channel: string; ts: string }
  /** Files shared in a channel or by direct message (Slack's upload flow: URL, bytes, completion). */
  | {
      dedupeKey: string;
      kind: 'file_upload';
      destination: Destination;
      comment: string;
      files: OutboxFile[];
      lane?: string;
    };

export interface OutboxFile {
  filename: string;
  title: string;
  /** What the file shows, for a screen reader (Slack's alt_txt). */
  altText?: string;
  base64: string;
}

export interface ClaimedMessage {
  id: bigint;
  attempts: number;
  entry: OutboxEntry;
  /** For a card's update or thread line: where the card is, read with the claim (undefined: not posted yet). */
  card?: { channel: string; ts: string };
  /** When it was written: a copy Slack took can only be newer. */
  createdAt: Date;
  /**
   * An earlier attempt may have reached Slack: it never recorded its end (the instance died, the database went
   * away after Slack's answer) or it ended without Slack's answer (the connection failed). Look before sending.
   */
  outcomeUnknown: boolean;
}

/** What a claim writes on the row until the attempt records its end: still there at the next claim, it died. */
const IN_FLIGHT = 'in flight';
/** The reason's prefix for an attempt that ended without Slack's answer. */
export const UNKNOWN_OUTCOME = 'unknown outcome: ';

type Tx = Prisma.TransactionClient | PrismaClient;

/**
 * What a request enqueued, by dedupe key: the instance that handles a click sends its messages at once, after the
 * commit, rather than waiting for the outbox's next round (which stays the fallback). Filled by `enqueue` within
 * `directSends.run(...)` (the Slack app runs each request in one).
 */
export const directSends = new AsyncLocalStorage<{ keys: string[] }>();

/**
 * Adds messages in the caller's transaction, in their order (ids follow it: a card goes before its updates); a dedupe
 * key already present is left as it is. One plain statement: every click and intake queues messages, and Prisma's
 * query compiler is the larger part of a statement's cost in the app's thread.
 */
export async function enqueue(tx: Tx, entries: readonly OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.$executeRaw(outboxInsert(entries));
  enqueued(entries);
}

/**
 * The insert of `enqueue` as a statement of its own or the last part of a larger one (a change written in a single
 * statement): there, the messages are rendered before the statement runs, with `placeholder` where a value that
 * only the statement knows goes (an intake's reference, taken from the year's counter in the same statement).
 */
export function outboxInsert(
  entries: readonly OutboxEntry[],
  options: {
    substitute?: { placeholder: string; value: Prisma.Sql };
    /** Only if this holds (in a larger statement: the change it goes with was written). */
    when?: Prisma.Sql;
  } = {},
): Prisma.Sql {
  const { substitute, when } = options;
  const payload = substitute
    ? Prisma.sql`replace(m.payload, ${substitute.placeholder}, ${substitute.value})::jsonb`
    : Prisma.sql`m.payload::jsonb`;
  return Prisma.sql`
    INSERT INTO outbox_messages (dedupe_key, method, payload)
    SELECT m.dedupe_key, m.method, ${payload}
      FROM unnest(${entries.map((e) => e.dedupeKey)}::text[], ${entries.map((e) => e.kind)}::text[],
                  ${entries.map((e) => JSON.stringify(e))}::text[]) WITH ORDINALITY AS m(dedupe_key, method, payload, n)
     ${when ? Prisma.sql`WHERE ${when}` : Prisma.empty}
     ORDER BY m.n
    ON CONFLICT (dedupe_key) DO NOTHING`;
}

/** Messages written (their statement done): the request's own are sent by this instance once it says so. */
export function enqueued(entries: readonly OutboxEntry[]): void {
  directSends.getStore()?.keys.push(...entries.map((e) => e.dedupeKey));
}

/** What an erased case's card and sheets become in Slack: the reference alone. */
export interface ErasedRedraw {
  card: RenderedMessage;
  sheet: RenderedMessage;
}

/**
 * An erased case in the outbox: nothing more is sent about it (pending messages go), nothing sent about it stays
 * readable or addressed (the texts, the recipients and where they landed are cleared), its thread's lines are
 * deleted from Slack and its card and liaison sheets redrawn as erased. Its messages are found by the case's and its
 * orientations' ids, which every dedupe key about a case carries.
 */
export async function forgetCase(
  tx: Tx,
  referralId: string,
  orientationIds: readonly string[],
  redraw: ErasedRedraw,
): Promise<{ cancelled: number; cleared: number }> {
  // A referral's and an orientation's ids are UUIDs: no other key contains one by chance.
  const ids = [referralId, ...orientationIds];
  const rows = await tx.outboxMessage.findMany({
    where: { OR: ids.map((id) => ({ dedupeKey: { contains: id } })) },
    select: { id: true, status: true, method: true, result: true },
  });
  const pending = rows.filter((r) => r.status !== 'sent');
  await tx.outboxMessage.deleteMany({ where: { id: { in: pending.map((r) => r.id) } } });
  const lines: OutboxEntry[] = [];
  for (const r of rows) {
    const placed = r.result as { channel?: string; ts?: string } | null;
    if (
      r.status === 'sent' &&
      (r.method === 'thread_reply' || r.method === 'sheet_reply') &&
      placed?.channel &&
      placed.ts
    )
      lines.push({ dedupeKey: `erased-line:${r.id}`, kind: 'delete', channel: placed.channel, ts: placed.ts });
  }
  const sent = rows.filter((r) => r.status === 'sent').map((r) => r.id);
  await tx.outboxMessage.updateMany({
    where: { id: { in: sent } },
    data: { payload: { erased: true }, result: Prisma.DbNull, lastError: null },
  });
  // Only what Slack shows: a card or a sheet never posted has nothing to redraw (its post was cancelled above).
  const card = await tx.referral.findUnique({ where: { id: referralId }, select: { cardTs: true } });
  const sheets = await tx.liaisonSheet.findMany({
    where: { orientationId: { in: [...orientationIds] }, ts: { not: null } },
    select: { orientationId: true },
  });
  await enqueue(tx, [
    ...lines,
    ...(card?.cardTs
      ? [{ dedupeKey: `erased-card:${referralId}`, kind: 'card_update' as const, referralId, message: redraw.card }]
      : []),
    ...sheets.map(
      ({ orientationId }): OutboxEntry => ({
        dedupeKey: `erased-sheet:${orientationId}`,
        kind: 'sheet_update',
        orientationId,
        message: redraw.sheet,
      }),
    ),
  ]);
  return { cancelled: pending.length, cleared: sent.length };
}

/** How long a sent message's text stays in the outbox: long enough to look into a failure, no longer. */
export const SENT_TEXT_DAYS = 7;

/**
 * Sent messages' texts and recipients, cleared once `before` has passed (what Slack shows is redrawn from the data,
 * never from an old text); where each landed (channel, ts) stays, for an erased case's thread to be deleted.
 */
export async function clearSentTexts(tx: Tx, before: Date): Promise<number> {
  return tx.$executeRaw`
    UPDATE outbox_messages SET payload = jsonb_build_object('cleared', true, 'kind', payload->>'kind')
     WHERE status = 'sent' AND sent_at < ${before} AND NOT payload ? 'cleared' AND NOT payload ? 'erased'`;
}

export class OutboxStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Claims due messages for `leaseMs`. SKIP LOCKED lets several instances claim side by side without waiting on
   * each other or taking the same row; an expired lease (an instance that died) makes a row claimable again.
   */
  claim(worker: string, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    return this.claimWhere(worker, Prisma.sql`true`, limit, leaseMs);
  }

  /** Claims the messages of these dedupe keys that no one holds (a request's own, sent at once after its commit). */
  claimKeys(worker: string, keys: readonly string[], leaseMs: number): Promise<ClaimedMessage[]> {
    return this.claimWhere(worker, Prisma.sql`dedupe_key = ANY(${[...keys]}::text[])`, keys.length, leaseMs);
  }

  /** Claims due messages that `which` selects (see claim). */
  private async claimWhere(
    worker: string,
    which: Prisma.Sql,
    limit: number,
    leaseMs: number,
  ): Promise<ClaimedMessage[]> {
    // A card's update or thread line needs where the card is: read in the same statement.
    const rows = await queryRows<{
      id: bigint;
      attempts: number;
      payload: unknown;
      created_at: Date;
      previous_error: string | null;
      card_channel: string | null;
      card_ts: string | null;
    }>(
      this.prisma,
      Prisma.sql`
      WITH due AS (
        SELECT id, last_error FROM outbox_messages
         WHERE status = 'pending'
           AND ${which}
           AND next_attempt_at <= now()
           AND (locked_until IS NULL OR locked_until < now())
         ORDER BY id
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED),
      claimed AS (
        UPDATE outbox_messages o
           SET locked_by = ${worker},
               locked_until = now() + make_interval(secs => ${leaseMs / 1000}::float8),
               attempts = o.attempts + 1,
               last_error = ${IN_FLIGHT}
          FROM due
         WHERE o.id = due.id
        RETURNING o.id, o.attempts, o.payload, o.created_at, due.last_error AS previous_error)
      SELECT c.*, r.card_channel, r.card_ts
        FROM claimed c
        LEFT JOIN referrals r
          ON c.payload->>'kind' IN ('card_update', 'thread_reply') AND r.id = (c.payload->>'referralId')::uuid`,
    );
    return rows
      .map((r) => ({
        id: r.id,
        attempts: r.attempts,
        entry: r.payload as OutboxEntry,
        ...(r.card_channel && r.card_ts ? { card: { channel: r.card_channel, ts: r.card_ts } } : {}),
        createdAt: r.created_at,
        outcomeUnknown: r.previous_error === IN_FLIGHT || (r.previous_error?.startsWith(UNKNOWN_OUTCOME) ?? false),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Sent: recorded with what it became (a card's or a sheet's channel and ts), in one statement. */
  async markSent(
    id: bigint,
    result: { channel?: string; ts?: string },
    posted: { cardOf?: string; sheetOf?: string } = {},
  ): Promise<void> {
    const at = new Date();
    const placed = result.channel && result.ts ? result : undefined;
    await execute(
      this.prisma,
      Prisma.sql`
      WITH card AS (
        UPDATE referrals SET card_channel = ${placed?.channel ?? null}, card_ts = ${placed?.ts ?? null}
         WHERE ${placed !== undefined} AND id = ${posted.cardOf ?? null}::uuid
        RETURNING id),
      sheet AS (
        UPDATE liaison_sheets SET channel = ${placed?.channel ?? null}, ts = ${placed?.ts ?? null}, posted_at = ${at}
         WHERE ${placed !== undefined} AND orientation_id = ${posted.sheetOf ?? null}::uuid
        RETURNING orientation_id)
      UPDATE outbox_messages
         SET status = 'sent', sent_at = ${at}, locked_until = NULL, locked_by = NULL, last_error = NULL,
             result = ${JSON.stringify(result)}::jsonb
       WHERE id = ${id}`,
    );
  }

  /**
   * Several sent messages without effects (updates, thread lines) recorded in one statement, each with where it
   * landed or, for a redraw a newer one replaced before it was sent, that one's id.
   */
  async markAllSent(
    sent: readonly { id: bigint; result: { channel?: string; ts?: string } | { supersededBy: string } }[],
  ) {
    if (sent.length === 0) return;
    await execute(
      this.prisma,
      Prisma.sql`
      UPDATE outbox_messages o
         SET status = 'sent', sent_at = ${new Date()}, locked_until = NULL, locked_by = NULL, last_error = NULL,
             result = s.result::jsonb
        FROM unnest(${sent.map((m) => String(m.id))}::text[], ${sent.map((m) => JSON.stringify(m.result))}::text[])
             AS s(id, result)
       WHERE o.id = s.id::bigint`,
    );
  }

  async sheetOf(orientationId: string): Promise<{ channel: string; ts: string } | undefined> {
    const r = await this.prisma.liaisonSheet.findUnique({
      where: { orientationId },
      select: { channel: true, ts: true },
    });
    return r?.channel && r.ts ? { channel: r.channel, ts: r.ts } : undefined;
  }

  async retryLater(id: bigint, delayMs: number, error: string): Promise<void> {
    await execute(
      this.prisma,
      Prisma.sql`
      UPDATE outbox_messages
         SET next_attempt_at = now() + make_interval(secs => ${delayMs / 1000}::float8),
             locked_until = NULL, locked_by = NULL, last_error = ${error}
       WHERE id = ${id}`,
    );
  }

  /** Waiting on something else (a card not posted yet): try again soon without counting an attempt. */
  async postpone(id: bigint, delayMs: number, reason: string): Promise<void> {
    await execute(
      this.prisma,
      Prisma.sql`
      UPDATE outbox_messages
         SET next_attempt_at = now() + make_interval(secs => ${delayMs / 1000}::float8),
             locked_until = NULL, locked_by = NULL, last_error = ${reason}, attempts = attempts - 1
       WHERE id = ${id}`,
    );
  }

  /**
   * At start: messages held for a destination that was not configured are due now (it may be configured since);
   * if it still is not, the dispatcher holds them again.
   */
  async releaseHeld(): Promise<number> {
    return execute(
      this.prisma,
      Prisma.sql`
      UPDATE outbox_messages SET next_attempt_at = now()
       WHERE status = 'pending' AND last_error LIKE 'destination % is not configured' AND next_attempt_at > now()`,
    );
  }

  async markFailed(id: bigint, error: string): Promise<void> {
    await this.prisma.outboxMessage.update({
      where: { id },
      data: { status: 'failed', lockedUntil: null, lockedBy: null, lastError: error },
    });
  }

  /** A card's permalink, once Slack gave it. */
  async rememberCardLink(referralId: string, permalink: string): Promise<void> {
    await execute(
      this.prisma,
      Prisma.sql`UPDATE referrals SET card_permalink = ${permalink} WHERE id = ${referralId}::uuid`,
    );
  }

  /** Where a post went (the channel and ts Slack gave it), by its dedupe key; undefined until it is sent. */
  async postedAs(dedupeKey: string): Promise<{ channel: string; ts: string } | undefined> {
    const [r] = await queryRows<{ channel: string | null; ts: string | null }>(
      this.prisma,
      Prisma.sql`
      SELECT result->>'channel' AS channel, result->>'ts' AS ts FROM outbox_messages
       WHERE dedupe_key = ${dedupeKey} AND status = 'sent'`,
    );
    return r?.channel && r.ts ? { channel: r.channel, ts: r.ts } : undefined;
  }

  async cardOf(referralId: string): Promise<{ channel: string; ts: string } | undefined> {
    const [r] = await queryRows<{ card_channel: string | null; card_ts: string | null }>(
      this.prisma,
      Prisma.sql`
      SELECT card_channel, card_ts FROM referrals WHERE id = ${referralId}::uuid`,
    );
    return r?.card_channel && r.card_ts ? { channel: r.card_channel, ts: r.card_ts } : undefined;
  }
}
