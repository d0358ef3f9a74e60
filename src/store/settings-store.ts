import { SETTING_KEYS, type SettingChangeRecord, type SettingKey, sameValue } from '../domain/settings.js';
import { Prisma, type PrismaClient } from './generated/client.js';

/** The notification every instance listens to: a setting changed (its payload is the workspace's team id). */
export const SETTINGS_CHANNEL = 'pre_settings';

export type RecordOutcome = 'recorded' | 'unchanged' | 'stale';

/**
 * The programme's settings recorded from Slack, by workspace (team id), and the history of their changes. A value
 * is JSON as the domain's schema gives it; this class does not judge it (domain/settings.ts does, both ways).
 */
export class SettingsStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The rows of a workspace. Without a team id (Slack not reached yet, or a maintenance command), those of the only
   * workspace recorded; none when there is no row or several workspaces.
   */
  async recorded(teamId: string | undefined): Promise<{ teamId?: string; rows: { key: string; value: unknown }[] }> {
    const team = teamId ?? (await this.onlyTeam());
    if (!team) return { rows: [] };
    const rows = await this.prisma.programmeSetting.findMany({
      where: { teamId: team },
      select: { key: true, value: true },
    });
    return { teamId: team, rows };
  }

  private async onlyTeam(): Promise<string | undefined> {
    const teams = await this.prisma.programmeSetting.findMany({
      distinct: ['teamId'],
      select: { teamId: true },
      take: 2,
    });
    return teams.length === 1 ? teams[0]?.teamId : undefined;
  }

  /**
   * Records a setting's new value (`undefined`: back to the installation's default), if it still is `expected` (the
   * value the coordinator's form showed): a change made meanwhile by someone else is not overwritten. The change
   * and its history line are one transaction; every instance is told after the commit.
   */
  async record(input: {
    teamId: string;
    key: SettingKey;
    expected: unknown;
    value: unknown;
    actorId: string;
    at: Date;
  }): Promise<RecordOutcome> {
    return this.prisma.$transaction(async (tx) => {
      // One change at a time per setting: the row lock (or, for a first value, the key's advisory lock) orders them.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`setting:${input.teamId}:${input.key}`}))`;
      const where = { teamId_key: { teamId: input.teamId, key: input.key } };
      const row = await tx.programmeSetting.findUnique({ where, select: { value: true } });
      const before = row?.value ?? undefined;
      if (!sameValue(before, input.expected)) return 'stale';
      if (sameValue(before, input.value)) return 'unchanged';
      if (input.value === undefined) await tx.programmeSetting.delete({ where });
      else
        await tx.programmeSetting.upsert({
          where,
          create: {
            teamId: input.teamId,
            key: input.key,
            value: input.value as Prisma.InputJsonValue,
            changedBy: input.actorId,
            changedAt: input.at,
          },
          update: { value: input.value as Prisma.InputJsonValue, changedBy: input.actorId, changedAt: input.at },
        });
      await tx.settingChange.create({
        data: {
          teamId: input.teamId,
          key: input.key,
          before: before === undefined ? Prisma.DbNull : (before as Prisma.InputJsonValue),
          after: input.value === undefined ? Prisma.DbNull : (input.value as Prisma.InputJsonValue),
          actorId: input.actorId,
          at: input.at,
        },
      });
      // Delivered at the commit, to every instance listening (store/db.ts); none is lost to a rollback.
      await tx.$executeRaw`SELECT pg_notify(${SETTINGS_CHANNEL}, ${input.teamId})`;
      return 'recorded';
    });
  }

  /** The newest changes first. */
  async history(teamId: string, limit: number): Promise<SettingChangeRecord[]> {
    const rows = await this.prisma.settingChange.findMany({
      where: { teamId },
      orderBy: { id: 'desc' },
      take: limit,
    });
    return rows
      .filter((r): r is typeof r & { key: SettingKey } => (SETTING_KEYS as string[]).includes(r.key))
      .map((r) => ({
        key: r.key,
        before: r.before ?? undefined,
        after: r.after ?? undefined,
        actorId: r.actorId,
        at: r.at,
      }));
  }
}
