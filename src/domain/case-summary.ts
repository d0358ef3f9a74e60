import type { Axis } from './axes.js';
import type { CaseStatus } from './case-status.js';
import { type IsoWeek, weekContaining } from './iso-week.js';
import type { SchoolStage } from './lists.js';
import type { CaseCommandType, ConsentStatus, OrientationStatus } from './pathway.js';
import type { AgeBand, ClassLevel, FamilyAgreement, Service } from './referral.js';

declare const level2: unique symbol;

/**
 * The week a child was referred, never the day (charter level 2: "semaine du repérage", not the exact date). The
 * instant is private: a view can only ask for the week it falls in.
 */
export class ReferralWeek {
  readonly #at: Date;
  constructor(at: Date) {
    this.#at = new Date(at.getTime());
  }
  in(timeZone: string): IsoWeek {
    return weekContaining(this.#at, timeZone);
  }
  toJSON(): string {
    return 'ReferralWeek';
  }
}

/**
 * Charter level 2: what any member of the signatory institutions may read, and the only shape the builders of
 * channel messages, threads, App Home and receipts accept: reference, status, age band, school stage, axes, week of
 * referral, the pathway. Facts too precise for a channel (exact class, neighbourhood, services involved, the
 * referrer's institution, the exact date) are not in it: they are in `CaseFileFacts`, which only the logged file
 * read returns. It can only be made by `toCaseSummary`, which copies named fields one by one, so nothing else can
 * ride along.
 */
export type CaseSummary = Readonly<{
  reference: string;
  status: CaseStatus;
  version: number;
  referredWeek: ReferralWeek;
  ageBand: AgeBand;
  schoolStage: SchoolStage;
  axes: readonly Axis[];
  /** A situation à examiner: no identity is held until the family agrees and the référent completes it. */
  preReferral: boolean;
  assigneeUserId?: string;
  consent: ConsentStatus;
  /** The agreement in force is the one the referrer received: the team has still to complete it. */
  agreementToComplete?: boolean;
  orientations: readonly Readonly<{ actionId: string; status: OrientationStatus }>[];
  /** What the pathway allows next (for the card's buttons), as decided by domain/pathway.ts. */
  offered: readonly CaseCommandType[];
  /** The card in the cellule's channel (a Slack permalink), once posted: the lists link to it. */
  cardLink?: string;
}> & { readonly [level2]: true };

export type CaseSummarySource = Omit<CaseSummary, typeof level2>;

export function toCaseSummary(source: CaseSummarySource): CaseSummary {
  const summary = {
    reference: source.reference,
    status: source.status,
    version: source.version,
    referredWeek: source.referredWeek,
    ageBand: source.ageBand,
    schoolStage: source.schoolStage,
    axes: [...source.axes],
    preReferral: source.preReferral,
    assigneeUserId: source.assigneeUserId,
    consent: source.consent,
    ...(source.agreementToComplete ? { agreementToComplete: true } : {}),
    orientations: source.orientations.map((o) => ({ actionId: o.actionId, status: o.status })),
    offered: [...source.offered],
    ...(source.cardLink ? { cardLink: source.cardLink } : {}),
  };
  return Object.freeze(summary) as unknown as CaseSummary;
}

/** The facts of a case shown only inside its file modal, after a reason is given and the read is logged. */
export interface CaseFileFacts {
  referredAt: Date;
  schoolId: string;
  classLevel: ClassLevel;
  neighbourhood: string;
  services: readonly Service[];
  familyAgreement: FamilyAgreement;
  referrerInstitution: string;
}
