import type { Axis } from '../domain/axes.js';
import type { Prisma, PrismaClient } from './generated/client.js';

/** Where a message goes, resolved at send time so that a channel set later still receives the backlog. */
export type Destination =
  | { kind: 'cellule' }
  | { kind: 'group'; axis: Axis }
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
}

type Tx = Prisma.TransactionClient | PrismaClient;

/** Adds messages in the caller's transaction; a dedupe key already present is left as it is. */
export async function enqueue(tx: Tx, entries: readonly OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.outboxMessage.createMany({
    data: entries.map((e) => ({
      dedupeKey: e.dedupeKey,
      method: e.kind,
      payload: e as unknown as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
}

export class OutboxStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Claims due messages for `leaseMs`. SKIP LOCKED lets several instances claim side by side without waiting on
   * each other or taking the same row; an expired lease (an instance that died) makes a row claimable again.
   */
  async claim(worker: string, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    const rows = await this.prisma.$queryRaw<{ id: bigint; attempts: number; payload: unknown }[]>`
      UPDATE outbox_messages o
         SET locked_by = ${worker},
             locked_until = now() + make_interval(secs => ${leaseMs / 1000}::float8),
             attempts = o.attempts + 1
       WHERE o.id IN (
         SELECT id FROM outbox_messages
          WHERE status = 'pending'
            AND next_attempt_at <= now()
            AND (locked_until IS NULL OR locked_until < now())
          ORDER BY id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.attempts, o.payload`;
    return rows
      .map((r) => ({ id: r.id, attempts: r.attempts, entry: r.payload as OutboxEntry }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async markSent(
    id: bigint,
    result: { channel?: string; ts?: string },
    posted: { cardOf?: string; sheetOf?: string } = {},
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.outboxMessage.update({
        where: { id },
        data: { status: 'sent', sentAt: new Date(), lockedUntil: null, lockedBy: null, lastError: null, result },
      });
      if (posted.cardOf && result.channel && result.ts) {
        await tx.referral.update({
          where: { id: posted.cardOf },
          data: { cardChannel: result.channel, cardTs: result.ts },
        });
      }
      if (posted.sheetOf && result.channel && result.ts) {
        await tx.liaisonSheet.updateMany({
          where: { orientationId: posted.sheetOf },
          data: { channel: result.channel, ts: result.ts, postedAt: new Date() },
        });
      }
    });
  }

  async sheetOf(orientationId: string): Promise<{ channel: string; ts: string } | undefined> {
    const r = await this.prisma.liaisonSheet.findUnique({
      where: { orientationId },
      select: { channel: true, ts: true },
    });
    return r?.channel && r.ts ? { channel: r.channel, ts: r.ts } : undefined;
  }

  async operatorChannel(operator: string): Promise<string | undefined> {
    const r = await this.prisma.operator.findUnique({ where: { key: operator }, select: { channelId: true } });
    return r?.channelId ?? undefined;
  }

  async retryLater(id: bigint, delayMs: number, error: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE outbox_messages
         SET next_attempt_at = now() + make_interval(secs => ${delayMs / 1000}::float8),
             locked_until = NULL, locked_by = NULL, last_error = ${error}
       WHERE id = ${id}`;
  }

  /** Waiting on something else (a card not posted yet): try again soon without counting an attempt. */
  async postpone(id: bigint, delayMs: number, reason: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE outbox_messages
         SET next_attempt_at = now() + make_interval(secs => ${delayMs / 1000}::float8),
             locked_until = NULL, locked_by = NULL, last_error = ${reason}, attempts = attempts - 1
       WHERE id = ${id}`;
  }

  /**
   * At start: messages held for a destination that was not configured are due now (it may be configured since);
   * if it still is not, the dispatcher holds them again.
   */
  async releaseHeld(): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE outbox_messages SET next_attempt_at = now()
       WHERE status = 'pending' AND last_error LIKE 'destination % is not configured' AND next_attempt_at > now()`;
  }

  async markFailed(id: bigint, error: string): Promise<void> {
    await this.prisma.outboxMessage.update({
      where: { id },
      data: { status: 'failed', lockedUntil: null, lockedBy: null, lastError: error },
    });
  }

  async cardOf(referralId: string): Promise<{ channel: string; ts: string } | undefined> {
    const r = await this.prisma.referral.findUnique({
      where: { id: referralId },
      select: { cardChannel: true, cardTs: true },
    });
    return r?.cardChannel && r.cardTs ? { channel: r.cardChannel, ts: r.cardTs } : undefined;
  }
}
