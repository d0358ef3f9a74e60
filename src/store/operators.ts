import { operatorScopeKey } from '../domain/pathway.js';
import { queryRows } from './direct-sql.js';
import { Prisma, type PrismaClient } from './generated/client.js';

/** The operators of the catalogue's actions, each once, by scope key (retired actions' operators included). */
export function catalogueOperators(actions: readonly { operator: string }[]): { key: string; name: string }[] {
  const byKey = new Map<string, string>();
  for (const a of actions)
    if (!byKey.has(operatorScopeKey(a.operator))) byKey.set(operatorScopeKey(a.operator), a.operator);
  return [...byKey].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export interface OperatorSettings {
  key: string;
  name: string;
  channelId?: string;
  referents: string[];
}

/**
 * Partner operators: the channel their liaison sheets go to and their named referents. Every change of referents is
 * kept (added / removed, by whom, when) in `operator_referents` and in `member_events`, like any member change.
 */
export class OperatorRepository {
  constructor(
    private readonly prisma: PrismaClient,
    /** The workspace its rows are written for (undefined before Slack answered: claimed later, installation.ts). */
    private readonly teamId: () => string | undefined = () => undefined,
  ) {}

  /** The operators of `names` (the catalogue's), each with its channel and current referents. */
  async settings(operators: readonly { key: string; name: string }[]): Promise<OperatorSettings[]> {
    const keys = operators.map((o) => o.key);
    const [rows, referents] = await Promise.all([
      this.prisma.operator.findMany({ where: { key: { in: keys } } }),
      this.prisma.operatorReferent.findMany({
        where: { operatorKey: { in: keys }, removedAt: null },
        orderBy: { addedAt: 'asc' },
      }),
    ]);
    return operators.map((o) => ({
      key: o.key,
      name: o.name,
      channelId: rows.find((r) => r.key === o.key)?.channelId ?? undefined,
      referents: referents.filter((r) => r.operatorKey === o.key).map((r) => r.userId),
    }));
  }

  /**
   * The operators `userId` is a referent of now (a removal takes effect at once). Read on every case click: one plain
   * statement.
   */
  async operatorsOf(userId: string): Promise<string[]> {
    const rows = await queryRows<{ operator_key: string }>(
      this.prisma,
      Prisma.sql`
      SELECT operator_key FROM operator_referents WHERE user_id = ${userId} AND removed_at IS NULL`,
    );
    return rows.map((r) => r.operator_key);
  }

  async channelOf(operatorKey: string): Promise<string | undefined> {
    const row = await this.prisma.operator.findUnique({ where: { key: operatorKey }, select: { channelId: true } });
    return row?.channelId ?? undefined;
  }

  /** Orientations of these operators still proposed or under way, oldest first (level 2: reference and action). */
  async openSheets(
    operatorKeys: readonly string[],
  ): Promise<{ reference: string; actionId: string; status: 'proposed' | 'started'; proposedOn: string }[]> {
    const rows = await this.prisma.orientation.findMany({
      where: { operatorKey: { in: [...operatorKeys] }, status: { in: ['proposed', 'started'] } },
      select: { actionId: true, status: true, proposedOn: true, referral: { select: { reference: true } } },
      orderBy: { proposedOn: 'asc' },
      take: 100,
    });
    return rows.map((r) => ({
      reference: r.referral.reference,
      actionId: r.actionId ?? '',
      status: r.status as 'proposed' | 'started',
      proposedOn: r.proposedOn,
    }));
  }

  async isReferent(operatorKey: string, userId: string): Promise<boolean> {
    return (await this.prisma.operatorReferent.count({ where: { operatorKey, userId, removedAt: null } })) > 0;
  }

  async referentsOf(operatorKey: string): Promise<string[]> {
    const rows = await this.prisma.operatorReferent.findMany({ where: { operatorKey, removedAt: null } });
    return rows.map((r) => r.userId);
  }

  /** Sets an operator's channel and referents; returns who was added and removed. */
  async configure(input: {
    key: string;
    name: string;
    channelId?: string;
    referents: readonly string[];
    actorId: string;
    at: Date;
  }): Promise<{ added: string[]; removed: string[] }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.operator.upsert({
        where: { key: input.key },
        create: {
          key: input.key,
          name: input.name,
          channelId: input.channelId ?? null,
          teamId: this.teamId() ?? null,
          updatedBy: input.actorId,
          updatedAt: input.at,
        },
        update: { name: input.name, channelId: input.channelId ?? null, updatedBy: input.actorId, updatedAt: input.at },
      });
      const current = await tx.operatorReferent.findMany({ where: { operatorKey: input.key, removedAt: null } });
      const wanted = new Set(input.referents);
      const removed = current.filter((r) => !wanted.has(r.userId)).map((r) => r.userId);
      const added = [...wanted].filter((u) => !current.some((r) => r.userId === u));
      if (removed.length > 0)
        await tx.operatorReferent.updateMany({
          where: { operatorKey: input.key, userId: { in: removed }, removedAt: null },
          data: { removedAt: input.at, removedBy: input.actorId },
        });
      if (added.length > 0)
        await tx.operatorReferent.createMany({
          data: added.map((userId) => ({
            operatorKey: input.key,
            userId,
            addedBy: input.actorId,
            addedAt: input.at,
          })),
        });
      const changes = [...added.map((u) => ({ u, change: 'add' })), ...removed.map((u) => ({ u, change: 'remove' }))];
      if (changes.length > 0)
        await tx.memberEvent.createMany({
          data: changes.map(({ u, change }) => ({
            slackUserId: u,
            actorId: input.actorId,
            at: input.at,
            change,
            role: 'operator_referent',
            institution: input.key,
          })),
        });
      return { added, removed };
    });
  }
}
