import type { KnownBlock } from '@slack/types';
import type { CaseSummary } from '../../domain/case-summary.js';
import { frenchDate } from '../../domain/dates.js';
import { fr } from '../../i18n/fr.js';
import type { RenderedMessage } from '../../store/outbox.js';
import { actions } from '../ids.js';
import { escapeMrkdwn, mrkdwn, plain } from './block-kit.js';
import type { ListLabels } from './labels.js';

/**
 * Channel and direct messages about a case. They accept only a CaseSummary (charter level 2): a level-1 value
 * has no way in, whatever a caller passes.
 */
export interface MessageContext {
  labels: ListLabels;
  timeZone: string;
}

function factFields(summary: CaseSummary, ctx: MessageContext) {
  const c = fr.card;
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : c.none);
  return [
    mrkdwn(`*${c.ageBand}*\n${fr.ageBand[summary.ageBand]}`),
    mrkdwn(`*${c.classLevel}*\n${fr.classLevel[summary.classLevel]}`),
    mrkdwn(`*${c.neighbourhood}*\n${escapeMrkdwn(ctx.labels.neighbourhood(summary.neighbourhood))}`),
    mrkdwn(`*${c.axes}*\n${list(summary.axes.map((a) => fr.axis[a]))}`),
    mrkdwn(`*${c.services}*\n${list(summary.services.map((s) => fr.service[s]))}`),
    mrkdwn(`*${c.familyInformed}*\n${fr.familyInformed[summary.familyInformed]}`),
    mrkdwn(`*${c.institution}*\n${escapeMrkdwn(ctx.labels.institution(summary.referrerInstitution))}`),
    mrkdwn(`*${c.date}*\n${frenchDate(summary.referredAt, ctx.timeZone)}`),
  ];
}

/** The card in the cellule de veille channel. Its buttons carry the reference and the version they were drawn at. */
export function celluleCard(summary: CaseSummary, ctx: MessageContext): RenderedMessage {
  const c = fr.card;
  const buttonValue = `${summary.reference}@${summary.version}`;
  const statusLine = [`*${c.status}* : ${fr.status[summary.status]}`];
  if (summary.assigneeUserId) statusLine.push(`*${c.assignee}* : <@${summary.assigneeUserId}>`);
  const buttons: KnownBlock = {
    type: 'actions',
    block_id: 'case_actions',
    elements: [
      ...(summary.status === 'referred' && !summary.assigneeUserId
        ? [
            {
              type: 'button' as const,
              action_id: actions.takeCase,
              text: plain(c.take),
              style: 'primary' as const,
              value: buttonValue,
            },
          ]
        : []),
      { type: 'button', action_id: actions.viewFile, text: plain(c.view), value: summary.reference },
    ],
  };
  return {
    text: c.fallback(summary.reference),
    blocks: [
      { type: 'header', text: plain(c.header(summary.reference)) },
      { type: 'section', fields: factFields(summary, ctx) },
      { type: 'context', elements: [mrkdwn(statusLine.join('   '))] },
      buttons,
    ],
  };
}

/** The referrer's receipt, by direct message. */
export function referralReceipt(summary: CaseSummary, ctx: MessageContext): RenderedMessage {
  const r = fr.receipt;
  return {
    text: r.fallback(summary.reference),
    blocks: [
      { type: 'section', text: mrkdwn(r.body(summary.reference)) },
      { type: 'section', text: mrkdwn(r.next) },
      { type: 'context', elements: [mrkdwn(`*${r.recap}*`)] },
      { type: 'section', fields: factFields(summary, ctx) },
    ],
  };
}

/** A level-2 line in the card's thread: what happened, who, when. */
export function threadLine(summary: CaseSummary, line: string): RenderedMessage {
  return { text: `${summary.reference} — ${line}`, blocks: [{ type: 'section', text: mrkdwn(line) }] };
}
