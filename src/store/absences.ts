import type { PrismaClient } from './generated/client.js';

export interface AbsenceCover {
  userId: string;
  deputyUserId: string;
  /** The last day covered (yyyy-MM-dd). */
  until: string;
}

/**
 * A référent's absence covered by a named deputy, who has the same access to the référent's cases until a day.
 * Every cover is kept (who set it, when, who ended it).
 */
export class Absences {
  constructor(private readonly prisma: PrismaClient) {}

  /** The cover in force for `userId` on `today`, if any. */
  async current(userId: string, today: string): Promise<AbsenceCover | undefined> {
    const row = await this.prisma.absence.findFirst({
      where: { userId, endedAt: null, until: { gte: today } },
      orderBy: { setAt: 'desc' },
    });
    return row ? { userId: row.userId, deputyUserId: row.deputyUserId, until: row.until } : undefined;
  }

  async isAway(userId: string, today: string): Promise<boolean> {
    return (await this.current(userId, today)) !== undefined;
  }

  /** Replaces the cover in force for `userId` (if any) by this one, in one transaction. */
  async cover(input: AbsenceCover & { setBy: string; at: Date }): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.absence.updateMany({
        where: { userId: input.userId, endedAt: null },
        data: { endedAt: input.at, endedBy: input.setBy },
      });
      await tx.absence.create({
        data: {
          userId: input.userId,
          deputyUserId: input.deputyUserId,
          until: input.until,
          setBy: input.setBy,
          setAt: input.at,
        },
      });
    });
  }

  /** Ends the cover of `userId` (back early); false when none was in force. */
  async end(input: { userId: string; endedBy: string; at: Date }): Promise<boolean> {
    const ended = await this.prisma.absence.updateMany({
      where: { userId: input.userId, endedAt: null },
      data: { endedAt: input.at, endedBy: input.endedBy },
    });
    return ended.count > 0;
  }
}
