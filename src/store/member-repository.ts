import { ROLES, type Role } from '../domain/roles.js';
import { queryRows } from './direct-sql.js';
import { Prisma, type PrismaClient } from './generated/client.js';

export interface MemberProfile {
  roles: Role[];
  institution?: string;
  jobTitle?: string;
}

export interface MemberListing {
  userId: string;
  roles: Role[];
  institution?: string;
}

const asRoles = (values: readonly string[]): Role[] =>
  values.filter((r): r is Role => (ROLES as readonly string[]).includes(r));

export class MemberRepository {
  constructor(
    private readonly prisma: PrismaClient,
    /** Users named in PRE_COORDINATORS are coordinators whatever the table says. */
    private readonly coordinators: readonly string[],
  ) {}

  /** Read on most clicks (roles decide): one plain indexed statement. */
  async profile(userId: string): Promise<MemberProfile> {
    const [row] = await queryRows<{ roles: string[]; institution: string | null; job_title: string | null }>(
      this.prisma,
      Prisma.sql`SELECT roles, institution, job_title FROM members WHERE slack_user_id = ${userId}`,
    );
    const roles = new Set<Role>(asRoles(row?.roles ?? []));
    if (this.coordinators.includes(userId)) roles.add('coordinator');
    return { roles: [...roles], institution: row?.institution ?? undefined, jobTitle: row?.job_title ?? undefined };
  }

  /** Everyone holding a role, the configured coordinators included. */
  /** Everyone who is a coordinator now (configured or named in Slack). */
  async coordinatorIds(): Promise<string[]> {
    return (await this.withRoles()).filter((m) => m.roles.includes('coordinator')).map((m) => m.userId);
  }

  async withRoles(): Promise<MemberListing[]> {
    const rows = await this.prisma.member.findMany({ where: { NOT: { roles: { isEmpty: true } } } });
    const listing = new Map<string, MemberListing>(
      rows.map((r) => [
        r.slackUserId,
        { userId: r.slackUserId, roles: asRoles(r.roles), institution: r.institution ?? undefined },
      ]),
    );
    for (const id of this.coordinators) {
      const entry = listing.get(id) ?? { userId: id, roles: [] };
      if (!entry.roles.includes('coordinator')) entry.roles = ['coordinator', ...entry.roles];
      listing.set(id, entry);
    }
    return [...listing.values()].sort((a, b) => a.userId.localeCompare(b.userId));
  }

  /** Is there a coordinator at all (configured, or granted in Slack)? A new programme has none until one claims it. */
  async hasCoordinator(): Promise<boolean> {
    if (this.coordinators.length > 0) return true;
    return (await this.prisma.member.count({ where: { roles: { has: 'coordinator' } } })) > 0;
  }

  /** How many hold the team role (the cellule de veille and the équipe pluridisciplinaire). */
  async teamCount(): Promise<number> {
    return this.prisma.member.count({ where: { roles: { has: 'team' } } });
  }

  /**
   * The programme's first coordinator: granted to `userId` only while nobody holds the role (two claims at once:
   * the first wins), recorded like any role change, by the claimant.
   */
  async claimFirstCoordinator(input: { userId: string; at: Date }): Promise<'granted' | 'taken'> {
    if (this.coordinators.length > 0) return 'taken';
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('first-coordinator'))`;
      if ((await tx.member.count({ where: { roles: { has: 'coordinator' } } })) > 0) return 'taken';
      await applyChange(tx, { ...input, role: 'coordinator', change: 'grant', actorId: input.userId });
      return 'granted';
    });
  }

  /** Adds or removes a role and records the change in the same transaction. */
  async change(input: RoleChange): Promise<void> {
    await this.prisma.$transaction((tx) => applyChange(tx, input));
  }
}

interface RoleChange {
  userId: string;
  role: Role;
  change: 'grant' | 'revoke';
  institution?: string;
  actorId: string;
  at: Date;
}

/** A role added or removed, and its line in `member_events`, inside the caller's transaction. */
async function applyChange(tx: Prisma.TransactionClient, input: RoleChange): Promise<void> {
  const row = await tx.member.findUnique({ where: { slackUserId: input.userId } });
  const current = new Set(row?.roles ?? []);
  if (input.change === 'grant') current.add(input.role);
  else current.delete(input.role);
  const roles = [...current];
  await tx.member.upsert({
    where: { slackUserId: input.userId },
    create: { slackUserId: input.userId, roles, institution: input.institution },
    update: { roles, ...(input.institution ? { institution: input.institution } : {}) },
  });
  await tx.memberEvent.create({
    data: {
      slackUserId: input.userId,
      actorId: input.actorId,
      at: input.at,
      change: input.change,
      role: input.role,
      institution: input.institution,
    },
  });
}
