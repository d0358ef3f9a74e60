import type { PrismaClient } from './generated/client.js';

/**
 * When the programme started using the app: recorded once, at the first start (by the app's clock), read ever after.
 * A database that already held cases was given the day of its first case by the migration that added it.
 */
export async function installedAt(prisma: PrismaClient, now: Date): Promise<Date> {
  const row = await prisma.installation.upsert({ where: { id: 1 }, create: { id: 1, installedAt: now }, update: {} });
  return row.installedAt;
}
