import { ROLES, type Role } from '../domain/roles.js';
import type { PrismaClient } from './generated/client.js';

export interface MemberProfile {
  roles: Role[];
  institution?: string;
  jobTitle?: string;
}

export class MemberRepository {
  constructor(
    private readonly prisma: PrismaClient,
    /** Users named in PRE_COORDINATORS are coordinators whatever the table says. */
    private readonly coordinators: readonly string[],
  ) {}

  async profile(userId: string): Promise<MemberProfile> {
    const row = await this.prisma.member.findUnique({ where: { slackUserId: userId } });
    const roles = new Set<Role>((row?.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r)));
    if (this.coordinators.includes(userId)) roles.add('coordinator');
    return { roles: [...roles], institution: row?.institution ?? undefined, jobTitle: row?.jobTitle ?? undefined };
  }

  async grant(userId: string, role: Role, institution?: string): Promise<void> {
    const row = await this.prisma.member.findUnique({ where: { slackUserId: userId } });
    const roles = [...new Set([...(row?.roles ?? []), role])];
    await this.prisma.member.upsert({
      where: { slackUserId: userId },
      create: { slackUserId: userId, roles, institution },
      update: { roles, ...(institution ? { institution } : {}) },
    });
  }
}
