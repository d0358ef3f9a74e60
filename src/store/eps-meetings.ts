import { z } from 'zod';
import { localDay } from '../domain/dates.js';
import type { Prisma, PrismaClient } from './generated/client.js';
import { enqueue, type OutboxEntry } from './outbox.js';
import { pathwayOf } from './referral-repository.js';

/** Why a situation is on an EPS agenda. */
export const AGENDA_REASONS = ['to_examine', 'review_due', 'agreement_awaited', 'closure_proposed'] as const;
export type AgendaReason = (typeof AGENDA_REASONS)[number];

/** One situation of an agenda: level 2 only (a reference and why). */
export interface AgendaItem {
  reference: string;
  reason: AgendaReason;
}

export interface EpsMeeting {
  id: string;
  heldOn: string;
  institutions: string[];
  /** The members recorded as present: with the coordinators, those who record its decisions. */
  attendees: string[];
  agenda: AgendaItem[];
  place?: string;
  /** Level 2: the situations by their reference, no child named. */
  minutes?: string;
  minutesBy?: string;
  cancelledAt?: Date;
  cancelledBy?: string;
}

/** What a meeting's form changes: the day (while it has no decision), where, who was there, the minutes. */
export interface MeetingEdit {
  heldOn: string;
  place?: string;
  institutions: string[];
  attendees: string[];
  minutes?: string;
  by: string;
}

/** The agenda's post, and the updates that redraw it in its lane (after it, in order). */
export const agendaPostKey = (meetingId: string) => `eps-agenda:${meetingId}`;
export const agendaLane = (meetingId: string) => `eps:${meetingId}`;

/** An agenda stays a message people read through in a meeting. */
const MAX_ITEMS = 40;

function toMeeting(row: Prisma.EpsMeetingGetPayload<object>): EpsMeeting {
  return {
    id: String(row.id),
    heldOn: row.heldOn,
    institutions: row.institutions,
    attendees: row.attendees,
    agenda: ((row.agenda as { items?: AgendaItem[] }).items ?? []).slice(0, MAX_ITEMS),
    ...(row.place ? { place: row.place } : {}),
    ...(row.minutes ? { minutes: row.minutes } : {}),
    ...(row.minutesBy ? { minutesBy: row.minutesBy } : {}),
    ...(row.cancelledAt ? { cancelledAt: row.cancelledAt } : {}),
    ...(row.cancelledBy ? { cancelledBy: row.cancelledBy } : {}),
  };
}

/**
 * Meetings of the équipe pluridisciplinaire de soutien. The agenda is drawn from the cases when the meeting is
 * scheduled: situations awaiting examination, bilans due by the meeting's day, agreements awaited, closures proposed.
 */
export class EpsMeetings {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly timeZone = 'Europe/Paris',
  ) {}

  async agendaFor(heldOn: string): Promise<AgendaItem[]> {
    const open = await this.prisma.referral.findMany({
      where: { status: { not: 'closed' }, erasedAt: null },
      orderBy: { referredAt: 'asc' },
      take: 2000,
    });
    const items: AgendaItem[] = [];
    for (const row of open) {
      // A situation referred after the meeting cannot be examined at it.
      if (localDay(row.referredAt, this.timeZone) > heldOn) continue;
      const state = pathwayOf(row);
      const reason: AgendaReason | undefined =
        state.consent === 'refused' || row.inactivityProposedAt
          ? 'closure_proposed'
          : state.parcours?.nextReviewOn && state.parcours.nextReviewOn <= heldOn
            ? 'review_due'
            : state.consent === 'requested'
              ? 'agreement_awaited'
              : !state.parcours && (row.status === 'referred' || row.status === 'in_analysis')
                ? 'to_examine'
                : undefined;
      if (reason) items.push({ reference: row.reference, reason });
    }
    const rank = (r: AgendaReason) => AGENDA_REASONS.indexOf(r);
    return items.sort((a, b) => rank(a.reason) - rank(b.reason)).slice(0, MAX_ITEMS);
  }

  /** Records the meeting with its agenda and the message that posts it, in one transaction. */
  async schedule(
    input: { heldOn: string; place?: string; institutions: string[]; attendees: string[]; createdBy: string },
    message: (meeting: EpsMeeting) => OutboxEntry[],
  ): Promise<EpsMeeting> {
    const agenda = await this.agendaFor(input.heldOn);
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.epsMeeting.create({
        data: { ...input, agenda: { items: agenda } as unknown as Prisma.InputJsonValue },
      });
      const meeting = toMeeting(row);
      await enqueue(tx, message(meeting));
      return meeting;
    });
  }

  /**
   * Changes a meeting and redraws its agenda, in one transaction. A new day draws the agenda again; a meeting with
   * decisions keeps its day (they are dated on it), and a cancelled one changes no more: both refused, unchanged.
   */
  async edit(
    id: string,
    edit: MeetingEdit,
    message: (meeting: EpsMeeting) => OutboxEntry[],
  ): Promise<{ meeting: EpsMeeting } | { refused: 'cancelled' | 'decided' | 'not_found' }> {
    const before = await this.changeable(id, (m) => edit.heldOn !== m.heldOn);
    if ('refused' in before) return before;
    const newDay = edit.heldOn !== before.heldOn;
    const agenda = newDay ? await this.agendaFor(edit.heldOn) : before.agenda;
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.epsMeeting.update({
        where: { id: BigInt(id) },
        data: {
          heldOn: edit.heldOn,
          place: edit.place ?? null,
          institutions: edit.institutions,
          attendees: edit.attendees,
          agenda: { items: agenda } as unknown as Prisma.InputJsonValue,
          ...(edit.minutes !== (before.minutes ?? undefined)
            ? { minutes: edit.minutes ?? null, minutesBy: edit.minutes ? edit.by : null }
            : {}),
        },
      });
      const meeting = toMeeting(row);
      await enqueue(tx, message(meeting));
      return { meeting };
    });
  }

  /** Cancels a meeting without decisions (kept, with who and when), and redraws its agenda as cancelled. */
  async cancel(
    id: string,
    by: string,
    at: Date,
    message: (meeting: EpsMeeting) => OutboxEntry[],
  ): Promise<{ meeting: EpsMeeting } | { refused: 'cancelled' | 'decided' | 'not_found' }> {
    const before = await this.changeable(id, () => true);
    if ('refused' in before) return before;
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.epsMeeting.update({ where: { id: BigInt(id) }, data: { cancelledAt: at, cancelledBy: by } });
      const meeting = toMeeting(row);
      await enqueue(tx, message(meeting));
      return { meeting };
    });
  }

  /** A meeting that may still change: found, not cancelled, and without decisions when the change needs none. */
  private async changeable(
    id: string,
    needsNoDecision: (meeting: EpsMeeting) => boolean,
  ): Promise<EpsMeeting | { refused: 'cancelled' | 'decided' | 'not_found' }> {
    const meeting = await this.find(id);
    if (!meeting) return { refused: 'not_found' };
    if (meeting.cancelledAt) return { refused: 'cancelled' };
    if (needsNoDecision(meeting) && (await this.decided(id)).size > 0) return { refused: 'decided' };
    return meeting;
  }

  /** The situations this meeting already decided on (their references): one decision each. */
  async decided(meetingId: string): Promise<Set<string>> {
    const rows = await this.prisma.$queryRaw<{ reference: string }[]>`
      SELECT r.reference FROM case_events e JOIN referrals r ON r.id = e.referral_id
       WHERE e.type = 'eps_decision' AND e.details->>'meetingId' = ${meetingId}`;
    return new Set(rows.map((r) => r.reference));
  }

  async find(id: string): Promise<EpsMeeting | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const row = await this.prisma.epsMeeting.findUnique({ where: { id: BigInt(id) } });
    return row ? toMeeting(row) : undefined;
  }

  /**
   * For the annual return: meetings held, situations examined, decisions by kind, over [from, to] (yyyy-MM-dd).
   * Counted in the database: the decisions of every year are many, and the year's are found through the meetings.
   */
  async counts(from: string, to: string) {
    const [row] = await this.prisma.$queryRaw<{ meetings: bigint; situations: bigint; decisions: unknown }[]>`
      WITH held AS (
        SELECT id::text AS id FROM eps_meetings WHERE held_on >= ${from} AND held_on <= ${to} AND cancelled_at IS NULL),
      decided AS (
        SELECT referral_id, details->>'decision' AS kind FROM case_events
         WHERE type = 'eps_decision' AND details->>'meetingId' IN (SELECT id FROM held)
           AND details->>'decision' IS NOT NULL)
      SELECT (SELECT count(*) FROM held) AS meetings,
             (SELECT count(DISTINCT referral_id) FROM decided) AS situations,
             (SELECT COALESCE(jsonb_object_agg(kind, n), '{}') FROM (SELECT kind, count(*) AS n FROM decided GROUP BY 1) k)
               AS decisions`;
    const decisions = z.record(z.string(), z.number()).parse(row?.decisions ?? {});
    return { meetings: Number(row?.meetings ?? 0), situationsExamined: Number(row?.situations ?? 0), decisions };
  }
}
