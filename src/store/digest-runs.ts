import type { DigestAudience, PublishedDigest } from '../domain/digest.js';
import { type Prisma, type PrismaClient, Prisma as PrismaNs } from './generated/client.js';
import { enqueue, type OutboxEntry } from './outbox.js';

/** Claims of weekly digest posts: one row per (audience, week, sequence), written with its outbox message. */
export class DigestRuns {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Claims the post and queues it in one transaction. Returns false when it was already claimed (by this instance
   * before a restart, or by another instance): nothing is queued twice.
   */
  async claim(input: {
    audience: DigestAudience;
    weekId: string;
    sequence: number;
    requestedBy?: string;
    content: unknown;
    messages: OutboxEntry[];
  }): Promise<boolean> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const created = await tx.digestRun.createMany({
          data: {
            audience: input.audience,
            isoWeek: input.weekId,
            sequence: input.sequence,
            requestedBy: input.requestedBy,
            content: input.content as Prisma.InputJsonValue,
          },
          skipDuplicates: true,
        });
        if (created.count === 0) return false;
        await enqueue(tx, input.messages);
        return true;
      });
    } catch (error) {
      if (error instanceof PrismaNs.PrismaClientKnownRequestError && error.code === 'P2002') return false;
      throw error;
    }
  }

  /** What was first published for (audience, week), and when; undefined when it never was. */
  async published(audience: DigestAudience, weekId: string): Promise<{ content: unknown; at: Date } | undefined> {
    const row = await this.prisma.digestRun.findUnique({
      where: { audience_isoWeek_sequence: { audience, isoWeek: weekId, sequence: 0 } },
      select: { content: true, createdAt: true },
    });
    return row ? { content: row.content, at: row.createdAt } : undefined;
  }

  /** Every digest first published for these weeks, as it went out. */
  async publishedWeeks(weekIds: readonly string[]): Promise<PublishedDigest[]> {
    const rows = await this.prisma.digestRun.findMany({
      where: { isoWeek: { in: [...weekIds] }, sequence: 0 },
      select: { content: true },
      orderBy: [{ isoWeek: 'asc' }, { audience: 'asc' }],
    });
    return rows.map((r) => r.content as unknown as PublishedDigest);
  }

  async nextSequence(audience: DigestAudience, weekId: string): Promise<number> {
    const last = await this.prisma.digestRun.aggregate({
      where: { audience, isoWeek: weekId },
      _max: { sequence: true },
    });
    return (last._max.sequence ?? -1) + 1;
  }
}
