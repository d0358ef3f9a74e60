import type { CaseSummary } from '../domain/case-summary.js';
import type { ReferralIdentity } from '../domain/referral.js';
import { canReadIdentity } from '../domain/roles.js';
import type { AccessLog } from '../store/access-log.js';
import { TamperedValueError, UnknownKeyError } from '../store/field-cipher.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { ReferralRepository } from '../store/referral-repository.js';

export interface OpenCaseFileDeps {
  referrals: ReferralRepository;
  members: MemberRepository;
  accessLog: AccessLog;
}

export type OpenCaseFileOutcome =
  | { kind: 'not_found' }
  | { kind: 'refused' }
  | { kind: 'unreadable'; reference: string }
  | { kind: 'granted'; summary: CaseSummary; identity: ReferralIdentity; schoolId: string };

/** Level-1 read: allowed for team members and coordinators only, and recorded either way. */
export async function openCaseFile(
  deps: OpenCaseFileDeps,
  input: { reference: string; userId: string; now: Date },
): Promise<OpenCaseFileOutcome> {
  const found = await deps.referrals.findByReference(input.reference);
  if (!found) return { kind: 'not_found' };
  const { roles } = await deps.members.profile(input.userId);
  const granted = canReadIdentity(roles);
  await deps.accessLog.record({
    referralId: found.id,
    userId: input.userId,
    at: input.now,
    reason: 'consultation',
    granted,
  });
  if (!granted) return { kind: 'refused' };
  try {
    const identity = await deps.referrals.readIdentity(found.id);
    return { kind: 'granted', summary: found.summary, identity, schoolId: found.schoolId };
  } catch (error) {
    if (error instanceof TamperedValueError || error instanceof UnknownKeyError) {
      return { kind: 'unreadable', reference: input.reference };
    }
    throw error;
  }
}
