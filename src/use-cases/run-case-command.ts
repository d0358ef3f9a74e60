import type { CaseSummary } from '../domain/case-summary.js';
import { localDay } from '../domain/dates.js';
import {
  type CaseCommand,
  type CaseEventData,
  type CaseState,
  decide,
  type Objective,
  type Orientation,
  type Rejection,
} from '../domain/pathway.js';
import { type ReferrerStep, referrerStepsOf } from '../domain/referrer-steps.js';
import type { Logger } from '../log.js';
import type { Absences } from '../store/absences.js';
import type { CaseMembers } from '../store/case-members.js';
import type { CaseNotes, CaseRepository } from '../store/case-repository.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { OperatorRepository } from '../store/operators.js';
import type { OutboxEntry, RenderedMessage } from '../store/outbox.js';

/** Catalogue titles by action id, for cards and thread lines. */
export type ActionTitles = ReadonlyMap<string, string>;

/** What a liaison sheet shows beyond the summary: the référent to call back and the parcours' objectives. */
export interface SheetContext {
  referentUserId?: string;
  objectives: readonly Objective[];
}

export interface CaseRender {
  card(summary: CaseSummary, titles: ActionTitles): RenderedMessage;
  liaisonSheet(
    summary: CaseSummary,
    orientation: Orientation,
    ctx: SheetContext,
    titles: ActionTitles,
  ): RenderedMessage;
  /** To the référent: a sheet waits because its operator has no channel yet. */
  sheetWaiting(summary: CaseSummary, orientation: Orientation, titles: ActionTitles): RenderedMessage;
  /** To the référent: the operator did not answer a sheet, even after a reminder. */
  sheetNoAnswer(summary: CaseSummary, orientation: Orientation, titles: ActionTitles): RenderedMessage;
  eventLine(summary: CaseSummary, event: CaseEventData, at: Date, titles: ActionTitles): RenderedMessage;
  referrerNews(summary: CaseSummary, step: Exclude<ReferrerStep, 'received'>): RenderedMessage;
  ipNotice(summary: CaseSummary, event: IpEvent): RenderedMessage;
}

export interface CaseCommandDeps {
  cases: CaseRepository;
  members: MemberRepository;
  caseMembers: Pick<CaseMembers, 'tiesOf'>;
  absences: Pick<Absences, 'isAway'>;
  logger: Pick<Logger, 'info'>;
  operators: Pick<OperatorRepository, 'operatorsOf' | 'channelOf'>;
  actionTitles(): Promise<ActionTitles>;
  caseRender: CaseRender;
  timeZone: string;
  /** Days a closed file stays with its people before the intermediate archive. */
  archiveDays: number;
}

export type CaseCommandOutcome =
  | { kind: 'not_found' }
  | { kind: 'stale'; summary: CaseSummary }
  | { kind: 'rejected'; reason: Rejection; summary: CaseSummary; limit?: string }
  | { kind: 'done'; summary: CaseSummary };

export type IpEvent = Extract<CaseEventData, { type: 'record_information_preoccupante' }>;
export type { ReferrerStep };

export function cardUpdate(id: string, summary: CaseSummary, render: CaseRender, titles: ActionTitles): OutboxEntry {
  // Once per version: a redraw asked twice for the same state is one message.
  return {
    dedupeKey: `card-update:${id}:${summary.version}`,
    kind: 'card_update',
    referralId: id,
    message: render.card(summary, titles),
  };
}

/** What the referrer learns back: the steps this change reached (domain/referrer-steps.ts), once each, by direct message. */
function referrerNews(
  found: { id: string; referrerUserId?: string; state: CaseState },
  event: CaseEventData,
  next: CaseState,
  summary: CaseSummary,
  render: CaseRender,
): OutboxEntry[] {
  const referrerUserId = found.referrerUserId;
  if (!referrerUserId) return [];
  return referrerStepsOf(found.state, event, next).map(
    (step): OutboxEntry => ({
      dedupeKey: `referrer:${found.id}:${step}`,
      kind: 'post',
      destination: { kind: 'user', userId: referrerUserId },
      message: render.referrerNews(summary, step as Exclude<ReferrerStep, 'received'>),
    }),
  );
}

/** Who a liaison sheet tells the operator to call back: the référent de parcours, or whoever examines the case. */
export const sheetContext = (state: CaseState): SheetContext => ({
  referentUserId: state.parcours?.referentUserId ?? state.assigneeUserId,
  objectives: state.parcours?.objectives ?? [],
});

/**
 * The liaison sheets a change concerns: a new orientation to an operator posts its sheet to the operator's channel
 * (exactly once: its dedupe key); an orientation whose state changed, or a new référent, redraws the sheet. When
 * the operator has no channel yet, the sheet waits in the outbox and the référent is told.
 */
export function sheetEntries(
  found: { id: string; state: CaseState },
  next: CaseState,
  summary: CaseSummary,
  render: CaseRender,
  titles: ActionTitles,
  withoutChannel: ReadonlySet<string>,
): OutboxEntry[] {
  const ctx = sheetContext(next);
  const referentChanged = sheetContext(found.state).referentUserId !== ctx.referentUserId;
  const entries: OutboxEntry[] = [];
  for (const o of next.orientations) {
    if (!o.operator) continue;
    const before = found.state.orientations.find((x) => x.id === o.id);
    if (!before) {
      entries.push({
        dedupeKey: `sheet:${o.id}`,
        kind: 'post',
        destination: { kind: 'operator', operator: o.operator },
        message: render.liaisonSheet(summary, o, ctx, titles),
        sheetOf: o.id,
      });
      if (withoutChannel.has(o.operator) && ctx.referentUserId)
        entries.push({
          dedupeKey: `sheet-waiting:${o.id}`,
          kind: 'post',
          destination: { kind: 'user', userId: ctx.referentUserId },
          message: render.sheetWaiting(summary, o, titles),
        });
    } else if (before.status !== o.status || (referentChanged && (o.status === 'proposed' || o.status === 'started')))
      entries.push({
        dedupeKey: `sheet-update:${o.id}:${summary.version}`,
        kind: 'sheet_update',
        orientationId: o.id,
        message: render.liaisonSheet(summary, o, ctx, titles),
      });
  }
  return entries;
}

/**
 * One entry point for every pathway change, whatever the surface (button, modal, job): load, check the card was
 * current, let the rules decide, then record the event with its card redraw and thread line in one transaction.
 */
export async function runCaseCommand(
  deps: CaseCommandDeps,
  input: {
    reference: string;
    expectedVersion: number;
    userId: string;
    command: CaseCommand;
    notes?: CaseNotes;
    now: Date;
    /** For an EPS decision: the person is recorded as present at the meeting, whose agenda holds the situation. */
    atMeeting?: boolean;
  },
): Promise<CaseCommandOutcome> {
  const found = await deps.cases.load(input.reference);
  if (!found) return { kind: 'not_found' };
  const titles = await deps.actionTitles();
  const stale = async (id: string, summary: CaseSummary): Promise<CaseCommandOutcome> => {
    await deps.cases.queue(cardUpdate(id, summary, deps.caseRender, titles));
    return { kind: 'stale', summary };
  };
  if (found.state.version !== input.expectedVersion) return stale(found.id, found.summary);
  const named = 'referentUserId' in input.command ? input.command.referentUserId : undefined;
  const today = localDay(input.now, deps.timeZone);
  const [{ roles }, operators, ties, nominee] = await Promise.all([
    deps.members.profile(input.userId),
    deps.operators.operatorsOf(input.userId),
    deps.caseMembers.tiesOf({
      referralId: found.id,
      userId: input.userId,
      assigneeUserId: found.state.assigneeUserId,
      today,
    }),
    named
      ? Promise.all([deps.members.profile(named), deps.absences.isAway(named, today)]).then(([p, away]) => ({
          roles: p.roles,
          away,
        }))
      : undefined,
  ]);
  const decision = decide(
    found.state,
    input.command,
    { userId: input.userId, roles, operators },
    {
      referredOn: localDay(found.referredAt, deps.timeZone),
      ties: { ...ties, referrerUserId: found.referrerUserId, atMeeting: input.atMeeting },
      nominee,
    },
  );
  if (!decision.ok) {
    // Refused writes are logged (level 2: a reference, a person's Slack id, what and why), for the coordinator.
    deps.logger.info(
      { reference: input.reference, userId: input.userId, command: input.command.type, reason: decision.reason },
      'policy: a change was refused',
    );
    return { kind: 'rejected', reason: decision.reason, summary: found.summary, limit: decision.limit };
  }
  // An information préoccupante is told to the coordinators at once (level 2: that it was sent, when).
  const coordinators =
    decision.event.type === 'record_information_preoccupante' ? await deps.members.coordinatorIds() : [];
  // New orientations to operators with no channel yet: their sheets wait, and the référent is told.
  const newOperators = [
    ...new Set(
      decision.next.orientations
        .filter((o) => o.operator && !found.state.orientations.some((x) => x.id === o.id))
        .map((o) => o.operator as string),
    ),
  ];
  const withoutChannel = new Set<string>();
  for (const key of newOperators) if (!(await deps.operators.channelOf(key))) withoutChannel.add(key);
  const committed = await deps.cases.commit({
    id: found.id,
    expectedVersion: input.expectedVersion,
    fromStatus: found.state.status,
    event: decision.event,
    next: decision.next,
    at: input.now,
    notes: input.notes,
    loaded: found,
    messages: (summary) => [
      cardUpdate(found.id, summary, deps.caseRender, titles),
      {
        dedupeKey: `thread:${found.id}:${summary.version}`,
        kind: 'thread_reply',
        referralId: found.id,
        message: deps.caseRender.eventLine(summary, decision.event, input.now, titles),
      },
      ...referrerNews(found, decision.event, decision.next, summary, deps.caseRender),
      ...sheetEntries(found, decision.next, summary, deps.caseRender, titles, withoutChannel),
      ...(decision.event.type === 'record_information_preoccupante'
        ? coordinators.map(
            (userId): OutboxEntry => ({
              dedupeKey: `ip:${found.id}:${summary.version}:${userId}`,
              kind: 'post',
              destination: { kind: 'user', userId },
              message: deps.caseRender.ipNotice(summary, decision.event as IpEvent),
            }),
          )
        : []),
    ],
  });
  if (committed.ok) return { kind: 'done', summary: committed.summary };
  const current = await deps.cases.load(input.reference);
  return stale(found.id, current?.summary ?? found.summary);
}
