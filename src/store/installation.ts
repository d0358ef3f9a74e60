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
