import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { Prisma, PrismaClient } from './generated/client.js';
import type { ErasureCandidate, ErasureRule } from './level1-store.js';
import { enqueue, type OutboxEntry } from './outbox.js';

/** One line of a bordereau d'élimination: a reference, why it is due, and the month its delay started. */
export interface BatchLine {
  reference: string;
  rule: ErasureRule;
  /** yyyy-MM */
  since: string;
}

export type BatchStatus = 'drafted' | 'visa_recorded' | 'erased';

export interface EliminationBatch {
  id: bigint;
  number: string;
  draftedAt: Date;
  status: BatchStatus;
  visaReceivedOn?: string;
  visaReference?: string;
  erasedAt?: Date;
  lines: BatchLine[];
}

type Row = Prisma.EliminationBatchGetPayload<object>;

function toBatch(row: Row): EliminationBatch {
  const content = row.content as { lines?: BatchLine[] };
  return {
    id: row.id,
    number: row.number,
    draftedAt: row.draftedAt,
    status: row.status as BatchStatus,
    visaReceivedOn: row.visaReceivedOn ?? undefined,
    visaReference: row.visaReference ?? undefined,
    erasedAt: row.erasedAt ?? undefined,
    lines: content.lines ?? [],
  };
}

/**
 * Bordereaux d'élimination (public archives): the cases past their retention delay are listed in a batch for the
 * archives service's visa; they are erased only once a coordinator records the visa. Until then they stay in
 * intermediate archive. A bordereau names no one: references, months, counts.
 */
export class EliminationBatches {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly timeZone: string,
  ) {}

  /**
   * Drafts one bordereau for `candidates` not yet on one, with its messages, in one transaction. Two instances
   * drafting at once collide on the number and one rolls back; its cases wait for the next run.
   */
  async draft(
    candidates: readonly ErasureCandidate[],
    at: Date,
    messages: (batch: EliminationBatch) => OutboxEntry[],
  ): Promise<EliminationBatch | undefined> {
    if (candidates.length === 0) return undefined;
    const month = (d: Date) => format(new TZDate(d.getTime(), this.timeZone), 'yyyy-MM');
    const year = new TZDate(at.getTime(), this.timeZone).getFullYear();
    const lines = [...candidates]
      .sort((a, b) => a.reference.localeCompare(b.reference))
      .map((c) => ({ reference: c.reference, rule: c.rule, since: month(c.since) }));
    return this.prisma.$transaction(async (tx) => {
      const sameYear = await tx.eliminationBatch.count({ where: { number: { startsWith: `BE-${year}-` } } });
      const row = await tx.eliminationBatch.create({
        data: {
          number: `BE-${year}-${String(sameYear + 1).padStart(3, '0')}`,
          draftedAt: at,
          content: { lines } as unknown as Prisma.InputJsonValue,
        },
      });
      const listed = await tx.referral.updateMany({
        where: { id: { in: candidates.map((c) => c.id) }, eliminationBatchId: null },
        data: { eliminationBatchId: row.id },
      });
      if (listed.count !== candidates.length) throw new Error('bordereau: some cases were listed meanwhile');
      const batch = toBatch(row);
      await enqueue(tx, messages(batch));
      return batch;
    });
  }

  async find(number: string): Promise<EliminationBatch | undefined> {
    const row = await this.prisma.eliminationBatch.findUnique({ where: { number } });
    return row ? toBatch(row) : undefined;
  }

  /** The most recent bordereaux first. */
  async recent(limit = 20): Promise<EliminationBatch[]> {
    const rows = await this.prisma.eliminationBatch.findMany({ orderBy: { id: 'desc' }, take: limit });
    return rows.map(toBatch);
  }

  /** Records the visa of a drafted bordereau; a second recording changes nothing. */
  async recordVisa(input: {
    number: string;
    receivedOn: string;
    reference?: string;
    by: string;
    at: Date;
  }): Promise<'recorded' | 'already_recorded' | 'not_found'> {
    const updated = await this.prisma.eliminationBatch.updateMany({
      where: { number: input.number, status: 'drafted' },
      data: {
        status: 'visa_recorded',
        visaReceivedOn: input.receivedOn,
        visaReference: input.reference ?? null,
        visaRecordedBy: input.by,
        visaRecordedAt: input.at,
      },
    });
    if (updated.count === 1) return 'recorded';
    return (await this.find(input.number)) ? 'already_recorded' : 'not_found';
  }

  /** Bordereaux whose visa is recorded and whose cases are not all erased yet, with those cases. */
  async awaitingErasure(): Promise<{ batch: EliminationBatch; referralIds: string[] }[]> {
    const rows = await this.prisma.eliminationBatch.findMany({
      where: { status: 'visa_recorded' },
      include: { referrals: { select: { id: true } } },
      orderBy: { id: 'asc' },
    });
    return rows.map((r) => ({ batch: toBatch(r), referralIds: r.referrals.map((x) => x.id) }));
  }

  /** Takes cases off their bordereau (reopened since it was drafted): they are kept. */
  async release(referralIds: readonly string[]): Promise<void> {
    if (referralIds.length === 0) return;
    await this.prisma.referral.updateMany({
      where: { id: { in: [...referralIds] } },
      data: { eliminationBatchId: null },
    });
  }

  async markErased(id: bigint, at: Date, messages: OutboxEntry[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const updated = await tx.eliminationBatch.updateMany({
        where: { id, status: 'visa_recorded' },
        data: { status: 'erased', erasedAt: at },
      });
      if (updated.count === 1) await enqueue(tx, messages);
    });
  }
}
