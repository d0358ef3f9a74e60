import type { Axis } from '../domain/axes.js';
import type { CaseStatus } from '../domain/case-status.js';
import type { Prisma, PrismaClient } from './generated/client.js';

/** What `/reperage dossiers` filters open cases by (level 2 only). */
export interface CaseListFilter {
  status?: Exclude<CaseStatus, 'closed'>;
  assigneeUserId?: string;
  schoolId?: string;
  axis?: Axis;
}

export interface CaseListRow {
  reference: string;
  status: CaseStatus;
  assigneeUserId?: string;
  schoolId?: string;
  axes: Axis[];
  referredAt: Date;
  cardLink?: string;
}

export interface CaseListPage {
  rows: CaseListRow[];
  /** Open cases matching the filter, and those by status (what the counts line says). */
  total: number;
  byStatus: Partial<Record<CaseStatus, number>>;
}

export const CASE_LIST_PAGE = 20;

/** Open cases (not closed, not erased), oldest referral first, a page at a time, with their counts. */
export async function listOpenCases(prisma: PrismaClient, filter: CaseListFilter, page: number): Promise<CaseListPage> {
  const where: Prisma.ReferralWhereInput = {
    status: filter.status ?? { not: 'closed' },
    erasedAt: null,
    // A referral merged into another case is that case (counted_referrals): not listed apart.
    mergedInto: null,
    ...(filter.assigneeUserId ? { assigneeUserId: filter.assigneeUserId } : {}),
    ...(filter.schoolId ? { schoolId: filter.schoolId } : {}),
    ...(filter.axis ? { axes: { has: filter.axis } } : {}),
  };
  const [rows, groups] = await Promise.all([
    prisma.referral.findMany({
      where,
      orderBy: [{ referredAt: 'asc' }, { sequence: 'asc' }],
      skip: page * CASE_LIST_PAGE,
      take: CASE_LIST_PAGE,
      select: {
        reference: true,
        status: true,
        assigneeUserId: true,
        schoolId: true,
        axes: true,
        referredAt: true,
        cardPermalink: true,
      },
    }),
    prisma.referral.groupBy({ by: ['status'], where, _count: { _all: true } }),
  ]);
  const byStatus = Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as CaseListPage['byStatus'];
  return {
    rows: rows.map((r) => ({
      reference: r.reference,
      status: r.status as CaseStatus,
      ...(r.assigneeUserId ? { assigneeUserId: r.assigneeUserId } : {}),
      ...(r.schoolId ? { schoolId: r.schoolId } : {}),
      axes: r.axes as Axis[],
      referredAt: r.referredAt,
      ...(r.cardPermalink ? { cardLink: r.cardPermalink } : {}),
    })),
    total: groups.reduce((n, g) => n + g._count._all, 0),
    byStatus,
  };
}
