import { execute } from './direct-sql.js';
import { Prisma, type PrismaClient } from './generated/client.js';

/** Slack signs a request with its timestamp and refuses timestamps older than five minutes: ten covers any skew. */
const KEEP_MS = 10 * 60_000;

/**
 * Signed requests already taken. Slack never sends the same signed request twice (a retried event is signed anew),
 * so one seen again is a replay: it is acknowledged and does nothing more, on whichever instance it lands.
 */
export class TakenRequests {
  private lastPurge = 0;

  constructor(private readonly prisma: PrismaClient) {}

  /** Records the request; false when it was already taken. One statement. */
  async take(signature: string, timestamp: string, now: Date): Promise<boolean> {
    const key = `${timestamp}:${signature}`;
    const inserted = await execute(
      this.prisma,
      Prisma.sql`
      INSERT INTO taken_requests (signature, taken_at) VALUES (${key}, ${now})
      ON CONFLICT (signature) DO NOTHING`,
    );
    if (now.getTime() - this.lastPurge > KEEP_MS) {
      this.lastPurge = now.getTime();
      await execute(
        this.prisma,
        Prisma.sql`DELETE FROM taken_requests WHERE taken_at < ${new Date(now.getTime() - KEEP_MS)}`,
      );
    }
    return inserted > 0;
  }
}
