import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { PrismaClient } from './db.js';
import type { KeyRing } from './key-ring.js';

/** How often a running instance says it is alive, and after how long without a word it counts as gone. */
export const BEAT_MS = 30_000;
const GONE_AFTER_MS = 3 * BEAT_MS;

export interface RunningInstanceInfo {
  host: string;
  pid: number;
  /** The id of the key it writes with (the first of its ring). */
  writesWith: string;
  startedAt: Date;
}

/**
 * This process among the app's running instances, with the ids of the keys it holds (never the keys). Read by
 * `keys:rotate`: re-wrapping the data under a key that a running instance lacks would leave that instance unable to
 * read its cases until it restarts, and one that writes with another key would go on writing under the old one.
 */
export class RunningInstance {
  private readonly id = randomUUID();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly keys: KeyRing,
    private readonly now: () => Date,
  ) {}

  async register(): Promise<void> {
    const at = this.now();
    await this.prisma.runningInstance.create({
      data: {
        id: this.id,
        host: hostname(),
        pid: process.pid,
        keyIds: this.keys.keys.map((k) => k.id),
        startedAt: at,
        seenAt: at,
      },
    });
    this.timer = setInterval(() => void this.beat().catch(() => {}), BEAT_MS);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    await this.prisma.runningInstance.updateMany({ where: { id: this.id }, data: { seenAt: this.now() } });
  }

  async unregister(): Promise<void> {
    clearInterval(this.timer);
    await this.prisma.runningInstance.deleteMany({ where: { id: this.id } });
  }
}

/** The instances alive at `now` that do not write with `keyId`; rows of instances long gone are cleared. */
export async function instancesNotWritingWith(
  prisma: PrismaClient,
  keyId: string,
  now: Date,
): Promise<RunningInstanceInfo[]> {
  const since = new Date(now.getTime() - GONE_AFTER_MS);
  await prisma.runningInstance.deleteMany({ where: { seenAt: { lt: since } } });
  const alive = await prisma.runningInstance.findMany({
    where: { seenAt: { gte: since } },
    orderBy: { startedAt: 'asc' },
  });
  return alive
    .filter((i) => i.keyIds[0] !== keyId)
    .map((i) => ({ host: i.host, pid: i.pid, writesWith: i.keyIds[0] ?? '?', startedAt: i.startedAt }));
}
