import { queryRows } from './direct-sql.js';
import { Prisma, type PrismaClient } from './generated/client.js';

/** Why someone is added to a case (a code: never free text about the family). */
export const CASE_MEMBER_REASONS = ['co_follow_up', 'action_partner', 'eps_examination', 'replacement'] as const;
export type CaseMemberReason = (typeof CASE_MEMBER_REASONS)[number];

export interface CaseMemberEntry {
  userId: string;
  addedBy: string;
  reason: string;
  addedAt: Date;
}

/**
 * Need to know: the people a référent or a coordinator added to one case. They read its file while they are on it;
 * a removal takes effect at the next read (a modal still open is refused when submitted). Every change is kept.
 */
export class CaseMembers {
  constructor(private readonly prisma: PrismaClient) {}

  async active(referralId: string): Promise<CaseMemberEntry[]> {
    return this.prisma.caseMember.findMany({
      where: { referralId, removedAt: null },
      select: { userId: true, addedBy: true, reason: true, addedAt: true },
      orderBy: { addedAt: 'asc' },
    });
  }

  /**
   * A person's ties to one case, as the policy reads them, in one statement (asked on every case click): on the
   * case's people, and covering the absence of its référent today.
   */
  async tiesOf(input: {
    referralId: string;
    userId: string;
    assigneeUserId?: string;
    today: string;
  }): Promise<{ onCase: boolean; deputy: boolean }> {
    const [row] = await queryRows<{ on_case: boolean; deputy: boolean }>(
      this.prisma,
      Prisma.sql`
      SELECT EXISTS (SELECT 1 FROM case_members
                      WHERE referral_id = ${input.referralId}::uuid AND user_id = ${input.userId}
                        AND removed_at IS NULL) AS on_case,
             EXISTS (SELECT 1 FROM absences
                      WHERE user_id = ${input.assigneeUserId ?? ''} AND deputy_user_id = ${input.userId}
                        AND ended_at IS NULL AND until >= ${input.today}) AS deputy`,
    );
    return { onCase: Boolean(row?.on_case), deputy: Boolean(row?.deputy) };
  }

  async isActive(referralId: string, userId: string): Promise<boolean> {
    return (await this.prisma.caseMember.count({ where: { referralId, userId, removedAt: null } })) > 0;
  }

  /** Adds `userId` unless already on the case; false when nothing changed. */
  async add(input: { referralId: string; userId: string; addedBy: string; reason: CaseMemberReason; at: Date }) {
    if (await this.isActive(input.referralId, input.userId)) return false;
    await this.prisma.caseMember.create({
      data: {
        referralId: input.referralId,
        userId: input.userId,
        addedBy: input.addedBy,
        reason: input.reason,
        addedAt: input.at,
      },
    });
    return true;
  }

  async remove(input: { referralId: string; userId: string; removedBy: string; at: Date }): Promise<boolean> {
    const removed = await this.prisma.caseMember.updateMany({
      where: { referralId: input.referralId, userId: input.userId, removedAt: null },
      data: { removedAt: input.at, removedBy: input.removedBy },
    });
    return removed.count > 0;
  }

  /** Ends every place of `userId` on cases' people (they left), recorded; how many ended. */
  async removeEverywhere(input: { userId: string; removedBy: string; at: Date }): Promise<number> {
    const removed = await this.prisma.caseMember.updateMany({
      where: { userId: input.userId, removedAt: null },
      data: { removedAt: input.at, removedBy: input.removedBy },
    });
    return removed.count;
  }
}
