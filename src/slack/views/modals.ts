import type { ModalView } from '@slack/types';
import type { CaseFileFacts, CaseSummary } from '../../domain/case-summary.js';
import { frenchDate } from '../../domain/dates.js';
import type { ReferralIdentity } from '../../domain/referral.js';
import { ACCESS_REASONS } from '../../domain/roles.js';
import { fr, frCharter } from '../../i18n/fr.js';
import { callbacks, VALUE_ACTION } from '../ids.js';
import { escapeMrkdwn, mrkdwn, plain } from './block-kit.js';
import type { ListLabels } from './labels.js';

function notice(title: string, body: string, close: string = fr.submitted.close): ModalView {
  return {
    type: 'modal',
    title: plain(title),
    close: plain(close),
    blocks: [{ type: 'section', text: mrkdwn(body) }],
  };
}

export function submittedModal(reference: string, alreadySubmitted: boolean): ModalView {
  const s = fr.submitted;
  return notice(s.title, alreadySubmitted ? s.already(reference) : s.body(reference));
}

export function refusedModal(): ModalView {
  return notice(fr.file.refusedTitle, fr.file.refused);
}

export function messageModal(title: string, body: string): ModalView {
  return notice(title, body);
}

/**
 * The only view that shows level-1 data. It is opened with views.open for the one authorised user who asked,
 * never posted to a channel.
 */
export function caseFileModal(
  summary: CaseSummary,
  identity: ReferralIdentity,
  facts: CaseFileFacts,
  ctx: { labels: ListLabels; timeZone: string },
): ModalView {
  const f = fr.file;
  const v = (value: string | undefined) => escapeMrkdwn(value && value.length > 0 ? value : f.notProvided);
  const [y, m, d] = identity.birthDate.split('-');
  const school = identity.schoolOther ?? ctx.labels.school(facts.schoolId);
  return {
    type: 'modal',
    callback_id: callbacks.file,
    title: plain(`${f.title} ${summary.reference}`.slice(0, 24)),
    close: plain(f.close),
    blocks: [
      { type: 'context', elements: [mrkdwn(`:lock: ${f.accessNotice}`)] },
      {
        type: 'section',
        fields: [
          mrkdwn(`*${f.child}*\n${v(`${identity.childFirstName} ${identity.childLastName}`)}`),
          mrkdwn(`*${f.birthDate}*\n${v(d && m && y ? `${d}/${m}/${y}` : undefined)}`),
          mrkdwn(`*${f.guardian}*\n${v(identity.guardianName)}`),
          mrkdwn(`*${f.phone}*\n${v(identity.guardianPhone)}`),
          mrkdwn(`*${f.languages}*\n${v(identity.languages)}`),
          mrkdwn(`*${f.school}*\n${v(school)}`),
        ],
      },
      {
        // Level 2 facts too precise for the card (charter): here, in the logged file, for its readers only.
        type: 'section',
        fields: [
          mrkdwn(`*${fr.card.classLevel}*\n${fr.classLevel[facts.classLevel]}`),
          mrkdwn(`*${fr.card.neighbourhood}*\n${escapeMrkdwn(ctx.labels.neighbourhood(facts.neighbourhood))}`),
          mrkdwn(
            `*${fr.card.services}*\n${facts.services.length > 0 ? facts.services.map((s) => fr.service[s]).join(', ') : fr.card.none}`,
          ),
          mrkdwn(`*${fr.card.familyAgreement}*\n${fr.familyAgreement[facts.familyAgreement]}`),
          mrkdwn(`*${fr.card.institution}*\n${escapeMrkdwn(ctx.labels.institution(facts.referrerInstitution))}`),
          mrkdwn(`*${fr.card.date}*\n${frenchDate(facts.referredAt, ctx.timeZone)}`),
        ],
      },
      { type: 'section', text: mrkdwn(`*${f.situation}*`) },
      // A section's text holds at most 3000 characters; the situation may be that long once escaped.
      ...chunks(v(identity.situation), 2900).map((part) => ({ type: 'section' as const, text: mrkdwn(part) })),
      {
        type: 'context',
        elements: [
          mrkdwn(
            `${fr.status[summary.status]} · ${fr.ageBand[summary.ageBand]} · ${frenchDate(facts.referredAt, ctx.timeZone)}`,
          ),
        ],
      },
    ],
  };
}

function chunks(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

/** Asked before the case file opens: why this consultation (recorded with it). */
export function accessReasonModal(reference: string): ModalView {
  const a = frCharter.access;
  return {
    type: 'modal',
    callback_id: callbacks.fileReason,
    title: plain(a.reasonTitle),
    submit: plain(a.open),
    close: plain(fr.file.close),
    private_metadata: reference,
    blocks: [
      { type: 'section', text: mrkdwn(a.reasonIntro(reference)) },
      {
        type: 'input',
        block_id: ACCESS_REASON_BLOCK,
        label: plain(a.reason),
        element: {
          type: 'radio_buttons',
          action_id: VALUE_ACTION,
          options: ACCESS_REASONS.map((r) => ({ value: r, text: plain(a.reasons[r]) })),
        },
      },
    ],
  };
}

export const ACCESS_REASON_BLOCK = 'access_reason';
