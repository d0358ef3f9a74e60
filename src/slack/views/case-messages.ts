import type { CaseSummary } from '../../domain/case-summary.js';
import { frenchDate, frenchDay, mondayOfDay } from '../../domain/dates.js';
import type { Lists } from '../../domain/lists.js';
import type { CaseEventData } from '../../domain/pathway.js';
import type { FamilyAgreement } from '../../domain/referral.js';
import { fr, frCase } from '../../i18n/fr.js';
import type { RenderedMessage } from '../../store/outbox.js';
import type { IpEvent, ReferrerStep } from '../../use-cases/run-case-command.js';
import { actions, CASE_FORM_COMMANDS, CASE_MODAL_KINDS } from '../ids.js';
import { escapeMrkdwn, linkTarget, mrkdwn, plain, plainMessage } from './block-kit.js';
import type { ListLabels } from './labels.js';

/**
 * Channel and direct messages about a case. They accept only a CaseSummary (charter level 2): a level-1 value
 * has no way in, whatever a caller passes.
 */
export interface MessageContext {
  labels: ListLabels;
  timeZone: string;
  actionTitles?: ReadonlyMap<string, string>;
  /** The lists' family notice: the programme's contact, and the town's own notice (a link), if published. */
  familyNotice?: Lists['familyNotice'];
}

/**
 * What the card, its thread and the receipt say of the child: the charter's level 2 and no more — age band, school
 * stage, axes, week of referral. The exact class, the neighbourhood, the services involved (ASE, PJJ, CMPP are
 * sensitive by themselves), the referrer's institution and the exact date narrow a child down: they are in the
 * logged file modal only.
 */
function factFields(summary: CaseSummary, ctx: MessageContext) {
  const c = fr.card;
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : c.none);
  return [
    mrkdwn(`*${c.ageBand}*\n${fr.ageBand[summary.ageBand]}`),
    mrkdwn(`*${c.stage}*\n${fr.stage[summary.schoolStage]}`),
    mrkdwn(`*${c.axes}*\n${list(summary.axes.map((a) => fr.axis[a]))}`),
    mrkdwn(`*${c.week}*\n${c.weekOf(frenchDate(summary.referredWeek.in(ctx.timeZone).start, ctx.timeZone))}`),
  ];
}

/** The card's buttons, in their order, by the command each offers (its form's button opens it). */
const BUTTON_ORDER = [
  // Examination, agreement and parcours; then orientations, bilan and closure; last, the signalement.
  ...['take', 'request_consent', 'record_consent_given', 'complete_identity', 'enter_parcours', 'set_objectives'],
  ...['review', 'orient', 'start_orientation', 'evaluate', 'withdraw_consent', 'close', 'reopen', 'change_referent'],
  'record_information_preoccupante',
] as const satisfies readonly (keyof typeof frCase.buttons)[];

/** One button per form (several commands share one), labelled by the first of its commands the card offers. */
const BUTTONS = BUTTON_ORDER.map((command) => {
  const form = CASE_MODAL_KINDS.find((k) => CASE_FORM_COMMANDS[k].includes(command));
  // Starting, ending or not starting an action: one button, one form.
  const grouped = form === 'progress';
  return {
    // Examining and reopening take no form: their buttons act at once.
    actionId: form ? actions[form] : command === 'take' ? actions.takeCase : actions.reopen,
    label: grouped ? frCase.modal.progressTitle : frCase.buttons[command],
    when: grouped && form ? CASE_FORM_COMMANDS[form] : [command],
    primary: command === 'take',
  };
});

/** The card in the cellule de veille channel. Its buttons carry the reference and the version they were drawn at. */
export function celluleCard(summary: CaseSummary, ctx: MessageContext): RenderedMessage {
  const c = fr.card;
  const buttonValue = `${summary.reference}@${summary.version}`;
  const statusLine = [
    `*${c.status}* : ${fr.status[summary.status]}`,
    summary.agreementToComplete ? frCase.consentToComplete : frCase.consent[summary.consent],
  ];
  if (summary.preReferral) statusLine.unshift(`*${c.preReferral}*`);
  if (summary.assigneeUserId) statusLine.push(`*${c.assignee}* : <@${summary.assigneeUserId}>`);
  const seen = new Set<string>();
  const buttons = BUTTONS.filter((b) => b.when.some((w) => summary.offered.includes(w))).filter((b) => {
    // One consent button at a time, whatever the consent state.
    if (seen.has(b.actionId)) return false;
    seen.add(b.actionId);
    return true;
  });
  const orientations = summary.orientations.map(
    (o) => `• ${escapeMrkdwn(ctx.actionTitles?.get(o.actionId) ?? o.actionId)} — ${frCase.orientationStatus[o.status]}`,
  );
  return {
    text: c.fallback(summary.reference),
    blocks: [
      { type: 'header', text: plain(c.header(summary.reference)) },
      { type: 'section', fields: factFields(summary, ctx) },
      ...(orientations.length > 0
        ? [{ type: 'section' as const, text: mrkdwn(orientations.join('\n').slice(0, 3000)) }]
        : []),
      { type: 'context', elements: [mrkdwn(statusLine.join('   '))] },
      ...(summary.consent === 'withdrawn'
        ? [{ type: 'context' as const, elements: [mrkdwn(frCase.withdrawnNotice)] }]
        : []),
      {
        type: 'actions',
        // A new block_id for each iteration of the card, as @slack/types asks of an updated message.
        block_id: `case_actions_v${summary.version}`,
        elements: [
          ...buttons.map((b) => ({
            type: 'button' as const,
            action_id: b.actionId,
            text: plain(b.label),
            value: buttonValue,
            ...(b.primary ? { style: 'primary' as const } : {}),
          })),
          {
            type: 'button',
            action_id: actions.viewFile,
            text: plain(c.view),
            value: summary.reference,
            // Every card has this button: a screen reader names the case it opens.
            accessibility_label: c.viewLabel(summary.reference),
          },
        ],
      },
    ],
  };
}

/** The referrer's receipt, by direct message. */
export function referralReceipt(
  summary: CaseSummary,
  ctx: MessageContext,
  familyAgreement?: FamilyAgreement,
): RenderedMessage {
  const r = fr.receipt;
  return {
    text: r.fallback(summary.reference),
    blocks: [
      { type: 'section', text: mrkdwn(r.body(summary.reference)) },
      // Not yet informed: the referrer is the one who must tell the family, and is told how.
      ...(familyAgreement === 'not_informed' ? [{ type: 'section' as const, text: mrkdwn(r.informFamily) }] : []),
      // The notice to hand over, whatever the family said: the app's, in French, and the town's own when the lists
      // give its link.
      { type: 'section', text: mrkdwn(r.noticeIntro) },
      {
        type: 'section',
        text: mrkdwn(r.familyNotice(escapeMrkdwn(ctx.familyNotice?.contact ?? r.noticeContactDefault))),
      },
      ...(ctx.familyNotice?.url
        ? [
            {
              type: 'section' as const,
              text: mrkdwn(r.noticeLink(linkTarget(ctx.familyNotice.url))),
            },
          ]
        : []),
      ...(summary.preReferral ? [{ type: 'section' as const, text: mrkdwn(r.preReferral) }] : []),
      { type: 'section', text: mrkdwn(r.next) },
      { type: 'context', elements: [mrkdwn(`*${r.recap}*`)] },
      { type: 'section', fields: factFields(summary, ctx) },
    ],
  };
}

/**
 * What a step did, in French, level 2 (for thread lines and the timeline). `week`: for people outside the case (DOMAIN.md, need to know), days become their week
 * and people a role; `day`: the case's people and the card's thread.
 */
export function describeEvent(event: CaseEventData, ctx: MessageContext, precision: 'day' | 'week' = 'day'): string {
  const l = frCase.line;
  // Catalogue titles are typed by a coordinator: escaped, a title "<!channel>" cannot ping a channel.
  const title = (id: string) => escapeMrkdwn(ctx.actionTitles?.get(id) ?? id);
  const day = (on: string) => (precision === 'day' ? l.onDay(frenchDay(on)) : l.inWeek(frenchDay(mondayOfDay(on))));
  const person = (userId: string) => (precision === 'day' ? `<@${userId}>` : frCase.timeline.someone);
  let what: string;
  switch (event.type) {
    case 'take':
      what = l.take;
      break;
    case 'request_consent':
      what = l.request_consent(frCase.consentChannel[event.channel].toLowerCase(), day(event.on));
      break;
    case 'record_consent_given':
      what = l.record_consent_given(day(event.on), event.form ?? 'written');
      break;
    case 'record_consent_refused':
      what = l.record_consent_refused(day(event.on), event.reason ? frCase.refusalReason[event.reason] : undefined);
      break;
    case 'withdraw_consent':
      what = l.withdraw_consent(day(event.on));
      break;
    case 'orient':
      what = l.orient(
        event.actionIds.map(title).join(', '),
        (event.uncoveredNeeds ?? []).map((a) => fr.axis[a]).join(', '),
      );
      break;
    case 'start_orientation':
      what = l.start_orientation(title(event.actionId), day(event.on));
      break;
    case 'end_orientation':
      what = l.end_orientation(title(event.actionId), day(event.on), frCase.result[event.result].toLowerCase());
      break;
    case 'evaluate':
      what = l.evaluate(frCase.result[event.caseResult].toLowerCase(), frCase.nextStep[event.next]);
      break;
    case 'close':
      what = l.close(frCase.closureReason[event.reason].replace(' (préciser)', ''));
      break;
    case 'merge_into':
      what = l.merge_into(event.into, day(event.on));
      break;
    case 'reopen':
      what = l.reopen;
      break;
    case 'complete_identity':
      what = l.complete_identity;
      break;
    case 'enter_parcours':
      // Events recorded before the exception needed a reason carry none.
      what = l.enter_parcours(
        person(event.referentUserId),
        day(event.on),
        frCase.parcoursException[event.exceptionReason ?? 'other'],
      );
      break;
    case 'eps_decision': {
      const detail =
        event.decision === 'parcours' && event.referentUserId
          ? ` ; référent de parcours : ${person(event.referentUserId)}`
          : event.decision === 'relay' && event.relayTo
            ? ` (${escapeMrkdwn(ctx.labels.institution(event.relayTo))})`
            : event.decision === 'no_follow_up' && event.noFollowUpReason
              ? ` (${frCase.noFollowUpReason[event.noFollowUpReason].toLowerCase()})`
              : '';
      what = l.eps_decision(`${frCase.epsDecided[event.decision]}${detail}`, day(event.on));
      break;
    }
    case 'change_referent':
      what = l.change_referent(person(event.referentUserId));
      break;
    case 'set_objectives':
      what = l.set_objectives(event.objectives.length, day(event.on));
      break;
    case 'review':
      what = l.review(frCase.parcoursNext[event.next], day(event.on));
      break;
    case 'record_information_preoccupante':
      what = l.record_information_preoccupante(day(event.on), event.parentsInformed);
      break;
    case 'orientation_not_started':
      what = l.orientation_not_started(
        title(event.actionId),
        day(event.on),
        frCase.notStartedReason[event.reason].toLowerCase(),
      );
      break;
  }
  return what;
}

/** A level-2 line in the card's thread: what happened, who, when. Commands carry no free text by construction. */
export function eventLine(summary: CaseSummary, event: CaseEventData, at: Date, ctx: MessageContext): RenderedMessage {
  // The day, not the minute: the thread is read by the whole channel.
  const text = frCase.lineOf(event.actorId, describeEvent(event, ctx), frenchDate(at, ctx.timeZone));
  return { text: `${summary.reference} — ${text}`, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}

/** A direct message to the referrer at the steps they are told of: the reference and the step, nothing else. */
export function referrerNews(summary: CaseSummary, step: Exclude<ReferrerStep, 'received'>): RenderedMessage {
  return plainMessage(frCase.referrerNews[step](summary.reference));
}

/** To each coordinator: a case's information préoccupante was sent (who, when, parents informed) — nothing else. */
export function ipNotice(summary: CaseSummary, event: IpEvent): RenderedMessage {
  return plainMessage(frCase.ipNotice(summary.reference, event.actorId, frenchDay(event.on), event.parentsInformed));
}
