import type { Axis } from './axes.js';
import type { CaseStatus } from './case-status.js';
import type { SchoolStage } from './lists.js';
import type { CaseCommandType, ConsentStatus, OrientationStatus } from './pathway.js';
import type { AgeBand, ClassLevel, FamilyInformed, Service } from './referral.js';

declare const level2: unique symbol;

/**
 * Charter level 2: what any member of the signatory institutions may read, and the only shape the builders of
 * channel messages, threads, App Home and receipts accept. It can only be made by `toCaseSummary`, which copies
 * named fields one by one, so a level-1 value cannot ride along.
 */
export type CaseSummary = Readonly<{
  reference: string;
  status: CaseStatus;
  version: number;
  referredAt: Date;
  ageBand: AgeBand;
  classLevel: ClassLevel;
  schoolStage: SchoolStage;
  neighbourhood: string;
  axes: readonly Axis[];
  services: readonly Service[];
  familyInformed: FamilyInformed;
  referrerInstitution: string;
  referrerUserId: string;
  assigneeUserId?: string;
  consent: ConsentStatus;
  orientations: readonly Readonly<{ actionId: string; status: OrientationStatus }>[];
  /** What the pathway allows next (for the card's buttons), as decided by domain/pathway.ts. */
  offered: readonly CaseCommandType[];
}> & { readonly [level2]: true };

export type CaseSummarySource = Omit<CaseSummary, typeof level2>;

export function toCaseSummary(source: CaseSummarySource): CaseSummary {
  const summary = {
    reference: source.reference,
    status: source.status,
    version: source.version,
    referredAt: source.referredAt,
    ageBand: source.ageBand,
    classLevel: source.classLevel,
    schoolStage: source.schoolStage,
    neighbourhood: source.neighbourhood,
    axes: [...source.axes],
    services: [...source.services],
    familyInformed: source.familyInformed,
    referrerInstitution: source.referrerInstitution,
    referrerUserId: source.referrerUserId,
    assigneeUserId: source.assigneeUserId,
    consent: source.consent,
    orientations: source.orientations.map((o) => ({ actionId: o.actionId, status: o.status })),
    offered: [...source.offered],
  };
  return Object.freeze(summary) as unknown as CaseSummary;
}
