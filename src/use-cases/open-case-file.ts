import type { CaseFileFacts, CaseSummary } from '../domain/case-summary.js';
import type { ReferralIdentity } from '../domain/referral.js';
import { type AccessReason, canReadIdentity } from '../domain/roles.js';
import type { AccessLog } from '../store/access-log.js';
import { TamperedValueError, UnknownKeyError } from '../store/field-cipher.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { ReferralRepository } from '../store/referral-repository.js';

export interface OpenCaseFileDeps {
  referrals: ReferralRepository;
  members: MemberRepository;
  accessLog: AccessLog;
}

export type CaseFileAccess = { kind: 'not_found' } | { kind: 'refused' } | { kind: 'ask_reason' };

/**
 * First step of a level-1 read: may this person read it at all? A refusal is recorded at once; an allowed reader
 * is asked why before anything is decrypted.
 */
export async function checkCaseFileAccess(
  deps: OpenCaseFileDeps,
  input: { reference: string; userId: string; now: Date },
): Promise<CaseFileAccess> {
  const found = await deps.referrals.findByReference(input.reference);
  if (!found) return { kind: 'not_found' };
  const { roles } = await deps.members.profile(input.userId);
  if (canReadIdentity(roles)) return { kind: 'ask_reason' };
  await deps.accessLog.record({
    referralId: found.id,
    userId: input.userId,
    at: input.now,
    reason: 'refused_before_reason',
    granted: false,
  });
  return { kind: 'refused' };
}

export type OpenCaseFileOutcome =
  | { kind: 'not_found' }
  | { kind: 'refused' }
  | { kind: 'erased' }
  | { kind: 'unreadable'; reference: string }
  | { kind: 'granted'; summary: CaseSummary; identity: ReferralIdentity; facts: CaseFileFacts };

/** The level-1 read itself, with its reason: allowed for team members and coordinators only, recorded either way. */
export async function openCaseFile(
  deps: OpenCaseFileDeps,
  input: { reference: string; userId: string; reason: AccessReason; now: Date },
): Promise<OpenCaseFileOutcome> {
  const found = await deps.referrals.findByReference(input.reference);
  if (!found) return { kind: 'not_found' };
  const { roles } = await deps.members.profile(input.userId);
  const granted = canReadIdentity(roles);
  await deps.accessLog.record({
    referralId: found.id,
    userId: input.userId,
    at: input.now,
    reason: input.reason,
    granted,
  });
  if (!granted) return { kind: 'refused' };
  if (found.erased) return { kind: 'erased' };
  try {
    const identity = await deps.referrals.readIdentity(found.id);
    return { kind: 'granted', summary: found.summary, identity, facts: found.facts };
  } catch (error) {
    if (error instanceof TamperedValueError || error instanceof UnknownKeyError) {
      return { kind: 'unreadable', reference: input.reference };
    }
    throw error;
  }
}
