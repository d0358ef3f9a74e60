import type { KnownBlock, ModalView } from '@slack/types';
import type { CaseSummary } from '../../domain/case-summary.js';
import { frenchDate, frenchDay } from '../../domain/dates.js';
import { weekContaining } from '../../domain/iso-week.js';
import type { Lists } from '../../domain/lists.js';
import { frArchive } from '../../i18n/fr.js';
import type { RetentionRender } from '../../jobs/retention.js';
import type { EliminationBatch } from '../../store/elimination-batches.js';
import type { ErasureContext } from '../../store/level1-store.js';
import type { RenderedMessage } from '../../store/outbox.js';
import { actions, callbacks, VALUE_ACTION } from '../ids.js';
import { formModal, mrkdwn, plain, plainMessage } from './block-kit.js';

/** How an erased case's card and liaison sheets are redrawn, and where its child lived as statistics say it. */
export function erasureContext(lists: Pick<Lists, 'neighbourhoods'>): ErasureContext {
  const e = frArchive.erasedCase;
  return {
    redraw: (reference) => ({ card: plainMessage(e.card(reference)), sheet: plainMessage(e.sheet(reference)) }),
    qpvOf: new Map(lists.neighbourhoods.map((n) => [n.id, n.qpv])),
  };
}

/** Block ids of the visa modal. */
export const visaBlocks = { receivedOn: 'visa_received_on', reference: 'visa_reference' } as const;

/** References per section: ~40 characters a line, well inside a section's 3,000. */
const LINES_PER_SECTION = 60;

/** A direct message to a coordinator: this case has had no activity for `months`; close it? */
export function inactivityProposal(
  summary: CaseSummary,
  lastActivity: Date,
  months: number,
  timeZone: string,
): RenderedMessage {
  const a = frArchive.inactivity;
  const since = frenchDate(weekContaining(lastActivity, timeZone).start, timeZone);
  return {
    text: a.fallback(summary.reference),
    blocks: [
      { type: 'section', text: mrkdwn(a.text(summary.reference, since, months)) },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: actions.close,
            text: plain(a.close),
            value: `${summary.reference}@${summary.version}`,
          },
        ],
      },
    ],
  };
}

const monthOf = (yyyyMm: string) => {
  const [y, m] = yyyyMm.split('-');
  return `${m}/${y}`;
};

/** The bordereau d'élimination as a coordinator receives it: references, months, counts, and the visa button. */
export function bordereauMessage(batch: EliminationBatch, timeZone: string): RenderedMessage {
  const b = frArchive.bordereau;
  const counts = (['closed', 'refused', 'inactive'] as const)
    .map((rule) => [rule, batch.lines.filter((l) => l.rule === rule).length] as const)
    .filter(([, n]) => n > 0)
    .map(([rule, n]) => `${b.rule[rule]} : ${n}`)
    .join(' · ');
  const lines = batch.lines.map((l) => b.line(l.reference, b.rule[l.rule], monthOf(l.since)));
  const sections: KnownBlock[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_SECTION)
    sections.push({ type: 'section', text: mrkdwn(lines.slice(i, i + LINES_PER_SECTION).join('\n')) });
  return {
    text: b.fallback(batch.number, batch.lines.length),
    blocks: [
      { type: 'header', text: plain(b.header(batch.number)) },
      { type: 'section', text: mrkdwn(b.intro(batch.lines.length, counts)) },
      ...sections,
      { type: 'context', elements: [mrkdwn(b.drafted(frenchDate(batch.draftedAt, timeZone)))] },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: actions.recordVisa,
            text: plain(b.recordVisa),
            value: batch.number,
            style: 'primary',
          },
        ],
      },
    ],
  };
}

/** The coordinator records the archives service's visa: its date and reference. */
export function visaModal(batch: EliminationBatch, today: string): ModalView {
  const v = frArchive.visa;
  return formModal(
    callbacks.eliminationVisa,
    { title: v.title, submit: v.submit, close: v.cancel },
    [
      { type: 'section', text: mrkdwn(v.intro(batch.number, batch.lines.length)) },
      {
        type: 'input',
        block_id: visaBlocks.receivedOn,
        label: plain(v.receivedOn),
        element: { type: 'datepicker', action_id: VALUE_ACTION, initial_date: today },
      },
      {
        type: 'input',
        block_id: visaBlocks.reference,
        label: plain(v.reference),
        optional: true,
        hint: plain(v.referenceHint),
        element: { type: 'plain_text_input', action_id: VALUE_ACTION, max_length: 100 },
      },
    ],
    batch.number,
  );
}

export function erasedNotice(batch: EliminationBatch, count: number): RenderedMessage {
  const text = frArchive.erased(batch.number, frenchDay(batch.visaReceivedOn ?? ''), count);
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}

/** `/reperage archives`: the recent bordereaux and where each stands, with the visa button for those waiting. */
export function bordereauList(batches: readonly EliminationBatch[]): RenderedMessage {
  const l = frArchive.list;
  const lines = batches.map((b) =>
    l.line(b.number, b.lines.length, l.status(b.status, b.visaReceivedOn ? frenchDay(b.visaReceivedOn) : undefined)),
  );
  const text = [l.header, ...(lines.length > 0 ? lines : [l.empty])].join('\n');
  const waiting = batches.filter((b) => b.status === 'drafted').slice(0, 25);
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(text) },
      ...(waiting.length > 0
        ? [
            {
              type: 'actions',
              elements: waiting.map((b) => ({
                type: 'button',
                action_id: `${actions.recordVisa}_${b.number}`,
                text: plain(`${frArchive.bordereau.recordVisa} — ${b.number}`),
                value: b.number,
              })),
            },
          ]
        : []),
    ],
  };
}

/** The retention job's messages, in the programme's time zone. */
export const retentionRender = (timeZone: string): RetentionRender => ({
  inactivityProposal: (summary, lastActivity, months) => inactivityProposal(summary, lastActivity, months, timeZone),
  bordereau: (batch) => bordereauMessage(batch, timeZone),
  erased: erasedNotice,
});
