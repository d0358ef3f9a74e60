import { randomUUID } from 'node:crypto';
import { addHours } from 'date-fns';
import type { Axis } from '../../src/domain/axes.js';
import { AXES } from '../../src/domain/axes.js';
import { CLOSURE_REASONS } from '../../src/domain/pathway.js';
import { AGE_BANDS } from '../../src/domain/referral.js';
import type { PrismaClient } from '../../src/store/generated/client.js';

/** Synthetic cases with their events (level 2 only), written straight to the tables, for statistics tests. */
export interface SeededEvent {
  referralId: string;
  version: number;
  type: string;
  at: Date;
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
}

/** A small deterministic generator: the same seed gives the same data on both databases. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STAGES = ['maternelle', 'elementaire', 'college', 'lycee', 'autre'];
const ACTIONS = ['clubs-lecture', 'mediation-familiale', 'ecoute-colleges', 'aide-aux-devoirs', 'parrainage-etudiant'];

export function generateCases(count: number, options: { seed: number; from: Date; to: Date }): SeededCase[] {
  const rand = prng(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)] as T;
  const span = options.to.getTime() - options.from.getTime();
  return Array.from({ length: count }, () => {
    const id = randomUUID();
    const referredAt = new Date(options.from.getTime() + Math.floor(rand() * span));
    const axes = AXES.filter(() => rand() < 0.45);
    if (axes.length === 0) axes.push(pick(AXES));
    const events: SeededEvent[] = [];
    let at = referredAt;
    let version = 1;
    const add = (type: string, toStatus: string, details: Record<string, unknown> = {}) => {
      events.push({ referralId: id, version, type, at, toStatus, details });
      version += 1;
      at = addHours(at, 6 + Math.floor(rand() * 24 * 12));
    };
    add('referred', 'referred');
    if (rand() < 0.8) {
      add('take', 'in_analysis');
      if (rand() < 0.8) {
        add('request_consent', 'in_analysis', { channel: 'phone' });
        const answer = rand();
        if (answer < 0.65) {
          add('record_consent_given', 'in_analysis');
          if (rand() < 0.8) {
            const actionId = pick(ACTIONS);
            add('orient', 'oriented', { actionIds: [actionId] });
            if (rand() < 0.7) add('start_orientation', 'in_progress', { actionId });
          }
        } else if (answer < 0.8) add('record_consent_refused', 'in_analysis');
      }
      if (rand() < 0.3) add('close', 'closed', { reason: pick(CLOSURE_REASONS) });
    }
    return { id, referredAt, axes, ageBand: pick(AGE_BANDS), schoolStage: pick(STAGES), events };
  });
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
          referrerInstitution: 'en-ecole',
          referrerRole: 'seed',
          ageBand: c.ageBand,
          sex: 'unspecified',
          schoolId: 'autre',
          schoolStage: c.schoolStage,
          classLevel: 'cm1',
          neighbourhood: 'non_renseigne',
          axes: c.axes,
          difficulties: [],
          services: [],
          familyInformed: 'yes',
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
          toStatus: e.toStatus,
          details: e.details as never,
        })),
      ),
    });
  }
}
