import type { AccessReason, OperatorAccessReason } from '../domain/roles.js';
import type { PrismaClient } from './generated/client.js';

/** A refused attempt is recorded before any reason is asked. */
export type RecordedReason =
  | AccessReason
  | 'refused_before_reason'
  /** A partner operator's referent reading what the family agreed to share; or anyone else, refused. */
  | `operator_${OperatorAccessReason}`
  | 'operator_refused';

/** Every attempt to read a case's level-1 data, granted or refused (charter: "every read is recorded"). */
export class AccessLog {
  constructor(private readonly prisma: PrismaClient) {}

  async record(entry: { referralId: string; userId: string; at: Date; reason: RecordedReason; granted: boolean }) {
    await this.prisma.accessLog.create({ data: entry });
  }

  async forCase(referralId: string) {
    return this.prisma.accessLog.findMany({ where: { referralId }, orderBy: { at: 'asc' } });
  }
}
