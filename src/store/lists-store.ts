import type { ListKey } from '../domain/lists.js';
import { Prisma, type PrismaClient } from './generated/client.js';

/** The notification every instance listens to: a list changed (its payload is the workspace's team id). */
export const LISTS_CHANNEL = 'pre_lists';

/** A list as recorded: its entries (JSON the domain parses) and its version (0: never recorded, the file's). */
export interface RecordedList {
  key: string;
  entries: unknown;
  version: number;
}

/** One list's new entries, the version the coordinator's form or file was read at, and each entry changed. */
export interface ListWrite {
  /** A list, or the reflection groups (domain/groups.ts GROUPS_KEY). */
  key: ListKey | 'groups';
  expectedVersion: number;
  entries: unknown[];
  changes: { entryId: string; before?: unknown; after?: unknown }[];
}

/**
 * The programme's lists recorded from Slack, by workspace (team id), and the history of each entry changed. Like
 * settings-store.ts, it does not judge what it stores: domain/lists.ts does, both ways.
 */
export class ListsStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** The lists a workspace recorded; without a team id, those of the only workspace that recorded any. */
  async recorded(teamId: string | undefined): Promise<RecordedList[]> {
    const team = teamId ?? (await this.onlyTeam());
    if (!team) return [];
    return this.prisma.programmeList.findMany({
      where: { teamId: team },
      select: { key: true, entries: true, version: true },
    });
  }

  private async onlyTeam(): Promise<string | undefined> {
    const teams = await this.prisma.programmeList.findMany({ distinct: ['teamId'], select: { teamId: true }, take: 2 });
    return teams.length === 1 ? teams[0]?.teamId : undefined;
  }

  /**
   * Records several lists at once (a spreadsheet's import is all or nothing), each only if still at the version
   * read: a change made meanwhile by someone else is never overwritten ('stale', nothing recorded). Every instance
   * is told after the commit.
   */
  async record(
    input: { teamId: string; writes: ListWrite[]; actorId: string; at: Date },
    /** More of the same change, in the same transaction (a spreadsheet's catalogue rows). */
    alsoInTx?: (tx: Prisma.TransactionClient, teamId: string) => Promise<void>,
  ): Promise<'recorded' | 'stale'> {
    return this.prisma.$transaction(async (tx) => {
      for (const write of [...input.writes].sort((a, b) => a.key.localeCompare(b.key))) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`list:${input.teamId}:${write.key}`}))`;
        const where = { teamId_key: { teamId: input.teamId, key: write.key } };
        const row = await tx.programmeList.findUnique({ where, select: { version: true } });
        if ((row?.version ?? 0) !== write.expectedVersion) return 'stale';
        const data = {
          entries: write.entries as Prisma.InputJsonValue,
          version: write.expectedVersion + 1,
          changedBy: input.actorId,
          changedAt: input.at,
        };
        await tx.programmeList.upsert({
          where,
          create: { teamId: input.teamId, key: write.key, ...data },
          update: data,
        });
        await tx.listChange.createMany({
          data: write.changes.map((c) => ({
            teamId: input.teamId,
            key: write.key,
            entryId: c.entryId,
            before: c.before === undefined ? Prisma.DbNull : (c.before as Prisma.InputJsonValue),
            after: c.after === undefined ? Prisma.DbNull : (c.after as Prisma.InputJsonValue),
            actorId: input.actorId,
            at: input.at,
          })),
        });
      }
      if (alsoInTx) await alsoInTx(tx, input.teamId);
      await tx.$executeRaw`SELECT pg_notify(${LISTS_CHANNEL}, ${input.teamId})`;
      return 'recorded';
    });
  }

  /** The newest entry changes first. */
  async history(teamId: string, limit: number) {
    const rows = await this.prisma.listChange.findMany({ where: { teamId }, orderBy: { id: 'desc' }, take: limit });
    return rows.map((r) => ({
      key: r.key,
      entryId: r.entryId,
      before: r.before ?? undefined,
      after: r.after ?? undefined,
      actorId: r.actorId,
      at: r.at,
    }));
  }
}
