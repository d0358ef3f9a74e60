import { randomUUID } from 'node:crypto';
import type { CaseStatus } from '../domain/case-status.js';
import type { CaseSummary } from '../domain/case-summary.js';
import { JOURNAL_FIELD_PREFIX, type JournalEntryValues } from '../domain/journal.js';
import type { CaseEventData, CaseState } from '../domain/pathway.js';
import type { ClassLevel, CompletionField } from '../domain/referral.js';
import { type CaseListFilter, type CaseListPage, listOpenCases } from './case-list.js';
import { CaseVault, present } from './case-vault.js';
import { queryRows } from './direct-sql.js';
import { Prisma, type PrismaClient } from './generated/client.js';
import { IdentityMatch, type LikelyDuplicate } from './identity-match.js';
import { enqueue, enqueued, type OutboxEntry, outboxInsert } from './outbox.js';
import { pathwayOf, type SummaryRow, summaryOf } from './referral-repository.js';
import type { StoreKeys } from './wrapping-keys.js';

/** The columns a case's summary and pathway are made of, named as Prisma's row type names them. */
const SUMMARY_COLUMNS = Prisma.sql`reference, status, version, referred_at AS "referredAt", age_band AS "ageBand",
  school_stage AS "schoolStage", axes, pre_referral AS "preReferral", pathway, assignee_user_id AS "assigneeUserId",
  card_permalink AS "cardPermalink"`;
type LoadedRow = SummaryRow & {
  referrerUserId: string | null;
  referrerInstitution: string;
  closedAt: Date | null;
  listedForElimination: boolean;
};

export interface LoadedCase {
  id: string;
  summary: CaseSummary;
  state: CaseState;
  /** Unknown once the case is erased. */
  referrerUserId?: string;
  referrerInstitution: string;
  referredAt: Date;
  /** When it closed, and whether a bordereau d'élimination lists it (the intermediate archive is read from them). */
  closedAt: Date | null;
  listedForElimination: boolean;
  /** The columns as read: a step that changes nothing else is written in one statement from them (`commit`). */
  row: SummaryRow;
}

/** Free texts typed alongside a transition (closure note, refusal reason, form reference): level 1, sealed. */
/** Level-1 texts a step writes (encrypted with the case's key): notes, or the identity completed after agreement. */
export type CaseNotes = Partial<
  Record<
    | 'closureNote'
    | 'consentRefusalReason'
    | 'consentFormReference'
    | 'childView'
    | 'familyView'
    | `objectiveDetail${1 | 2 | 3 | 4}`
    /** An operator's comment at the end of an orientation (its id after the colon). */
    | `operatorComment:${string}`
    | CompletionField,
    string
  >
>;

export interface HistoryEntry {
  version: number;
  type: string;
  actorId: string;
  at: Date;
  fromStatus?: string;
  toStatus?: string;
  details: Record<string, unknown>;
}

/** Loads cases as the pathway rules see them and records what the rules decided. No rule is checked here. */
export class CaseRepository {
  private readonly match: IdentityMatch;
  private readonly vault: CaseVault;

  constructor(
    private readonly prisma: PrismaClient,
    keys: StoreKeys,
  ) {
    this.vault = new CaseVault(keys);
    this.match = new IdentityMatch(prisma, keys);
  }

  /** Read on every case click: one plain statement, its columns named as the row type names them. */
  /** Cases that look like the same child as this one (store/identity-match.ts): references only. */
  likelyDuplicates(referralId: string, now: Date): Promise<LikelyDuplicate[]> {
    return this.match.likelyDuplicates(referralId, now);
  }

  /** Two cases found alike kept apart (with a reason code), or siblings: recorded once, either way round. */
  async link(aId: string, bId: string, kind: 'distinct' | 'sibling', reason: string | undefined, by: string) {
    const [a, b] = aId < bId ? [aId, bId] : [bId, aId];
    await this.prisma.caseLink.upsert({
      where: { aId_bId_kind: { aId: a, bId: b, kind } },
      create: { aId: a, bId: b, kind, reason: reason ?? null, createdBy: by },
      update: {},
    });
  }

  /** What a case's file says of other cases: its siblings, and the referrals merged into it (references). */
  async linksOf(reference: string): Promise<{ siblings: string[]; merged: string[] }> {
    const rows = await queryRows<{ kind: string; reference: string }>(
      this.prisma,
      Prisma.sql`
      WITH me AS (SELECT id FROM referrals WHERE reference = ${reference})
      SELECT 'sibling' AS kind, r.reference FROM case_links l, me
        JOIN referrals r ON true
       WHERE l.kind = 'sibling' AND ((l.a_id = me.id AND r.id = l.b_id) OR (l.b_id = me.id AND r.id = l.a_id))
      UNION ALL
      SELECT 'merged' AS kind, r.reference FROM referrals r, me WHERE r.merged_into = me.id
      ORDER BY 2`,
    );
    return {
      siblings: rows.filter((r) => r.kind === 'sibling').map((r) => r.reference),
      merged: rows.filter((r) => r.kind === 'merged').map((r) => r.reference),
    };
  }

  /** Open cases for `/reperage dossiers`, filtered, a page at a time, with their counts (level 2). */
  listOpen(filter: CaseListFilter, page: number): Promise<CaseListPage> {
    return listOpenCases(this.prisma, filter, page);
  }

  async load(reference: string): Promise<LoadedCase | undefined> {
    const [row] = await queryRows<LoadedRow & { id: string }>(
      this.prisma,
      Prisma.sql`
      SELECT id, ${SUMMARY_COLUMNS}, referrer_user_id AS "referrerUserId",
             referrer_institution AS "referrerInstitution", closed_at AS "closedAt",
             elimination_batch_id IS NOT NULL AS "listedForElimination"
        FROM referrals WHERE reference = ${reference}`,
    );
    if (!row) return undefined;
    return {
      id: row.id,
      summary: summaryOf(row),
      state: pathwayOf(row),
      referrerUserId: row.referrerUserId ?? undefined,
      referrerInstitution: row.referrerInstitution,
      referredAt: row.referredAt,
      closedAt: row.closedAt,
      listedForElimination: row.listedForElimination,
      row,
    };
  }

  /**
   * Appends `event` if the case is still at `expectedVersion` (optimistic check: of two people acting at once,
   * exactly one gets through), updates the snapshot and the orientation projection, and queues the messages.
   * A step that writes no level-1 text and changes no orientation (taking a case, most of the pathway's buttons),
   * given the case as `load` read it, is one statement: its messages are drawn from the summary it will have.
   */
  async commit(input: {
    id: string;
    expectedVersion: number;
    /** The status at `expectedVersion` (the version check makes it the status being left). */
    fromStatus: CaseStatus;
    event: CaseEventData;
    next: CaseState;
    at: Date;
    notes?: CaseNotes;
    messages: (summary: CaseSummary) => OutboxEntry[];
    /** The case as `load` read it. */
    loaded?: Pick<LoadedCase, 'row' | 'state'>;
  }): Promise<{ ok: true; summary: CaseSummary } | { ok: false }> {
    const { next, event, loaded } = input;
    const plain =
      loaded !== undefined &&
      event.type !== 'complete_identity' &&
      present(input.notes ?? {}).length === 0 &&
      JSON.stringify(loaded.state.orientations) === JSON.stringify(next.orientations);
    if (plain) {
      const written = await this.commitInOneStatement(input, loaded.row);
      // Not written: the case moved on (or a column the summary shows changed meanwhile); the transaction says which.
      if (written) return written;
    }
    return this.prisma.$transaction(async (tx) => {
      // The snapshot and the event in one statement; the updated row gives the card its summary (no read after
      // the write).
      const [row] = await tx.$queryRaw<SummaryRow[]>`
        WITH ${this.snapshotAndEvent(input)}
        SELECT * FROM u`;
      if (!row) return { ok: false } as const;
      await this.project(tx, input.id, next);
      await this.vault.write(tx, input.id, input.notes ?? {}, input.at);
      // The identity completed after the agreement: its match keys (duplicates) in the same transaction.
      if (event.type === 'complete_identity') await this.match.save(tx, input.id, input.notes ?? {});
      const summary = summaryOf(row);
      await enqueue(tx, input.messages(summary));
      return { ok: true, summary } as const;
    });
  }

  /**
   * The snapshot, the event and the messages in one statement, straight to the pool: the summary is the row as read
   * with the step's columns, and the statement writes only if the case is still that row (its version, and the
   * columns the summary shows that the step does not set).
   */
  private async commitInOneStatement(
    input: Parameters<CaseRepository['commit']>[0],
    before: SummaryRow,
  ): Promise<{ ok: true; summary: CaseSummary } | undefined> {
    const { next } = input;
    const summary = summaryOf({
      ...before,
      status: next.status,
      version: next.version,
      // As the column gives it back (JSON: no undefined, no Date).
      pathway: JSON.parse(JSON.stringify(next)) as Prisma.JsonValue,
      assigneeUserId: next.assigneeUserId ?? null,
    });
    const messages = input.messages(summary);
    const unchanged = Prisma.sql`
      AND reference = ${before.reference} AND age_band = ${before.ageBand} AND school_stage = ${before.schoolStage}
      AND axes = ${before.axes}::text[] AND pre_referral = ${before.preReferral}
      AND referred_at = ${before.referredAt}
      AND card_permalink IS NOT DISTINCT FROM ${before.cardPermalink ?? null}`;
    const [row] = await queryRows<{ id: string }>(
      this.prisma,
      Prisma.sql`
        WITH ${this.snapshotAndEvent(input, unchanged)},
        o AS (${messages.length > 0 ? outboxInsert(messages, { when: Prisma.sql`EXISTS (SELECT 1 FROM u)` }) : Prisma.sql`SELECT 1`})
        SELECT id FROM u`,
    );
    if (!row) return undefined;
    enqueued(messages);
    return { ok: true, summary };
  }

  /**
   * `u`: the case's snapshot updated if it is at the expected version (and `guard` holds), returning the summary's
   * columns; `e`: the step's event. Any step is activity: a proposal for closure for inactivity no longer holds.
   */
  private snapshotAndEvent(
    input: Parameters<CaseRepository['commit']>[0],
    guard: Prisma.Sql = Prisma.empty,
  ): Prisma.Sql {
    const { next, event } = input;
    const { actorId, type, ...details } = event;
    const identity = event.type === 'complete_identity';
    return Prisma.sql`
      u AS (
        UPDATE referrals
           SET status = ${next.status}, version = ${next.version}, assignee_user_id = ${next.assigneeUserId ?? null},
               consent_status = ${next.consent}, pathway = ${JSON.stringify(next)}::jsonb,
               closure_reason = ${next.closureReason ?? null},
               merged_into = (SELECT m.id FROM referrals m WHERE m.reference = ${next.mergedInto ?? null}),
               closed_at = ${next.status === 'closed' ? input.at : null}::timestamptz,
               inactivity_proposed_at = NULL,
               pre_referral = CASE WHEN ${identity} THEN false ELSE pre_referral END,
               age_band = COALESCE(${identity ? (event.ageBand ?? null) : null}::text, age_band),
               updated_at = ${new Date()}
         WHERE id = ${input.id}::uuid AND version = ${input.expectedVersion} ${guard}
        RETURNING id, ${SUMMARY_COLUMNS}),
      e AS (
        INSERT INTO case_events (referral_id, version, type, actor_id, at, from_status, to_status, details)
        SELECT u.id, ${next.version}, ${type}, ${actorId}, ${input.at}, ${input.fromStatus}, ${next.status},
               ${JSON.stringify(details)}::jsonb
          FROM u)`;
  }

  /** The case an orientation belongs to (a liaison sheet's buttons carry the orientation's id). */
  async referenceOfOrientation(orientationId: string): Promise<string | undefined> {
    const row = await this.prisma.orientation.findUnique({
      where: { id: orientationId },
      select: { referral: { select: { reference: true } } },
    });
    return row?.referral.reference;
  }

  /** Queues a message outside any change (a card redraw, a reminder); its dedupe key makes it exist once. */
  async queue(entry: OutboxEntry): Promise<void> {
    await enqueue(this.prisma, [entry]);
  }

  /** Queues several messages together (all or none). */
  async queueAll(entries: readonly OutboxEntry[]): Promise<void> {
    await enqueue(this.prisma, entries);
  }

  async history(id: string): Promise<HistoryEntry[]> {
    const rows = await this.prisma.caseEvent.findMany({ where: { referralId: id }, orderBy: { version: 'asc' } });
    return rows.map((r) => ({
      version: r.version,
      type: r.type,
      actorId: r.actorId,
      at: r.at,
      fromStatus: r.fromStatus ?? undefined,
      toStatus: r.toStatus ?? undefined,
      details: (r.details ?? {}) as Record<string, unknown>,
    }));
  }

  /** Cases where `userId` is the assignee and that are not closed. */
  async assignedTo(userId: string): Promise<CaseSummary[]> {
    const rows = await this.prisma.referral.findMany({
      where: { assigneeUserId: userId, status: { not: 'closed' } },
      orderBy: { referredAt: 'asc' },
      take: 200,
    });
    return rows.map(summaryOf);
  }

  /**
   * An entry of the journal de suivi, sealed with the case's key under a field of its own (named by when it was
   * written: entries written at once never overwrite each other). Erased with the case's other level-1 values.
   * Its date (the value's `updatedAt`) counts as the case's activity (see Level1Store's inactivity).
   */
  async addJournalEntry(input: { referralId: string; entry: JournalEntryValues; at: Date }): Promise<void> {
    const field = `${JOURNAL_FIELD_PREFIX}${input.at.toISOString()}:${randomUUID().slice(0, 8)}`;
    await this.prisma.$transaction(async (tx) => {
      await this.vault.write(tx, input.referralId, { [field]: JSON.stringify(input.entry) }, input.at);
      // Writing in the journal is activity, like a step: a proposal for closure for inactivity no longer holds.
      await tx.referral.update({ where: { id: input.referralId }, data: { inactivityProposedAt: null } });
    });
  }

  /** Open cases whose référent is not among `workers` (people who hold a role that works on cases). */
  async withoutWorkingReferent(workers: readonly string[]): Promise<CaseSummary[]> {
    const rows = await this.prisma.referral.findMany({
      where: {
        status: { not: 'closed' },
        erasedAt: null,
        assigneeUserId: { not: null, notIn: [...workers] },
      },
      orderBy: { referredAt: 'asc' },
      take: 200,
    });
    return rows.map(summaryOf);
  }

  async referredBy(userId: string): Promise<{ summary: CaseSummary; classLevel?: ClassLevel }[]> {
    const rows = await this.prisma.referral.findMany({
      where: { referrerUserId: userId },
      orderBy: { referredAt: 'desc' },
      take: 50,
    });
    return rows.map((r) => ({
      summary: summaryOf(r),
      classLevel: (r.classLevel ?? undefined) as ClassLevel | undefined,
    }));
  }

  /** Open cases whose last change is older than `before`. */
  async idleSince(before: Date, assigneeUserId: string): Promise<CaseSummary[]> {
    const rows = await this.prisma.referral.findMany({
      where: { assigneeUserId, status: { not: 'closed' }, updatedAt: { lt: before } },
      orderBy: { updatedAt: 'asc' },
      take: 50,
    });
    return rows.map(summaryOf);
  }

  /** Open cases in a parcours individualisé, with their référent and next bilan day. */
  async parcoursUnderWay(): Promise<
    { id: string; summary: CaseSummary; referentUserId: string; nextReviewOn?: string; openObjectives: number }[]
  > {
    const ids = await queryRows<{ id: string }>(
      this.prisma,
      Prisma.sql`
      SELECT id::text AS id FROM referrals WHERE status <> 'closed' AND pathway -> 'parcours' IS NOT NULL`,
    );
    if (ids.length === 0) return [];
    const rows = await this.prisma.referral.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
    return rows.flatMap((r) => {
      const parcours = pathwayOf(r).parcours;
      if (!parcours) return [];
      return [
        {
          id: r.id,
          summary: summaryOf(r),
          referentUserId: parcours.referentUserId,
          nextReviewOn: parcours.nextReviewOn,
          openObjectives: parcours.objectives.filter((o) => o.rating !== 'achieved' && o.rating !== 'abandoned').length,
        },
      ];
    });
  }

  /** Situations nobody has examined yet, oldest first: the cellule's "À examiner". */
  async awaitingExamination(limit = 50): Promise<{ summary: CaseSummary; referredAt: Date }[]> {
    const rows = await this.prisma.referral.findMany({
      where: { status: 'referred', erasedAt: null },
      orderBy: { referredAt: 'asc' },
      take: limit,
    });
    return rows.map((r) => ({ summary: summaryOf(r), referredAt: r.referredAt }));
  }

  /** Open cases whose family refused: the examination is over, their closure is proposed. */
  async refusedStillOpen(limit = 50): Promise<CaseSummary[]> {
    const rows = await this.prisma.referral.findMany({
      where: { consentStatus: 'refused', status: { not: 'closed' } },
      orderBy: { updatedAt: 'asc' },
      take: limit,
    });
    return rows.map(summaryOf);
  }

  /** Open cases whose agreement in force is oral (to be confirmed in writing), with the day it was given. */
  async oralAgreements(): Promise<{ id: string; summary: CaseSummary; on: string }[]> {
    const rows = await this.prisma.referral.findMany({
      where: {
        consentStatus: 'given',
        status: { not: 'closed' },
        pathway: { path: ['agreement', 'form'], equals: 'oral' },
      },
    });
    return rows.map((r) => ({ id: r.id, summary: summaryOf(r), on: pathwayOf(r).agreement?.on ?? '' }));
  }

  /** Consent requests older than `before` still unanswered, with when they were asked (the latest request). */
  async consentsAwaiting(
    before?: Date,
  ): Promise<{ id: string; summary: CaseSummary; requestedAt: Date; requestedBy?: string }[]> {
    const rows = await this.prisma.referral.findMany({
      where: { consentStatus: 'requested', status: { not: 'closed' } },
      include: { events: { where: { type: 'request_consent' }, orderBy: { version: 'desc' }, take: 1 } },
    });
    return rows
      .map((r) => ({
        id: r.id,
        summary: summaryOf(r),
        requestedAt: r.events[0]?.at ?? r.updatedAt,
        requestedBy: r.events[0]?.actorId ?? r.referrerUserId ?? undefined,
      }))
      .filter((r) => !before || r.requestedAt < before);
  }

  private async project(tx: Prisma.TransactionClient, referralId: string, state: CaseState) {
    for (const o of state.orientations) {
      const data = {
        status: o.status,
        startedOn: o.startedAt ?? null,
        endedOn: o.endedAt ?? null,
        outcome: o.outcome ?? null,
      };
      const to = o.prestation
        ? {
            prestationType: o.prestation.typeId,
            prestationAxis: o.prestation.axis,
            costCents: o.prestation.costCents,
            funder: o.prestation.funder,
          }
        : { actionId: o.actionId, operatorKey: o.operator ?? null };
      const { count } = await tx.orientation.updateMany({ where: { id: o.id }, data });
      if (count > 0) continue;
      await tx.orientation.create({ data: { id: o.id, referralId, ...to, proposedOn: o.proposedAt, ...data } });
      // A new orientation to an operator gets its liaison sheet (posted through the outbox with the other messages).
      if (o.operator)
        await tx.liaisonSheet.create({ data: { orientationId: o.id, referralId, operatorKey: o.operator } });
    }
  }
}

export const newOrientationId = (): string => randomUUID();
