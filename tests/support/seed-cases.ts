import { randomUUID } from 'node:crypto';
import { addHours } from 'date-fns';
import type { Axis } from '../../src/domain/axes.js';
import { AXES } from '../../src/domain/axes.js';
import {
  ATTENDANCES,
  apply,
  type CaseCommand,
  type CaseCommandType,
  type CaseEventData,
  type CaseState,
  CLOSURE_REASONS,
  CONSENT_CHANNELS,
  commandsByStep,
  type DecisionContext,
  EPS_DECISIONS,
  FUNDERS,
  initialCaseState,
  NO_FOLLOW_UP_REASONS,
  NOT_STARTED_REASONS,
  OBJECTIVE_RATINGS,
  prestationActionId,
  REFUSAL_REASONS,
  RESULTS,
  stepRejection,
} from '../../src/domain/pathway.js';
import { AGE_BANDS } from '../../src/domain/referral.js';
import type { PrismaClient } from '../../src/store/generated/client.js';

/** Synthetic cases with their events (level 2 only), written straight to the tables, for statistics tests. */
export interface SeededEvent {
  referralId: string;
  version: number;
  type: string;
  at: Date;
  /** The status before the event, as the app writes it (none for the referral itself). */
  fromStatus?: string;
  toStatus: string;
  details: Record<string, unknown>;
}

export interface SeededCase {
  id: string;
  referredAt: Date;
  axes: Axis[];
  ageBand: string;
  schoolStage: string;
  events: SeededEvent[];
  /** Still without identity at the end of its history. */
  preReferral: boolean;
  /** Level-2 facts of the intake the annual return counts. */
  sex: string;
  schoolId: string;
  neighbourhood: string;
  referrerInstitution: string;
  difficulties: string[];
}

/** Ids of the lists file (config/lists.json) the generated intakes draw from, 'autre' and 'non_renseigne' included. */
const SCHOOLS = [
  'mat-jean-mace',
  'elem-condorcet',
  'elem-victor-hugo',
  'col-jean-moulin',
  'col-diderot',
  'lyc-le-corbusier',
  'autre',
];
const NEIGHBOURHOODS = ['centre-ville', 'quatre-chemins', 'landy', 'maladrerie', 'hors-aubervilliers', 'non_renseigne'];
const INSTITUTIONS = [
  'en-ecole',
  'en-college',
  'ville-enfance',
  'cd-pmi',
  'pjj',
  'caf',
  'cmpp',
  'asso-afev',
  'pre',
  'autre',
];
const DIFFICULTIES: Record<Axis, string[]> = {
  schooling: ['retard-apprentissages', 'absenteisme'],
  parenting: ['isolement', 'conflits'],
  health: ['soins', 'sommeil-alimentation'],
};

/** A small deterministic generator: the same seed gives the same data on both databases. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STAGES = ['maternelle', 'elementaire', 'college', 'lycee', 'autre'];
/** One scope for every generated agreement, covering the operators of every generated orientation. */
const SCOPE = ['op:seed'];
const ACTIONS = ['clubs-lecture', 'mediation-familiale', 'ecoute-colleges', 'aide-aux-devoirs', 'parrainage-etudiant'];

export function generateCases(count: number, options: { seed: number; from: Date; to: Date }): SeededCase[] {
  const rand = prng(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)] as T;
  // The intake's facts come from a stream of their own: the pathways stay those of the same seed.
  const facts = prng(options.seed + 1);
  const draw = <T>(items: readonly T[]) => items[Math.floor(facts() * items.length)] as T;
  const span = options.to.getTime() - options.from.getTime();
  return Array.from({ length: count }, () => {
    const id = randomUUID();
    const referredAt = new Date(options.from.getTime() + Math.floor(rand() * span));
    const axes = AXES.filter(() => rand() < 0.45);
    if (axes.length === 0) axes.push(pick(AXES));
    // The case's history is a random walk through the pathway's own rules (`decide`, as a coordinator would act),
    // so that every kind of event appears — reopenings, withdrawals, evaluations, ends of orientations — with the
    // details and statuses the app itself records.
    const events: SeededEvent[] = [
      { referralId: id, version: 1, type: 'referred', at: referredAt, toStatus: 'referred', details: {} },
    ];
    // A quarter are situations à examiner (no identity until the family agrees and it is completed).
    const preReferral = rand() < 0.25;
    let state = initialCaseState({ preReferral });
    let at = referredAt;
    const steps = Math.floor(rand() * 14);
    for (let step = 0; step < steps; step += 1) {
      at = addHours(at, 6 + Math.floor(rand() * 24 * 12));
      // Commands offered at every step (an information préoccupante, closing, reopening) are drawn less often, so
      // that long pathways (orientations started and ended, bilans) happen too.
      const rare: CaseCommandType[] = ['record_information_preoccupante', 'close', 'reopen', 'change_referent'];
      const offered: CaseCommandType[] = seedCommands(state).filter((type) => !rare.includes(type) || rand() < 0.15);
      // The consent's answer is one button for two commands: given or refused. The EPS decides from its agenda.
      if (offered.includes('record_consent_given')) offered.push('record_consent_refused');
      if (state.status !== 'closed' && rand() < 0.3) offered.push('eps_decision');
      if (offered.length === 0) break;
      const command = commandOf(pick(offered), state, at, rand, pick);
      if (seedRejection(state, command)) continue;
      const event: CaseEventData = { ...command, actorId: SEED_ACTOR };
      const { actorId: _actor, type, ...details } = event;
      const fromStatus = state.status;
      state = apply(state, event);
      events.push({ referralId: id, version: state.version, type, at, fromStatus, toStatus: state.status, details });
    }
    return {
      id,
      referredAt,
      axes,
      ageBand: pick(AGE_BANDS),
      schoolStage: pick(STAGES),
      events,
      preReferral: Boolean(state.preReferral),
      sex: draw(['girl', 'boy', 'unspecified']),
      schoolId: draw(SCHOOLS),
      neighbourhood: draw(NEIGHBOURHOODS),
      referrerInstitution: draw(INSTITUTIONS),
      difficulties: axes.flatMap((axis) => DIFFICULTIES[axis].filter(() => facts() < 0.5)),
    };
  });
}

const SEED_ACTOR = 'USEED';
/** Whoever a seeded command names as référent is a team member, at work. */
const SEED_CTX: DecisionContext = { nominee: { roles: ['team'], away: false } };

/**
 * Years are drawn by the pathway's step rules as they stood before who-may-do-what was enforced on writes (issue 26):
 * a closed case only reopens, a change of référent within a parcours. The statistics must hold on such histories too
 * (cases recorded before the policy are in every database), and the disclosure tests keep reading the years they were
 * validated on. Who clicks is the policy's, tested on its own (tests/domain/policy.test.ts).
 */
function seedCommands(state: CaseState): CaseCommandType[] {
  return commandsByStep(state, SEED_CTX)
    .filter((type) => (state.status === 'closed' ? type === 'reopen' : type !== 'reopen'))
    .filter((type) => type !== 'change_referent' || state.parcours);
}

function seedRejection(state: CaseState, command: CaseCommand): boolean {
  if (command.type === 'reopen' ? state.status !== 'closed' : state.status === 'closed') return true;
  if (command.type === 'change_referent' && !state.parcours) return true;
  return stepRejection(state, command, SEED_CTX) !== undefined;
}

/** A command of `type` with plausible details, for the case as it stands. */
function commandOf(
  type: CaseCommandType,
  state: CaseState,
  at: Date,
  rand: () => number,
  pick: <T>(items: readonly T[]) => T,
): CaseCommand {
  const on = at.toISOString().slice(0, 10);
  const proposed = state.orientations.find((o) => o.status === 'proposed');
  const started = state.orientations.find((o) => o.status === 'started');
  switch (type) {
    case 'take':
      return { type };
    case 'request_consent':
      return { type, on, channel: pick(CONSENT_CHANNELS) };
    case 'record_consent_given':
      return {
        type,
        on,
        form: rand() < 0.8 ? 'written' : 'oral',
        representatives: [{ relationship: 'mother', parentalAuthority: true }],
        placedWithAse: false,
        noticeGiven: true,
        scope: SCOPE,
        hasFormReference: rand() < 0.5,
      };
    case 'complete_identity':
      return { type };
    case 'record_consent_refused':
      return { type, on, reason: pick(REFUSAL_REASONS) };
    case 'withdraw_consent':
      return { type, on };
    case 'orient': {
      const catalogue = [...new Set([pick(ACTIONS), ...(rand() < 0.3 ? [pick(ACTIONS)] : [])])];
      // Now and then a prestation individuelle, and a besoin non couvert on one or two axes.
      const prestation =
        rand() < 0.15
          ? { typeId: 'orthophonie', axis: 'health' as const, costCents: 12_000, funder: pick(FUNDERS) }
          : undefined;
      const actionIds = prestation ? [...catalogue, prestationActionId(prestation.typeId)] : catalogue;
      const uncoveredNeeds = rand() < 0.25 ? [...new Set([pick(AXES), pick(AXES)])] : undefined;
      return {
        type,
        on,
        actionIds,
        orientationIds: actionIds.map(() => randomUUID()),
        operators: SCOPE,
        ...(prestation ? { prestation } : {}),
        ...(uncoveredNeeds ? { uncoveredNeeds } : {}),
      };
    }
    case 'start_orientation':
      return { type, on, orientationId: proposed?.id ?? '', actionId: proposed?.actionId ?? '' };
    case 'orientation_not_started':
      return {
        type,
        on,
        orientationId: proposed?.id ?? '',
        actionId: proposed?.actionId ?? '',
        reason: pick(NOT_STARTED_REASONS),
      };
    case 'end_orientation':
      return {
        type,
        on,
        orientationId: started?.id ?? '',
        actionId: started?.actionId ?? '',
        result: pick(RESULTS),
        ...(rand() < 0.6 ? { attendance: pick(ATTENDANCES) } : {}),
      };
    case 'evaluate':
      return { type, on, caseResult: pick(RESULTS), orientationResults: {}, next: rand() < 0.4 ? 'close' : 'continue' };
    case 'close':
      return { type, on, reason: pick(CLOSURE_REASONS), hasNote: false };
    case 'merge_into':
      // Never drawn (a merge names another case): the generated years have no duplicates.
      return { type, on, into: 'PRE-2000-0001' };
    case 'reopen':
      return { type };
    case 'record_information_preoccupante':
      return { type, on, parentsInformed: rand() < 0.7 };
    case 'enter_parcours':
      return { type, on, referentUserId: 'USEED', nextReviewOn: on, exceptionReason: 'urgent' };
    case 'eps_decision': {
      const decision = pick(EPS_DECISIONS);
      return {
        type,
        on,
        // One decision per meeting: a case's first at meeting 1, later ones at meetings 101, 102… (not recorded in
        // the statistics' tests, which count meeting 1).
        meetingId: state.epsDecisions?.length ? String(100 + state.epsDecisions.length) : '1',
        decision,
        ...(decision === 'parcours' ? { referentUserId: 'USEED', nextReviewOn: on } : {}),
        ...(decision === 'relay' ? { relayTo: 'cmpp' } : {}),
        ...(decision === 'no_follow_up' ? { noFollowUpReason: pick(NO_FOLLOW_UP_REASONS) } : {}),
      };
    }
    case 'change_referent':
      return { type, referentUserId: 'USEED2' };
    case 'set_objectives':
      return { type, on, objectives: [{ id: randomUUID(), axis: pick(AXES), labelId: 'seed' }], nextReviewOn: on };
    case 'review': {
      const next = pick(['continue', 'adjust', 'exit'] as const);
      const ratings = Object.fromEntries(
        (state.parcours?.objectives ?? []).map((o) => [o.id, pick(OBJECTIVE_RATINGS)]),
      );
      return next === 'exit'
        ? { type, on, ratings, next, exitReason: pick(CLOSURE_REASONS), hasFamilyView: false }
        : { type, on, ratings, next, nextReviewOn: on, hasFamilyView: false };
    }
  }
}

export async function insertCases(prisma: PrismaClient, cases: SeededCase[], firstSequence = 0): Promise<void> {
  const year = 2026;
  const chunk = 1000;
  let sequence = firstSequence;
  for (let i = 0; i < cases.length; i += chunk) {
    const part = cases.slice(i, i + chunk);
    await prisma.referral.createMany({
      data: part.map((c) => {
        sequence += 1;
        const last = c.events[c.events.length - 1];
        return {
          id: c.id,
          reference: `PRE-${year}-${String(sequence).padStart(6, '0')}`,
          year,
          sequence,
          status: last?.toStatus ?? 'referred',
          version: c.events.length,
          sourceViewId: `seed-${c.id}`,
          referredAt: c.referredAt,
          referrerUserId: 'USEED',
          referrerInstitution: c.referrerInstitution,
          referrerRole: 'seed',
          ageBand: c.ageBand,
          sex: c.sex,
          schoolId: c.schoolId,
          schoolStage: c.schoolStage,
          classLevel: 'cm1',
          neighbourhood: c.neighbourhood,
          axes: c.axes,
          difficulties: c.difficulties,
          services: [],
          familyAgreement: c.events[0] && c.preReferral ? 'informed' : 'agreed_written',
          preReferral: c.preReferral,
          interpreterNeeded: false,
        };
      }),
    });
    await prisma.caseEvent.createMany({
      data: part.flatMap((c) =>
        c.events.map((e) => ({
          referralId: e.referralId,
          version: e.version,
          type: e.type,
          actorId: 'USEED',
          at: e.at,
          fromStatus: e.fromStatus ?? null,
          toStatus: e.toStatus,
          details: e.details as never,
        })),
      ),
    });
  }
}
