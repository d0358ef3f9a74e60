import type { PrismaClient } from './generated/client.js';

/**
 * When the programme started using the app: recorded once, at the first start (by the app's clock), read ever after.
 * A database that already held cases was given the day of its first case by the migration that added it.
 * Two instances starting at once on a new database both try: one statement that does nothing when the row exists
 * (Prisma's upsert is a read then a write, and the second instance failed on the key).
 */
export async function installedAt(prisma: PrismaClient, now: Date): Promise<Date> {
  await prisma.$executeRaw`INSERT INTO installation (id, installed_at) VALUES (1, ${now}) ON CONFLICT (id) DO NOTHING`;
  return (await prisma.installation.findUniqueOrThrow({ where: { id: 1 } })).installedAt;
}

/**
 * The rows kept before they were keyed by workspace (the catalogue's actions, its operators) are the installed
 * workspace's: claimed once Slack says which it is. Idempotent; a row already keyed keeps its workspace.
 */
export async function claimUnkeyedRows(prisma: PrismaClient, teamId: string): Promise<number> {
  const actions = await prisma.catalogueAction.updateMany({ where: { teamId: null }, data: { teamId } });
  const operators = await prisma.operator.updateMany({ where: { teamId: null }, data: { teamId } });
  return actions.count + operators.count;
}
