import type { CaseFileFacts, CaseSummary } from '../domain/case-summary.js';
import type { CaseState } from '../domain/pathway.js';
import { mayDo } from '../domain/policy.js';
import type { CaseFileNotes, ReferralIdentity } from '../domain/referral.js';
import type { AccessReason, FileAccess } from '../domain/roles.js';
import type { AccessLog } from '../store/access-log.js';
import type { CaseMembers } from '../store/case-members.js';
import { TamperedValueError, UnknownKeyError } from '../store/field-cipher.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { ReferralRepository } from '../store/referral-repository.js';
import { actorOnCase } from './case-access.js';

export interface OpenCaseFileDeps {
  referrals: ReferralRepository;
  members: MemberRepository;
  accessLog: AccessLog;
  caseMembers: CaseMembers;
  timeZone: string;
  /** Days a closed file stays with its people before the intermediate archive. */
  archiveDays: number;
}

export type CaseFileAccess =
  | { kind: 'not_found' }
  | { kind: 'refused' }
  | { kind: 'archived' }
  | { kind: 'not_on_case' }
  | { kind: 'ask_reason' };

/** May `userId` read this case's file now: the policy's `read_file`, with their roles and ties read fresh. */
export async function accessOf(
  deps: Pick<OpenCaseFileDeps, 'members' | 'caseMembers' | 'timeZone' | 'archiveDays'>,
  found: { id: string; summary: CaseSummary; closedAt: Date | null; listedForElimination: boolean },
  userId: string,
  now: Date,
): Promise<FileAccess> {
  const { summary } = found;
  const who = await actorOnCase(deps, { ...found, state: summary }, userId, now);
  const permission = mayDo('read_file', who, who.ties, who.phase);
  if (permission.ok) return 'granted';
  if (permission.reason === 'archived') return 'archived';
  return permission.reason === 'not_allowed' ? 'not_allowed' : 'not_on_case';
}

const refusal = (access: Exclude<FileAccess, 'granted'>) =>
  access === 'archived'
    ? ({ kind: 'archived' } as const)
    : access === 'not_on_case'
      ? ({ kind: 'not_on_case' } as const)
      : ({ kind: 'refused' } as const);

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
  const access = await accessOf(deps, found, input.userId, input.now);
  if (access === 'granted') return { kind: 'ask_reason' };
  await deps.accessLog.record({
    referralId: found.id,
    userId: input.userId,
    at: input.now,
    reason: 'refused_before_reason',
    granted: false,
  });
  return refusal(access);
}

export type OpenCaseFileOutcome =
  | { kind: 'not_found' }
  | { kind: 'refused' }
  | { kind: 'archived' }
  | { kind: 'not_on_case' }
  | { kind: 'erased' }
  | { kind: 'unreadable'; reference: string }
  | {
      kind: 'granted';
      summary: CaseSummary;
      /** The pathway as recorded (level 2): agreement, parcours, orientations, closure. */
      state: CaseState;
      identity: ReferralIdentity;
      notes: CaseFileNotes;
      facts: CaseFileFacts;
    };

/** The level-1 read itself, with its reason: allowed as `mayRead` says, recorded either way. */
export async function openCaseFile(
  deps: OpenCaseFileDeps,
  input: { reference: string; userId: string; reason: AccessReason; now: Date },
): Promise<OpenCaseFileOutcome> {
  const found = await deps.referrals.findByReference(input.reference);
  if (!found) return { kind: 'not_found' };
  const access = await accessOf(deps, found, input.userId, input.now);
  const granted = access === 'granted';
  await deps.accessLog.record({
    referralId: found.id,
    userId: input.userId,
    at: input.now,
    reason: input.reason,
    granted,
  });
  if (access !== 'granted') return refusal(access);
  if (found.erased) return { kind: 'erased' };
  try {
    const { identity, notes } = await deps.referrals.readFile(found.id);
    return { kind: 'granted', summary: found.summary, state: found.state, identity, notes, facts: found.facts };
  } catch (error) {
    if (error instanceof TamperedValueError || error instanceof UnknownKeyError) {
      return { kind: 'unreadable', reference: input.reference };
    }
    throw error;
  }
}
