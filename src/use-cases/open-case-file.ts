import type { CaseFileFacts, CaseSummary } from '../domain/case-summary.js';
import type { ReferralIdentity } from '../domain/referral.js';
import { type AccessReason, canReadIdentity, isCoordinator, type Role } from '../domain/roles.js';
import type { AccessLog } from '../store/access-log.js';
import { TamperedValueError, UnknownKeyError } from '../store/field-cipher.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { ReferralRepository } from '../store/referral-repository.js';

export interface OpenCaseFileDeps {
  referrals: ReferralRepository;
  members: MemberRepository;
  accessLog: AccessLog;
}

export type CaseFileAccess =
  | { kind: 'not_found' }
  | { kind: 'refused' }
  | { kind: 'archived' }
  | { kind: 'ask_reason' };

/**
 * Who may read a case's level 1: its people while it is open; once closed (intermediate archive, until its
 * elimination), the coordinators only.
 */
function mayRead(roles: readonly Role[], archived: boolean): 'yes' | 'no' | 'archived' {
  if (!canReadIdentity(roles)) return 'no';
  if (archived && !isCoordinator(roles)) return 'archived';
  return 'yes';
}

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
  const may = mayRead(roles, found.archived);
  if (may === 'yes') return { kind: 'ask_reason' };
  await deps.accessLog.record({
    referralId: found.id,
    userId: input.userId,
    at: input.now,
    reason: 'refused_before_reason',
    granted: false,
  });
  return may === 'archived' ? { kind: 'archived' } : { kind: 'refused' };
}

export type OpenCaseFileOutcome =
  | { kind: 'not_found' }
  | { kind: 'refused' }
  | { kind: 'archived' }
  | { kind: 'erased' }
  | { kind: 'unreadable'; reference: string }
  | { kind: 'granted'; summary: CaseSummary; identity: ReferralIdentity; facts: CaseFileFacts };

/** The level-1 read itself, with its reason: allowed as `mayRead` says, recorded either way. */
export async function openCaseFile(
  deps: OpenCaseFileDeps,
  input: { reference: string; userId: string; reason: AccessReason; now: Date },
): Promise<OpenCaseFileOutcome> {
  const found = await deps.referrals.findByReference(input.reference);
  if (!found) return { kind: 'not_found' };
  const { roles } = await deps.members.profile(input.userId);
  const may = mayRead(roles, found.archived);
  const granted = may === 'yes';
  await deps.accessLog.record({
    referralId: found.id,
    userId: input.userId,
    at: input.now,
    reason: input.reason,
    granted,
  });
  if (!granted) return may === 'archived' ? { kind: 'archived' } : { kind: 'refused' };
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
