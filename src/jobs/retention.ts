import { subDays } from 'date-fns/subDays';
import { subMonths } from 'date-fns/subMonths';
import type { RetentionConfig } from '../config.js';
import type { CaseSummary } from '../domain/case-summary.js';
import type { Logger } from '../log.js';
import type { EliminationBatch, EliminationBatches } from '../store/elimination-batches.js';
import type {
  ErasureCandidate,
  ErasureContext,
  ErasureReason,
  ErasureRule,
  KeyMaintenanceReport,
  Level1Store,
} from '../store/level1-store.js';
import type { OutboxEntry, RenderedMessage } from '../store/outbox.js';

export const SYSTEM_ACTOR = 'system:retention';

/** Cases on one bordereau at most: it stays a message a coordinator can read and forward. */
export const MAX_BATCH = 1000;

const REASON: Record<ErasureRule, ErasureReason> = {
  closed: 'retention_closed',
  refused: 'retention_refused',
  inactive: 'retention_inactive',
};

/** How the job's messages read: slack/views/archive-messages.ts draws them (`retentionRender`). */
export interface RetentionRender {
  inactivityProposal(summary: CaseSummary, lastActivity: Date, months: number): RenderedMessage;
  bordereau(batch: EliminationBatch): RenderedMessage;
  erased(batch: EliminationBatch, count: number): RenderedMessage;
}

export interface RetentionDeps {
  level1: Level1Store;
  /** How an erased case is redrawn in Slack and generalised (slack/views/archive-messages.ts `erasureContext`). */
  erasure: ErasureContext;
  render: RetentionRender;
  batches: EliminationBatches;
  /** Who receives proposals and bordereaux: the coordinators (configured and named in Slack). */
  coordinators(): Promise<string[]>;
  logger: Logger;
}

export interface RetentionReport {
  proposedForClosure: string[];
  /** Due for erasure; in visa mode, listed on `drafted`. */
  candidates: ErasureCandidate[];
  drafted?: EliminationBatch;
  erasedValues: number;
  erasedCases: number;
  /** The key hierarchy's upkeep after the erasures (not on a dry run). */
  keys?: KeyMaintenanceReport;
}

const toCoordinators = (coordinators: string[], key: string, message: RenderedMessage): OutboxEntry[] =>
  coordinators.map((userId) => ({
    dedupeKey: `${key}:${userId}`,
    kind: 'post',
    destination: { kind: 'user', userId },
    message,
  }));

/**
 * The charter's retention rules, run every hour by any instance (each step is idempotent):
 * 1. a case with no activity for `inactiveMonths` is proposed for closure to the coordinators (once);
 * 2. a case past its delay — closed `closedMonths` ago, refused or withdrawn `refusalDays` ago, or inactive for
 *    `inactiveMonths` + `closedMonths` after the proposal — is erased at once (`automatic`), or (`visa`, the default
 *    for a public body) listed on a bordereau d'élimination for the archives service's visa;
 * 3. the cases of a bordereau whose visa a coordinator recorded are erased (crypto-shredding, statistics kept);
 * 4. after an erasure, the living cases' keys move under a new wrapping key, and a wrapping key retired more than
 *    `backupDays` ago is destroyed: no copy of an erased case opens any more (store/wrapping-keys.ts).
 */
export async function runRetention(
  deps: RetentionDeps,
  input: { now: Date; retention: RetentionConfig; dryRun: boolean },
): Promise<RetentionReport> {
  const { now, retention } = input;
  const report: RetentionReport = { proposedForClosure: [], candidates: [], erasedValues: 0, erasedCases: 0 };
  const inactiveBefore = subMonths(now, retention.inactiveMonths);
  const coordinators = await deps.coordinators();
  const idle = await deps.level1.inactiveSince(inactiveBefore);
  for (const c of idle) {
    report.proposedForClosure.push(c.summary.reference);
    if (input.dryRun) continue;
    const message = deps.render.inactivityProposal(c.summary, c.lastActivity, retention.inactiveMonths);
    await deps.level1.markInactivityProposed(c.id, now, toCoordinators(coordinators, `inactive:${c.id}`, message));
  }

  const visa = retention.erasureMode === 'visa';
  const due = await deps.level1.dueForErasure({
    closedBefore: subMonths(now, retention.closedMonths),
    refusedBefore: subDays(now, retention.refusalDays),
    inactiveBefore: subMonths(inactiveBefore, retention.closedMonths),
  });
  report.candidates = visa ? due.filter((c) => !c.batched) : due;
  if (!input.dryRun) {
    await deps.level1.scrubErasedRows(deps.erasure);
    await deps.level1.clearSentTexts(now);
    if (visa) {
      const listed = report.candidates.slice(0, MAX_BATCH);
      report.drafted = await deps.batches.draft(listed, now, (batch) =>
        toCoordinators(coordinators, `bordereau:${batch.number}`, deps.render.bordereau(batch)),
      );
    } else {
      for (const c of report.candidates) await erase(deps, c.id, REASON[c.rule], now, report);
    }
    // A case reopened after it was listed is no longer due: it leaves the bordereau and is kept.
    const stillDue = new Map(due.map((c) => [c.id, c.rule]));
    for (const { batch, referralIds } of await deps.batches.awaitingErasure()) {
      const erased = referralIds.filter((id) => stillDue.has(id));
      await deps.batches.release(referralIds.filter((id) => !stillDue.has(id)));
      for (const id of erased) await erase(deps, id, REASON[stillDue.get(id) ?? 'closed'], now, report);
      await deps.batches.markErased(
        batch.id,
        now,
        toCoordinators(coordinators, `bordereau-erased:${batch.number}`, deps.render.erased(batch, erased.length)),
      );
    }
    report.keys = await deps.level1.maintainKeys(now, retention.backupDays);
    const { started, destroyed, keptInUse } = report.keys;
    if (started || destroyed.length > 0) deps.logger.info({ started, destroyed }, 'wrapping keys renewed');
    if (keptInUse.length > 0)
      deps.logger.warn(
        { keptInUse },
        'retired wrapping keys past the backups kept still wrap a case key that did not re-wrap: kept; run keys:rotate and read its report',
      );
  }
  if (report.proposedForClosure.length + report.candidates.length + report.erasedCases > 0) {
    deps.logger.info(
      {
        proposedForClosure: report.proposedForClosure.length,
        due: report.candidates.length,
        bordereau: report.drafted?.number,
        erasedCases: report.erasedCases,
        erasedValues: report.erasedValues,
        dryRun: input.dryRun,
      },
      'retention run',
    );
  }
  return report;
}

async function erase(
  deps: RetentionDeps,
  referralId: string,
  reason: ErasureReason,
  at: Date,
  report: RetentionReport,
) {
  report.erasedValues += await deps.level1.erase({
    referralId,
    reason,
    actorId: SYSTEM_ACTOR,
    at,
    context: deps.erasure,
  });
  report.erasedCases += 1;
}
