import { IDENTITY_FIELDS } from '../domain/referral.js';
import { open, seal, TamperedValueError, UnknownKeyError } from './field-cipher.js';
import type { Prisma, PrismaClient } from './generated/client.js';
import type { KeyRing } from './key-ring.js';

export interface RotationReport {
  rotated: number;
  alreadyCurrent: number;
  tampered: number;
  unknownKey: number;
}

export interface ErasureCandidate {
  id: string;
  reference: string;
  rule: 'closed' | 'refused';
}

/** Fields kept after a refusal: what the refusal itself requires (its reason, if one was given). */

/**
 * Operations on level-1 data as a whole: key rotation, retention, the family's rights. Each is recorded in
 * data_operations with counts only, never values.
 */
export class Level1Store {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly keys: KeyRing,
  ) {}

  /**
   * Re-encrypts every value under the newest key, a batch per transaction: stopped half-way, a second run
   * continues where the first stopped. A value that fails authentication is counted and left as it is.
   */
  async rotate(actorId: string, at: Date, batchSize = 200): Promise<RotationReport> {
    const report: RotationReport = { rotated: 0, alreadyCurrent: 0, tampered: 0, unknownKey: 0 };
    const current = this.keys.current.id;
    report.alreadyCurrent = await this.prisma.sensitiveValue.count({ where: { keyId: current } });
    let after: { referralId: string; field: string } | undefined;
    for (;;) {
      const batch = await this.prisma.sensitiveValue.findMany({
        where: {
          keyId: { not: current },
          ...(after
            ? {
                OR: [
                  { referralId: { gt: after.referralId } },
                  { referralId: after.referralId, field: { gt: after.field } },
                ],
              }
            : {}),
        },
        orderBy: [{ referralId: 'asc' }, { field: 'asc' }],
        take: batchSize,
      });
      if (batch.length === 0) break;
      await this.prisma.$transaction(async (tx) => {
        for (const row of batch) {
          let plaintext: string;
          try {
            plaintext = open(this.keys, row.referralId, row.field, row);
          } catch (error) {
            if (error instanceof TamperedValueError) report.tampered += 1;
            else if (error instanceof UnknownKeyError) report.unknownKey += 1;
            else throw error;
            continue;
          }
          // The key id in the where clause: a value rotated meanwhile by another run is not rotated twice.
          const updated = await tx.sensitiveValue.updateMany({
            where: { referralId: row.referralId, field: row.field, keyId: row.keyId },
            data: { ...seal(this.keys, row.referralId, row.field, plaintext), updatedAt: at },
          });
          report.rotated += updated.count;
        }
      });
      const last = batch[batch.length - 1];
      if (last) after = { referralId: last.referralId, field: last.field };
    }
    await this.record(this.prisma, { kind: 'key_rotation', actorId, at, details: { ...report, keyId: current } });
    return report;
  }

  /** Cases whose level-1 data is due for erasure on `now` (retention rules of the charter). */
  async dueForErasure(input: { closedBefore: Date; refusedBefore: Date }): Promise<ErasureCandidate[]> {
    const closed = await this.prisma.referral.findMany({
      // By what a case still holds, not by whether it was erased once: a text written after an erasure (a closure
      // note) goes at the next run.
      where: { status: 'closed', closedAt: { lt: input.closedBefore }, sensitiveValues: { some: {} } },
      select: { id: true, reference: true },
      orderBy: { closedAt: 'asc' },
    });
    const refused = await this.prisma.referral.findMany({
      where: {
        consentStatus: { in: ['refused', 'withdrawn'] },
        sensitiveValues: { some: {} },
        events: {
          some: { type: { in: ['record_consent_refused', 'withdraw_consent'] }, at: { lt: input.refusedBefore } },
        },
      },
      select: { id: true, reference: true },
    });
    const seen = new Set(closed.map((c) => c.id));
    return [
      ...closed.map((c) => ({ ...c, rule: 'closed' as const })),
      ...refused.filter((r) => !seen.has(r.id)).map((r) => ({ ...r, rule: 'refused' as const })),
    ];
  }

  /** Erases a case's level-1 values (ciphertexts included) and marks it; level-2 facts and history stay. */
  async erase(input: {
    referralId: string;
    reason: 'retention_closed' | 'retention_refused' | 'rgpd_request';
    actorId: string;
    at: Date;
  }): Promise<number> {
    // Everything level 1 goes, the refusal's free text too: why the family refused stays as a coded reason (level 2,
    // in the event).
    return this.prisma.$transaction(async (tx) => {
      const deleted = await tx.sensitiveValue.deleteMany({ where: { referralId: input.referralId } });
      await tx.referral.update({ where: { id: input.referralId }, data: { erasedAt: input.at } });
      await this.record(tx, {
        kind: 'erasure',
        referralId: input.referralId,
        actorId: input.actorId,
        at: input.at,
        details: { reason: input.reason, values: deleted.count },
      });
      return deleted.count;
    });
  }

  /**
   * Everything held about one child and family, decrypted, for their access request (RGPD art. 15). It is about them,
   * not about the staff: Slack ids of the people who acted are replaced by their role (`roleOf`).
   */
  async export(
    referralId: string,
    actorId: string,
    at: Date,
    roleOf: (userId: string) => Promise<string>,
  ): Promise<Record<string, unknown>> {
    const referral = await this.prisma.referral.findUniqueOrThrow({
      where: { id: referralId },
      include: {
        events: { orderBy: { version: 'asc' } },
        accessLogs: { orderBy: { at: 'asc' } },
        orientations: { include: { action: true } },
        sensitiveValues: true,
      },
    });
    const { sensitiveValues, events, accessLogs, orientations, referrerUserId, assigneeUserId, ...facts } = referral;
    const level1: Record<string, string> = {};
    const unreadable: string[] = [];
    for (const value of sensitiveValues) {
      try {
        level1[value.field] = open(this.keys, referralId, value.field, value);
      } catch {
        unreadable.push(value.field);
      }
    }
    await this.record(this.prisma, {
      kind: 'export',
      referralId,
      actorId,
      at,
      details: { fields: Object.keys(level1) },
    });
    const roles = new Map<string, string>();
    const role = async (userId: string | null) => {
      if (!userId) return null;
      if (!roles.has(userId)) roles.set(userId, await roleOf(userId));
      return roles.get(userId) ?? null;
    };
    return {
      exportedAt: at.toISOString(),
      case: { ...facts, referrer: await role(referrerUserId), assignee: await role(assigneeUserId) },
      nominativeData: level1,
      unreadableFields: unreadable,
      orientations: orientations.map((o) => ({ ...o, action: o.action.title, operator: o.action.operator })),
      history: await Promise.all(
        events.map(async ({ actorId: who, ...e }) => ({ ...e, id: String(e.id), actor: await role(who) })),
      ),
      accessLog: await Promise.all(
        accessLogs.map(async ({ userId, ...a }) => ({ ...a, id: String(a.id), who: await role(userId) })),
      ),
      knownFields: IDENTITY_FIELDS,
    };
  }

  private async record(
    tx: Prisma.TransactionClient | PrismaClient,
    op: { kind: string; referralId?: string; actorId: string; at: Date; details: Record<string, unknown> },
  ) {
    await tx.dataOperation.create({ data: { ...op, details: op.details as Prisma.InputJsonValue } });
  }
}
