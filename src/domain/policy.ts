import type { CaseCommandType, CaseState } from './pathway.js';
import type { Role } from './roles.js';

/**
 * Who may do what on which case, and only here (DOMAIN.md, "Need to know"; charter article 3; CASF L.121-6-2): the
 * actor's role × their relation to this case × the case's phase. Every command goes through `decide`, which asks
 * this table first; every read, form, list and button asks `permits`. Nothing else decides.
 */

/** Where a case stands, as the rules of access see it; each with what it means (the README's legend says it too). */
export const PHASE_MEANINGS = {
  pre_referral: 'A situation à examiner: the family has not agreed yet, no identity held.',
  consent: 'Examined, the family’s agreement not given yet.',
  eps: 'The family agreed; the EPS has not started a parcours (examination, orientations, relais).',
  parcours: 'A parcours individualisé under way.',
  withdrawn: 'The family withdrew (or refused) its agreement: only closure and a new request remain.',
  closed: 'Closed, its file still with the people who worked on it.',
  archived: 'In the intermediate archive: coordinators only, with a reason, logged.',
} as const;
export type Phase = keyof typeof PHASE_MEANINGS;
export const PHASES = Object.keys(PHASE_MEANINGS) as Phase[];

/** What a person may ask of a case besides the pathway's commands: its reads, its people and its journal. */
export const READ_MEANINGS = {
  read_file: 'The level-1 file ("Voir le dossier"), after a reason, logged.',
  read_history: 'The level-2 history (`/reperage dossier`), by weeks and roles.',
  read_history_exact: 'The history with its days and who did each step (the case’s people).',
  read_steps: 'The four steps a referrer is told of: received, examined, parcours started, closed.',
  read_sheet: 'An operator’s look at its liaison sheet’s shared fields.',
  add_person: 'Adding someone to the case’s people (need to know).',
  remove_person: 'Taking someone off them.',
  write_journal: 'Writing in the journal de suivi (level 1, sealed with the case’s key).',
} as const;
export type CaseRead = keyof typeof READ_MEANINGS;
export const CASE_READS = Object.keys(READ_MEANINGS) as CaseRead[];
export type CaseAction = CaseCommandType | CaseRead;

/** The actor's role, the strongest they hold (no role: anyone in the workspace, e.g. a referring teacher). */
export const ROLE_KINDS = ['coordinator', 'team', 'group', 'none'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/** Who did a step, as someone outside the case sees it: a role, never a person. */
export type ActorRole = RoleKind | 'referrer';

export function actorRoleOf(userId: string, roles: readonly Role[], referrerUserId: string | null): ActorRole {
  const kind = roleKindOf(roles);
  return kind === 'none' && userId === referrerUserId ? 'referrer' : kind;
}

/** The actor's relation to this case (the closest one), with what it means. */
export const RELATION_MEANINGS = {
  referent: 'The case’s référent (de parcours, or whoever took it for examination).',
  deputy: 'Covers the référent’s absence, until a date.',
  case_member: 'On the case’s people, added by the référent or a coordinator.',
  eps_member: 'Recorded as present at the EPS meeting whose agenda holds this situation.',
  operator: 'A referent of the operator of an orientation concerned.',
  referrer: 'Who referred the child.',
  none: 'None of these.',
} as const;
export type Relation = keyof typeof RELATION_MEANINGS;
export const RELATIONS = Object.keys(RELATION_MEANINGS) as Relation[];

/**
 * Who a rule names. A relation that gives access to level 1 counts only while the person holds the team role (or is
 * a coordinator): removing the role ends every such access at once, whatever lists the person is still on.
 */
type Holder = 'coordinator' | 'team' | 'referent' | 'deputy' | 'case_member' | 'eps_member' | 'operator' | 'referrer';

const OPEN: readonly Phase[] = ['pre_referral', 'consent', 'eps', 'parcours', 'withdrawn'];
const AGREED: readonly Phase[] = ['eps', 'parcours'];
const CASE_PEOPLE: readonly Holder[] = ['referent', 'deputy', 'case_member', 'coordinator'];

interface Rule {
  by: readonly Holder[];
  in: readonly Phase[];
}

/** The table. A withdrawal keeps closure, a new request and the transmission of an information préoccupante. */
export const POLICY: Readonly<Record<CaseAction, Rule>> = {
  take: { by: ['team', 'coordinator'], in: ['pre_referral', 'consent', 'eps'] },
  request_consent: { by: ['referent', 'coordinator'], in: ['pre_referral', 'consent', 'withdrawn'] },
  record_consent_given: { by: ['referent', 'coordinator'], in: ['pre_referral', 'consent', 'eps', 'parcours'] },
  record_consent_refused: { by: ['referent', 'coordinator'], in: ['pre_referral', 'consent'] },
  withdraw_consent: { by: ['referent', 'coordinator'], in: AGREED },
  complete_identity: { by: CASE_PEOPLE, in: AGREED },
  orient: { by: CASE_PEOPLE, in: AGREED },
  start_orientation: { by: [...CASE_PEOPLE, 'operator'], in: AGREED },
  end_orientation: { by: [...CASE_PEOPLE, 'operator'], in: AGREED },
  orientation_not_started: { by: [...CASE_PEOPLE, 'operator'], in: AGREED },
  evaluate: { by: CASE_PEOPLE, in: AGREED },
  close: { by: CASE_PEOPLE, in: OPEN },
  merge_into: { by: CASE_PEOPLE, in: OPEN },
  record_information_preoccupante: { by: CASE_PEOPLE, in: OPEN },
  eps_decision: { by: ['eps_member', 'coordinator'], in: OPEN },
  /** Outside an EPS decision, a parcours starts only as a coordinator's recorded exception. */
  enter_parcours: { by: ['coordinator'], in: ['eps'] },
  change_referent: { by: ['referent', 'coordinator'], in: ['pre_referral', 'consent', 'eps', 'parcours'] },
  set_objectives: { by: CASE_PEOPLE, in: ['parcours'] },
  review: { by: CASE_PEOPLE, in: ['parcours'] },
  reopen: { by: ['coordinator'], in: ['closed', 'archived'] },
  read_file: { by: CASE_PEOPLE, in: [...OPEN, 'closed'] },
  read_history: { by: ['team', 'coordinator'], in: [...OPEN, 'closed', 'archived'] },
  read_history_exact: { by: CASE_PEOPLE, in: [...OPEN, 'closed', 'archived'] },
  read_steps: { by: ['referrer'], in: [...OPEN, 'closed', 'archived'] },
  read_sheet: { by: ['operator'], in: AGREED },
  add_person: { by: ['referent', 'coordinator'], in: ['pre_referral', 'consent', 'eps', 'parcours'] },
  remove_person: { by: ['referent', 'coordinator'], in: [...OPEN, 'closed', 'archived'] },
  write_journal: { by: CASE_PEOPLE, in: [...OPEN, 'closed'] },
};

/** Coordinators read an archived file (intermediate archive) too, with a reason, logged. */
export const COORDINATOR_EVERYWHERE: readonly CaseAction[] = ['read_file'];

export type PolicyRefusal =
  | 'not_allowed'
  | 'not_on_case'
  | 'referent_only'
  | 'coordinator_only'
  | 'not_at_meeting'
  | 'closed'
  | 'archived'
  | 'consent_withdrawn'
  | 'consent_required'
  | 'parcours_required'
  | 'wrong_status';

export type Permission = { ok: true } | { ok: false; reason: PolicyRefusal };

/**
 * Whether a case is in the intermediate archive (DOMAIN.md): listed on a bordereau d'élimination, or closed for
 * `archiveDays` (its people keep reading their closed file until then; 0: at once).
 */
export function inIntermediateArchive(
  c: { status: string; closedAt?: Date | null; listedForElimination?: boolean },
  now: Date,
  archiveDays: number,
): boolean {
  if (c.listedForElimination) return true;
  if (c.status !== 'closed') return false;
  if (!c.closedAt) return true;
  return now.getTime() - c.closedAt.getTime() >= archiveDays * 86_400_000;
}

export function phaseOf(state: Pick<CaseState, 'status' | 'consent' | 'preReferral' | 'parcours'>, archived = false) {
  if (state.status === 'closed') return archived ? 'archived' : 'closed';
  if (state.consent === 'withdrawn' || state.consent === 'refused') return 'withdrawn';
  if (state.consent === 'given') return state.parcours ? 'parcours' : 'eps';
  return state.preReferral ? 'pre_referral' : 'consent';
}

export function roleKindOf(roles: readonly Role[]): RoleKind {
  if (roles.includes('coordinator')) return 'coordinator';
  if (roles.includes('team')) return 'team';
  if (roles.includes('group')) return 'group';
  return 'none';
}

function holdersOf(role: RoleKind, relation: Relation): Holder[] {
  const holders: Holder[] = [];
  const works = role === 'coordinator' || role === 'team';
  if (role === 'coordinator') holders.push('coordinator');
  if (works) holders.push('team');
  // Access through a relation to the case lasts while the role does.
  if (
    works &&
    (relation === 'referent' || relation === 'deputy' || relation === 'case_member' || relation === 'eps_member')
  )
    holders.push(relation);
  if (relation === 'operator' || relation === 'referrer') holders.push(relation);
  return holders;
}

function refusalFor(rule: Rule, role: RoleKind): PolicyRefusal {
  if (rule.by.length === 1 && rule.by[0] === 'coordinator') return 'coordinator_only';
  if (role !== 'coordinator' && role !== 'team') return 'not_allowed';
  if (rule.by.includes('eps_member')) return 'not_at_meeting';
  if (rule.by.every((h) => h === 'referent' || h === 'coordinator')) return 'referent_only';
  return rule.by.includes('team') ? 'not_allowed' : 'not_on_case';
}

function phaseRefusal(phase: Phase, rule: Rule): PolicyRefusal {
  if (phase === 'closed') return 'closed';
  if (phase === 'archived') return 'archived';
  if (phase === 'withdrawn') return 'consent_withdrawn';
  const agreed = rule.in.includes('eps') || rule.in.includes('parcours');
  if ((phase === 'pre_referral' || phase === 'consent') && agreed) return 'consent_required';
  if (phase === 'eps' && rule.in.includes('parcours')) return 'parcours_required';
  return 'wrong_status';
}

/** The table's answer on who alone, before a case is chosen (a meeting's decision form, a list of cases). */
export function holds(action: CaseAction, actor: { roles: readonly Role[] }, relation: Relation): boolean {
  const holders = holdersOf(roleKindOf(actor.roles), relation);
  return POLICY[action].by.some((h) => holders.includes(h));
}

/** The table's answer. Who comes first: someone without access learns nothing of the case's phase. */
export function permits(action: CaseAction, who: { role: RoleKind; relation: Relation }, phase: Phase): Permission {
  const rule = POLICY[action];
  const holders = holdersOf(who.role, who.relation);
  if (!rule.by.some((h) => holders.includes(h))) return { ok: false, reason: refusalFor(rule, who.role) };
  const everywhere = who.role === 'coordinator' && COORDINATOR_EVERYWHERE.includes(action);
  if (!everywhere && !rule.in.includes(phase)) return { ok: false, reason: phaseRefusal(phase, rule) };
  return { ok: true };
}

/** What is known of a person's ties to one case, from which their relation is read. */
export interface CaseTies {
  /** The case's référent (assignee). */
  assigneeUserId?: string;
  /** The person is on the case's people. */
  onCase?: boolean;
  /** The person covers the référent's absence today. */
  deputy?: boolean;
  /** The person is recorded as present at the EPS meeting concerned, and the situation is on its agenda. */
  atMeeting?: boolean;
  /** The person is a referent of the operator concerned. */
  operator?: boolean;
  referrerUserId?: string;
}

/** The closest relation first: a référent who also referred the child acts as référent. */
export function relationOf(userId: string, ties: CaseTies): Relation {
  if (userId && ties.assigneeUserId === userId) return 'referent';
  if (ties.deputy) return 'deputy';
  if (ties.onCase) return 'case_member';
  if (ties.atMeeting) return 'eps_member';
  if (ties.operator) return 'operator';
  if (userId && ties.referrerUserId === userId) return 'referrer';
  return 'none';
}

/** The whole question in one call: may `userId` with `roles` do `action` on a case with these ties, in this phase. */
export function mayDo(
  action: CaseAction,
  actor: { userId: string; roles: readonly Role[] },
  ties: CaseTies,
  phase: Phase,
): Permission {
  return permits(action, { role: roleKindOf(actor.roles), relation: relationOf(actor.userId, ties) }, phase);
}
