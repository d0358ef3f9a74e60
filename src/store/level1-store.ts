import { subDays } from 'date-fns/subDays';
import { mondayOfDay, schoolYearOf } from '../domain/dates.js';
import {
  ERASED_ACTOR,
  ERASED_SECTOR_PREFIX,
  erasedSectorOf,
  weekOnlyDetails,
  weekOnlyState,
} from '../domain/erasure.js';
import { weekContaining } from '../domain/iso-week.js';
import { JOURNAL_FIELD_PREFIX } from '../domain/journal.js';
import { fileNotesOf, IDENTITY_FIELDS } from '../domain/referral.js';
import { CaseVault } from './case-vault.js';
import { CASE_KEY_ID, open, TamperedValueError, UnknownKeyError } from './field-cipher.js';
import type { Prisma, PrismaClient } from './generated/client.js';
import { clearSentTexts, type ErasedRedraw, enqueue, forgetCase, type OutboxEntry, SENT_TEXT_DAYS } from './outbox.js';
import { pathwayOf, summaryOf } from './referral-repository.js';
import type { StoreKeys } from './wrapping-keys.js';

export interface RotationReport {
  /** Wrapping key files re-sealed under the newest key of the ring. */
  resealed: number;
  /** Case keys re-wrapped under the current wrapping key (those a ring key wrapped before wrapping keys). */
  rewrapped: number;
  /** Values written before case keys, moved under their case's key. */
  upgraded: number;
  /** Case keys already wrapped by the current wrapping key. */
  alreadyCurrent: number;
  tampered: number;
  unknownKey: number;
}

const EMPTY_ROTATION: RotationReport = {
  resealed: 0,
  rewrapped: 0,
  upgraded: 0,
  alreadyCurrent: 0,
  tampered: 0,
  unknownKey: 0,
};

export interface KeyMaintenanceReport {
  /** The wrapping key started because a case was erased since the previous one started. */
  started?: string;
  rewrapped: number;
  upgraded: number;
  /** Retired wrapping keys destroyed (past the backups' retention). */
  destroyed: string[];
  /** Retired keys past the backups' retention still wrapping a case key (one that failed to re-wrap): kept. */
  keptInUse: string[];
}

export type ErasureRule = 'closed' | 'refused' | 'inactive';

export interface ErasureCandidate {
  id: string;
  reference: string;
  rule: ErasureRule;
  /** The day the retention delay started from: closure, refusal, or the last activity of an inactive case. */
  since: Date;
  /** Already listed on a bordereau d'élimination. */
  batched: boolean;
}

/** What erasing needs from outside the store: how Slack shows an erased case, and which neighbourhoods are QPV. */
export interface ErasureContext {
  redraw: (reference: string) => ErasedRedraw;
  qpvOf: ReadonlyMap<string, string | null>;
}

export type ErasureReason = 'retention_closed' | 'retention_refused' | 'retention_inactive' | 'rgpd_request';

/**
 * Operations on level-1 data as a whole: key rotation, retention, the family's rights. Each is recorded in
 * data_operations with counts only, never values.
 */
export class Level1Store {
  private readonly vault: CaseVault;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly keys: StoreKeys,
    private readonly timeZone = 'Europe/Paris',
  ) {
    this.vault = new CaseVault(keys);
  }

  /**
   * Ring rotation: re-seals every wrapping key file under the newest key of the ring (case keys and values are not
   * re-encrypted), re-wraps the case keys a ring key wrapped before wrapping keys existed, and moves values written
   * before case keys under their case's key. Resumable: stopped half-way, a second run continues. A value or key
   * that fails authentication is counted and left as it is.
   */
  async rotate(actorId: string, at: Date, batchSize = 200): Promise<RotationReport> {
    const report: RotationReport = { ...EMPTY_ROTATION, resealed: this.keys.wrapping.reseal() };
    report.alreadyCurrent = await this.prisma.caseKey.count({ where: { kekId: this.keys.wrapping.current.id } });
    const { rewrapped, failed } = await this.vault.rewrap(this.prisma, at, batchSize);
    report.rewrapped = rewrapped;
    report.tampered += failed;
    await this.upgradeLegacyValues(at, report);
    await this.record(this.prisma, {
      kind: 'key_rotation',
      actorId,
      at,
      details: { ...report, keyId: this.keys.ring.current.id },
    });
    return report;
  }

  /**
   * The key hierarchy's upkeep, after the retention run's erasures: once a case has been erased since the current
   * wrapping key started, a new one starts and every living case key is re-wrapped under it (the old key is
   * retired); case keys still wrapped by a ring key are re-wrapped too, and older values moved under their case's
   * key. A key retired more than `backupDays` ago is destroyed, unless a case key still needs it (one that failed to
   * re-wrap): from then on, no copy of what it wrapped opens — the database's old pages and log, dumps, backups.
   */
  async maintainKeys(at: Date, backupDays: number, batchSize = 200): Promise<KeyMaintenanceReport> {
    // What other instances did since this one last looked (a key started, retired or destroyed).
    const wrapping = this.keys.wrapping.reload();
    const report: KeyMaintenanceReport = { rewrapped: 0, upgraded: 0, destroyed: [], keptInUse: [] };
    const erasedCases = await this.prisma.referral.count({ where: { erasedAt: { not: null } } });
    if (erasedCases > wrapping.currentInfo().erasedCases) report.started = wrapping.rotate(at, erasedCases).id;
    const counts: RotationReport = { ...EMPTY_ROTATION };
    const { rewrapped, failed } = await this.vault.rewrap(this.prisma, at, batchSize);
    report.rewrapped = rewrapped;
    counts.tampered += failed;
    await this.upgradeLegacyValues(at, counts);
    report.upgraded = counts.upgraded;
    for (const id of wrapping.expired(subDays(at, backupDays))) {
      if ((await this.prisma.caseKey.count({ where: { kekId: id } })) > 0) {
        report.keptInUse.push(id);
        continue;
      }
      wrapping.destroy(id);
      report.destroyed.push(id);
    }
    if (report.started || report.destroyed.length > 0 || report.rewrapped + report.upgraded > 0)
      await this.record(this.prisma, {
        kind: 'key_maintenance',
        actorId: 'system:retention',
        at,
        details: { ...report, failed: counts.tampered + counts.unknownKey },
      });
    return report;
  }

  /** Moves values sealed directly under a ring key (before case keys) under their case's key. */
  private async upgradeLegacyValues(at: Date, report: RotationReport): Promise<void> {
    const legacy = await this.prisma.sensitiveValue.findMany({
      where: { keyId: { not: CASE_KEY_ID } },
      distinct: ['referralId'],
      select: { referralId: true },
    });
    for (const { referralId } of legacy) {
      await this.prisma.$transaction(async (tx) => {
        const rows = await tx.sensitiveValue.findMany({ where: { referralId, keyId: { not: CASE_KEY_ID } } });
        const values: Record<string, string> = {};
        for (const row of rows) {
          try {
            values[row.field] = open(this.keys.ring, referralId, row.field, row);
          } catch (error) {
            if (error instanceof TamperedValueError) report.tampered += 1;
            else if (error instanceof UnknownKeyError) report.unknownKey += 1;
            else throw error;
          }
        }
        await this.vault.write(tx, referralId, values, at);
        report.upgraded += Object.keys(values).length;
      });
    }
  }

  /**
   * Cases whose level-1 data is due for erasure (retention rules of the charter): closed before `closedBefore`;
   * refused or withdrawn before `refusedBefore`; proposed for closure as inactive, with no activity since
   * `inactiveBefore` (inactivity + the closed-case delay). Selected by what a case still holds, not by whether it
   * was erased once: a text written after an erasure goes at the next run.
   */
  async dueForErasure(input: {
    closedBefore: Date;
    refusedBefore: Date;
    inactiveBefore: Date;
  }): Promise<ErasureCandidate[]> {
    const holds = {
      OR: [{ sensitiveValues: { some: {} } }, { caseKey: { isNot: null } }],
    } satisfies Prisma.ReferralWhereInput;
    const closed = await this.prisma.referral.findMany({
      where: { ...holds, status: 'closed', closedAt: { lt: input.closedBefore } },
      select: { id: true, reference: true, closedAt: true, eliminationBatchId: true },
      orderBy: { closedAt: 'asc' },
    });
    const refused = await this.prisma.referral.findMany({
      where: {
        ...holds,
        consentStatus: { in: ['refused', 'withdrawn'] },
        events: {
          some: { type: { in: ['record_consent_refused', 'withdraw_consent'] }, at: { lt: input.refusedBefore } },
        },
      },
      select: {
        id: true,
        reference: true,
        eliminationBatchId: true,
        events: { select: { at: true }, orderBy: { version: 'desc' }, take: 1 },
      },
    });
    const inactive = await this.prisma.referral.findMany({
      where: {
        ...holds,
        status: { not: 'closed' },
        inactivityProposedAt: { not: null },
        ...noActivitySince(input.inactiveBefore),
      },
      select: {
        id: true,
        reference: true,
        eliminationBatchId: true,
        events: { select: { at: true }, orderBy: { version: 'desc' }, take: 1 },
        sensitiveValues: LATEST_JOURNAL_ENTRY,
      },
    });
    const out = new Map<string, ErasureCandidate>();
    for (const c of closed)
      out.set(c.id, {
        id: c.id,
        reference: c.reference,
        rule: 'closed',
        since: c.closedAt ?? new Date(0),
        batched: c.eliminationBatchId !== null,
      });
    for (const [rule, rows] of [
      ['refused', refused],
      ['inactive', inactive],
    ] as const)
      for (const r of rows)
        if (!out.has(r.id))
          out.set(r.id, {
            id: r.id,
            reference: r.reference,
            rule,
            since: lastActivityOf(r, new Date(0)),
            batched: r.eliminationBatchId !== null,
          });
    return [...out.values()];
  }

  /**
   * Erases a case: its level-1 values and its data key go (crypto-shredding), and the row keeps statistics only —
   * age band, school stage, axes, difficulties, week of referral, status history by week. The referrer's id and job
   * title, the exact school and class, the services involved, the référent go; sex is counted in
   * statistics_tallies (the State's annual return counts it) and leaves the row; days become their week's Monday;
   * the access log is reduced to counts in the erasure record.
   */
  async erase(input: {
    referralId: string;
    reason: ErasureReason;
    actorId: string;
    at: Date;
    context: ErasureContext;
  }): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const values = await this.vault.shred(tx, input.referralId);
      const scrubbed = await this.scrub(tx, input.referralId, input.context);
      await this.record(tx, {
        kind: 'erasure',
        referralId: input.referralId,
        actorId: input.actorId,
        at: input.at,
        details: { reason: input.reason, values, ...scrubbed },
      });
      await tx.referral.update({ where: { id: input.referralId }, data: { erasedAt: input.at } });
      return values;
    });
  }

  /** Open, unerased cases with no event since `before` and not yet proposed for closure, oldest activity first. */
  async inactiveSince(before: Date, limit = 200) {
    const rows = await this.prisma.referral.findMany({
      where: {
        status: { not: 'closed' },
        erasedAt: null,
        inactivityProposedAt: null,
        ...noActivitySince(before),
      },
      include: {
        events: { select: { at: true }, orderBy: { version: 'desc' }, take: 1 },
        sensitiveValues: LATEST_JOURNAL_ENTRY,
      },
      orderBy: { updatedAt: 'asc' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, summary: summaryOf(r), lastActivity: lastActivityOf(r, r.referredAt) }));
  }

  /** Records that a case was proposed for closure, with the messages that say so, once. */
  async markInactivityProposed(id: string, at: Date, messages: OutboxEntry[]): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const marked = await tx.referral.updateMany({
        where: { id, inactivityProposedAt: null },
        data: { inactivityProposedAt: at },
      });
      if (marked.count === 1) await enqueue(tx, messages);
      return marked.count === 1;
    });
  }

  /** Sent messages' texts older than SENT_TEXT_DAYS days at `now`, cleared (see outbox.ts). */
  async clearSentTexts(now: Date): Promise<number> {
    return clearSentTexts(this.prisma, subDays(now, SENT_TEXT_DAYS));
  }

  /** Cases erased before erasure kept statistics only: brought to the same state (idempotent). */
  async scrubErasedRows(context: ErasureContext): Promise<number> {
    const rows = await this.prisma.referral.findMany({
      where: {
        erasedAt: { not: null },
        OR: [
          { referrerUserId: { not: null } },
          { sex: { not: null } },
          { schoolId: { not: null } },
          { classLevel: { not: null } },
          { interpreterNeeded: true },
          { NOT: { neighbourhood: { startsWith: ERASED_SECTOR_PREFIX } } },
        ],
      },
      select: { id: true },
    });
    for (const row of rows) await this.prisma.$transaction((tx) => this.scrub(tx, row.id, context));
    return rows.length;
  }

  private async scrub(tx: Prisma.TransactionClient, referralId: string, context: ErasureContext) {
    const row = await tx.referral.findUniqueOrThrow({ where: { id: referralId } });
    // A referral merged into another case counts nowhere (counted_referrals): nor in the tallies that replace it.
    if (row.sex && !row.mergedInto) {
      const key = {
        schoolYear: schoolYearOf(row.referredAt, this.timeZone),
        measure: 'referrals_by_sex',
        value: row.sex,
      };
      await tx.statisticsTally.upsert({
        where: { schoolYear_measure_value: key },
        create: { ...key, count: 1 },
        update: { count: { increment: 1 } },
      });
    }
    const monday = (at: Date) => weekContaining(at, this.timeZone).start;
    await tx.referral.update({
      where: { id: referralId },
      data: {
        referrerUserId: null,
        referrerRole: null,
        sex: null,
        schoolId: null,
        classLevel: null,
        services: [],
        assigneeUserId: null,
        neighbourhood: erasedSectorOf(row.neighbourhood, context.qpvOf),
        interpreterNeeded: false,
        referredAt: monday(row.referredAt),
        closedAt: row.closedAt ? monday(row.closedAt) : null,
        pathway: weekOnlyState(pathwayOf(row)) as unknown as Prisma.InputJsonValue,
      },
    });
    const events = await tx.caseEvent.findMany({
      where: { referralId },
      select: { id: true, at: true, details: true },
    });
    for (const e of events)
      await tx.caseEvent.update({
        where: { id: e.id },
        data: {
          at: monday(e.at),
          actorId: ERASED_ACTOR,
          details: weekOnlyDetails(e.details) as Prisma.InputJsonValue,
        },
      });
    const orientations = await tx.orientation.findMany({ where: { referralId } });
    for (const o of orientations)
      await tx.orientation.update({
        where: { id: o.id },
        data: {
          proposedOn: mondayOfDay(o.proposedOn),
          startedOn: o.startedOn ? mondayOfDay(o.startedOn) : null,
          endedOn: o.endedOn ? mondayOfDay(o.endedOn) : null,
        },
      });
    // Who was on the case, who added them and when: no statistic needs it.
    await tx.caseMember.deleteMany({ where: { referralId } });
    // The referrer's profile (institution, job title) is kept to prefill their next referral; with no other case
    // and no role, it says only that they referred this child: it goes.
    if (row.referrerUserId) {
      const others = await tx.referral.count({
        where: { referrerUserId: row.referrerUserId, erasedAt: null, id: { not: referralId } },
      });
      if (others === 0)
        await tx.member.deleteMany({ where: { slackUserId: row.referrerUserId, roles: { isEmpty: true } } });
    }
    const outbox = await forgetCase(
      tx,
      referralId,
      orientations.map((o) => o.id),
      context.redraw(row.reference),
    );
    const reads = await tx.accessLog.groupBy({ by: ['granted'], where: { referralId }, _count: { _all: true } });
    await tx.accessLog.deleteMany({ where: { referralId } });
    const count = (granted: boolean) => reads.find((r) => r.granted === granted)?._count._all ?? 0;
    return {
      accessGranted: count(true),
      accessRefused: count(false),
      outboxCleared: outbox.cleared + outbox.cancelled,
    };
  }

  /**
   * Everything held about one child and family, decrypted, for their access request (RGPD art. 15). It is about them,
   * not about the staff: Slack ids of the people who acted are replaced by their role (`roleOf`).
   */
  async export(
    referralId: string,
    actorId: string,
    at: Date,
    roleOf: (userId: string) => Promise<string>,
  ): Promise<Record<string, unknown>> {
    const referral = await this.prisma.referral.findUniqueOrThrow({
      where: { id: referralId },
      include: {
        events: { orderBy: { version: 'asc' } },
        accessLogs: { orderBy: { at: 'asc' } },
        orientations: { include: { action: true } },
        sensitiveValues: true,
      },
    });
    const { sensitiveValues, events, accessLogs, orientations, referrerUserId, assigneeUserId, ...facts } = referral;
    const { values: level1 } = await this.vault.readEach(this.prisma, referralId);
    const unreadable = sensitiveValues.map((v) => v.field).filter((field) => !(field in level1));
    await this.record(this.prisma, {
      kind: 'export',
      referralId,
      actorId,
      at,
      details: { fields: Object.keys(level1) },
    });
    const roles = new Map<string, string>();
    const role = async (userId: string | null) => {
      if (!userId) return null;
      if (!roles.has(userId)) roles.set(userId, await roleOf(userId));
      return roles.get(userId) ?? null;
    };
    // The journal de suivi, as the family reads it: day, kind, text, and who wrote it as a role, never a Slack id.
    const { journal } = fileNotesOf(level1);
    const nominativeData = Object.fromEntries(
      Object.entries(level1).filter(([field]) => !field.startsWith(JOURNAL_FIELD_PREFIX)),
    );
    // Staff appear as roles everywhere else too: inside the pathway (référent, who received the agreement, …), the
    // history's details and the orientations, wherever a Slack user id or a mention sits.
    const rolesFor = async (value: unknown): Promise<unknown> => {
      if (typeof value === 'string') {
        if (SLACK_USER_ID.test(value)) return role(value);
        let text = value;
        for (const [mention, id] of value.matchAll(MENTION)) text = text.replace(mention, (await role(id ?? '')) ?? '');
        return text;
      }
      if (Array.isArray(value)) return Promise.all(value.map(rolesFor));
      if (value && typeof value === 'object' && !(value instanceof Date)) {
        const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await rolesFor(v)] as const));
        return Object.fromEntries(entries);
      }
      return value;
    };
    return {
      exportedAt: at.toISOString(),
      case: await rolesFor({ ...facts, referrer: await role(referrerUserId), assignee: await role(assigneeUserId) }),
      nominativeData,
      journal: await Promise.all(
        journal.map(async ({ authorId, ...entry }) => ({ ...entry, author: await role(authorId) })),
      ),
      unreadableFields: unreadable,
      orientations: await rolesFor(
        orientations.map(({ action, ...o }) => ({
          ...o,
          ...(action ? { action: action.title, operator: action.operator } : {}),
        })),
      ),
      history: await Promise.all(
        events.map(async ({ actorId: who, ...e }) => rolesFor({ ...e, id: String(e.id), actor: await role(who) })),
      ),
      accessLog: await Promise.all(
        accessLogs.map(async ({ userId, ...a }) => ({ ...a, id: String(a.id), who: await role(userId) })),
      ),
      knownFields: IDENTITY_FIELDS,
    };
  }

  private async record(
    tx: Prisma.TransactionClient | PrismaClient,
    op: { kind: string; referralId?: string; actorId: string; at: Date; details: Record<string, unknown> },
  ) {
    await tx.dataOperation.create({ data: { ...op, details: op.details as Prisma.InputJsonValue } });
  }
}

/** A Slack user id as the app stores it, and a mention of one in a text. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const MENTION = /<@([UW][A-Z0-9]{2,})>/g;

/**
 * A case's activity: its steps (events) and the entries of its journal de suivi (a référent who follows a child
 * writes there every month without any step). A case with either since `since` is not inactive.
 */
function noActivitySince(since: Date) {
  return {
    events: { none: { at: { gte: since } } },
    sensitiveValues: { none: { field: { startsWith: JOURNAL_FIELD_PREFIX }, updatedAt: { gte: since } } },
  } satisfies Prisma.ReferralWhereInput;
}

/** The newest journal entry's date (no value read: the date only). */
const LATEST_JOURNAL_ENTRY = {
  where: { field: { startsWith: JOURNAL_FIELD_PREFIX } },
  select: { updatedAt: true },
  orderBy: { updatedAt: 'desc' },
  take: 1,
} satisfies Prisma.Referral$sensitiveValuesArgs;

function lastActivityOf(r: { events: { at: Date }[]; sensitiveValues?: { updatedAt: Date }[] }, otherwise: Date): Date {
  const times = [r.events[0]?.at, r.sensitiveValues?.[0]?.updatedAt].filter((t): t is Date => t !== undefined);
  return times.length > 0 ? new Date(Math.max(...times.map((t) => t.getTime()))) : otherwise;
}
