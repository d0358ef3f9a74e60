import type { KnownBlock, ModalView } from '@slack/types';
import { type AccessEntry, type AccessLine, summariseAccess } from '../../domain/access-summary.js';
import { frenchDateTime } from '../../domain/dates.js';
import { frCharter, frOperator, frPeople } from '../../i18n/fr.js';
import { actions, callbacks } from '../ids.js';
import { mrkdwn, plain } from './block-kit.js';

/** Lines per page of the access-log modal: ~100 characters each, well inside a section's 3,000. */
export const ACCESS_LOG_PAGE_SIZE = 25;

/** Why a file was read, in French: a team member's reason, or an operator's (`operator_<reason>`, its liaison sheet). */
export function accessReasonText(reason: string): string {
  const a = frCharter.access;
  if (reason in a.reasons) return a.reasons[reason as keyof typeof a.reasons];
  const operator = reason.startsWith('operator_') ? reason.slice('operator_'.length) : '';
  if (operator in frOperator.reasons)
    return a.operatorReason(frOperator.reasons[operator as keyof typeof frOperator.reasons]);
  return a.unknownReason;
}

function renderLine(timeZone: string) {
  const a = frCharter.access;
  const when = (d: Date) => frenchDateTime(d, timeZone);
  return (line: AccessLine) => {
    if (line.kind === 'refused')
      return line.count === 1
        ? `• ${when(line.last)} — <@${line.userId}> — ${a.refused}`
        : `• ${when(line.last)} — <@${line.userId}> — ${a.refusedMany(line.count, when(line.first), when(line.last))}`;
    const e = line.entry;
    return `• ${when(e.at)} — <@${e.userId}> — ${a.granted} — ${accessReasonText(e.reason)}`;
  };
}

/**
 * The answer to `/reperage acces`: what fits in one message (newest first, granted reads before refusals), and when
 * something did not fit, how much and a button that pages through all of it.
 */
export function accessLogMessage(
  reference: string,
  entries: readonly AccessEntry[],
  timeZone: string,
  people: readonly string[] = [],
) {
  const a = frCharter.access;
  const render = renderLine(timeZone);
  // Slack shows a message's first 4,000 characters: room for the header and the "omitted" line.
  const { lines, omitted } = summariseAccess(entries, render, 2800);
  const rows = lines.map(render);
  const more = omitted.granted + omitted.refused > 0;
  if (more) rows.push(a.omitted(omitted.granted, omitted.refused));
  const text = [a.logHeader(reference), ...(rows.length > 0 ? rows : [a.empty])].join('\n');
  const blocks: KnownBlock[] = [
    ...(people.length > 0
      ? [{ type: 'section' as const, text: mrkdwn([frPeople.header, ...people].join('\n').slice(0, 3000)) }]
      : []),
    { type: 'section', text: mrkdwn(text) },
  ];
  if (more)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: actions.accessLogPage,
          text: plain(a.seeAll),
          value: `${reference}#0`,
        },
      ],
    });
  return { text, blocks };
}

/** Every line of the log, folded the same way, one page at a time, with buttons to move between pages. */
export function accessLogModal(
  reference: string,
  entries: readonly AccessEntry[],
  page: number,
  timeZone: string,
): ModalView {
  const a = frCharter.access;
  const render = renderLine(timeZone);
  const { lines } = summariseAccess(entries, render, Number.POSITIVE_INFINITY);
  const pages = Math.max(1, Math.ceil(lines.length / ACCESS_LOG_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = lines.slice(current * ACCESS_LOG_PAGE_SIZE, (current + 1) * ACCESS_LOG_PAGE_SIZE).map(render);
  const nav = [
    ...(current > 0 ? [{ label: a.previousPage, page: current - 1 }] : []),
    ...(current < pages - 1 ? [{ label: a.nextPage, page: current + 1 }] : []),
  ];
  return {
    type: 'modal',
    callback_id: callbacks.accessLog,
    title: plain(a.logTitle),
    close: plain(a.close),
    private_metadata: reference,
    blocks: [
      { type: 'section', text: mrkdwn(a.logHeader(reference)) },
      { type: 'section', text: mrkdwn(shown.length > 0 ? shown.join('\n') : a.empty) },
      { type: 'context', elements: [mrkdwn(a.page(current + 1, pages, lines.length))] },
      ...(nav.length > 0
        ? [
            {
              type: 'actions' as const,
              elements: nav.map((n) => ({
                type: 'button' as const,
                action_id: `${actions.accessLogPage}_${n.page > current ? 'next' : 'previous'}`,
                text: plain(n.label),
                value: `${reference}#${n.page}`,
              })),
            },
          ]
        : []),
    ],
  };
}
