import type { PrismaClient } from './generated/client.js';

export interface UnansweredSheet {
  orientationId: string;
  reference: string;
  postedAt: Date;
  remindedAt?: Date;
}

/** Liaison sheets the operator has not answered: posted, their orientation still only proposed. */
export class LiaisonSheets {
  constructor(private readonly prisma: PrismaClient) {}

  /** Sheets posted before `before`, not answered, and not both reminded and told to the référent already. */
  async unanswered(before: Date): Promise<UnansweredSheet[]> {
    const rows = await this.prisma.liaisonSheet.findMany({
      where: {
        postedAt: { lt: before },
        referentToldAt: null,
        orientation: { status: 'proposed' },
      },
      include: { orientation: { select: { referral: { select: { reference: true } } } } },
      orderBy: { postedAt: 'asc' },
      take: 500,
    });
    return rows.map((r) => ({
      orientationId: r.orientationId,
      reference: r.orientation.referral.reference,
      postedAt: r.postedAt as Date,
      remindedAt: r.remindedAt ?? undefined,
    }));
  }

  async markReminded(orientationId: string, at: Date): Promise<void> {
    await this.prisma.liaisonSheet.updateMany({ where: { orientationId, remindedAt: null }, data: { remindedAt: at } });
  }

  async markReferentTold(orientationId: string, at: Date): Promise<void> {
    await this.prisma.liaisonSheet.updateMany({
      where: { orientationId, referentToldAt: null },
      data: { referentToldAt: at },
    });
  }
}
