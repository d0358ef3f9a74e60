import type { KnownBlock, ModalView } from '@slack/types';
import type { CaseFileFacts, CaseSummary } from '../../domain/case-summary.js';
import { frenchDate, frenchDay } from '../../domain/dates.js';
import type { CaseState } from '../../domain/pathway.js';
import type { CaseFileNotes, ReferralIdentity } from '../../domain/referral.js';
import { ACCESS_REASONS } from '../../domain/roles.js';
import { fr, frArchive, frCase, frCharter } from '../../i18n/fr.js';
import { actions, callbacks, VALUE_ACTION } from '../ids.js';
import { escapeMrkdwn, formModal, mrkdwn, plain } from './block-kit.js';
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

/** Why a file does not open, as each surface that opens one says it. */
export type FileRefusal = 'not_found' | 'refused' | 'archived' | 'not_on_case' | 'erased' | 'unreadable';

export function fileRefusedModal(kind: FileRefusal): ModalView {
  const said: Record<FileRefusal, string> = {
    not_found: fr.file.notFound,
    refused: fr.file.refused,
    archived: frArchive.archivedFile,
    not_on_case: fr.file.notOnCase,
    erased: frCharter.access.erased,
    unreadable: fr.file.unreadable,
  };
  return notice(fr.file.refusedTitle, said[kind]);
}

/**
 * The only view that shows level-1 data. It is opened with views.open for the one authorised user who asked,
 * never posted to a channel.
 */
export function caseFileModal(
  summary: CaseSummary,
  identity: ReferralIdentity,
  facts: CaseFileFacts,
  ctx: {
    labels: ListLabels;
    timeZone: string;
    actionTitles?: ReadonlyMap<string, string>;
    /** A partner of the agreement's scope by its key (`op:…`, `in:…`). */
    scopeLabel?(key: string): string;
  },
  /** What was recorded along the pathway: shown after the intake, in sections; and the cases linked to it. */
  record?: { state: CaseState; notes: CaseFileNotes; links?: { siblings: string[]; merged: string[] } },
  /** Which page of a long file, and the reason it was opened for (the page buttons carry it: each page is logged). */
  paging: { page: number; reason: string } = { page: 0, reason: '' },
): ModalView {
  const f = fr.file;
  const v = (value: string | undefined) => escapeMrkdwn(value && value.length > 0 ? value : f.notProvided);
  const [y, m, d] = identity.birthDate.split('-');
  const school = identity.schoolOther ?? ctx.labels.school(facts.schoolId);
  const pages = recordPages(record ? recordBlocks(record.state, record.notes, ctx, record.links) : []);
  const page = Math.min(Math.max(paging.page, 0), pages.length - 1);
  const pageButton = (actionId: string, text: string, to: number) => ({
    type: 'button' as const,
    action_id: actionId,
    text: plain(text),
    value: `${summary.reference}|${paging.reason}|${to}`,
  });
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
          ...(identity.guardian2Name
            ? [
                mrkdwn(
                  `*${f.guardian2}*\n${v(identity.guardian2Name)}${identity.guardian2Phone ? ` · ${v(identity.guardian2Phone)}` : ''}`,
                ),
              ]
            : []),
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
      ...(pages[page] ?? []),
      ...(record
        ? [
            ...(pages.length > 1
              ? [{ type: 'context' as const, elements: [mrkdwn(f.page(page + 1, pages.length))] }]
              : []),
            {
              type: 'actions' as const,
              elements: [
                {
                  type: 'button' as const,
                  action_id: actions.journalAdd,
                  text: plain(f.journalAdd),
                  value: summary.reference,
                  accessibility_label: f.journalAddLabel(summary.reference),
                },
                ...(page > 0 ? [pageButton(actions.filePrevious, f.previousPage, page - 1)] : []),
                ...(page < pages.length - 1 ? [pageButton(actions.fileNext, f.nextPage, page + 1)] : []),
              ],
            },
          ]
        : []),
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

/**
 * A modal holds 100 blocks and a section 3000 characters: the record goes in pages of at most this many blocks (the
 * first page after the intake's dozen), each page a view of its own, reached with _Page suivante_ / _précédente_.
 */
const RECORD_PAGE_BLOCKS = 40;

/** The record's blocks in pages (whole blocks; the journal's entries may run over several pages). */
export function recordPages(blocks: readonly KnownBlock[]): KnownBlock[][] {
  const pages: KnownBlock[][] = [];
  for (let i = 0; i < blocks.length; i += RECORD_PAGE_BLOCKS) pages.push(blocks.slice(i, i + RECORD_PAGE_BLOCKS));
  return pages.length > 0 ? pages : [[]];
}

/**
 * The pathway as recorded, for the file's readers: the family's agreement (its version, who agreed, the partners,
 * the form reference, the child's view), the parcours (référent, objectives with their details and ratings, the
 * family's view), the orientations (the operators' comments), the closure. Level-1 texts escaped.
 */
function recordBlocks(
  state: CaseState,
  notes: CaseFileNotes,
  ctx: { labels: ListLabels; actionTitles?: ReadonlyMap<string, string>; scopeLabel?(key: string): string },
  links?: { siblings: string[]; merged: string[] },
): KnownBlock[] {
  const f = fr.file;
  const esc = escapeMrkdwn;
  const section = (title: string, lines: string[]): KnownBlock[] =>
    chunks([`*${title}*`, ...lines].join('\n'), 2900).map((part) => ({ type: 'section' as const, text: mrkdwn(part) }));
  const blocks: KnownBlock[] = [{ type: 'divider' }];
  const a = state.agreement;
  const agreement: string[] = a
    ? [
        f.agreementLine(a.version ?? 1, frenchDay(a.on), f.agreementForm[a.form]),
        ...(a.atReferral ? [f.agreementAtReferral] : []),
        `${f.representatives} : ${
          [
            ...a.representatives.map(
              (r) => `${f.relationship[r.relationship]}${r.parentalAuthority ? ` (${f.parentalAuthority})` : ''}`,
            ),
            ...(a.placedWithAse ? [f.placedWithAse] : []),
          ].join(', ') || f.toComplete
        }`,
        ...(a.noticeGiven ? [f.noticeGiven] : []),
        `${f.scope} : ${a.scope.length > 0 ? a.scope.map((k) => esc(ctx.scopeLabel?.(k) ?? k)).join(', ') : f.scopeNone}`,
      ]
    : [f.agreementNone];
  if (notes.consentFormReference) agreement.push(`${f.formReference} : ${esc(notes.consentFormReference)}`);
  if (notes.childView) agreement.push(`${f.childView} : ${esc(notes.childView)}`);
  if (notes.consentRefusalReason) agreement.push(`${f.refusal} : ${esc(notes.consentRefusalReason)}`);
  blocks.push(...section(f.agreement, agreement));
  const p = state.parcours;
  if (p) {
    const lines = [f.parcoursLine(p.referentUserId, frenchDay(p.enteredOn), p.bilans)];
    p.objectives.forEach((o, i) => {
      const rating = o.rating ? ` — ${f.rating} : ${frCase.objectiveRating[o.rating].toLowerCase()}` : '';
      lines.push(`• ${esc(f.objective(i + 1, ctx.labels.objective(o.axis, o.labelId)))}${rating}`);
      const detail = notes.objectiveDetails[i + 1];
      if (detail) lines.push(`   ${esc(detail)}`);
    });
    if (notes.familyView) lines.push(`${f.familyView} : ${esc(notes.familyView)}`);
    blocks.push(...section(f.parcours, lines));
  }
  if (state.orientations.length > 0) {
    const lines = state.orientations.flatMap((o) => {
      const title = esc(ctx.actionTitles?.get(o.actionId) ?? o.actionId);
      const comment = notes.operatorComments[o.id];
      return [
        `• ${f.orientationLine(title, frCase.orientationStatus[o.status], frenchDay(o.proposedAt))}`,
        ...(comment ? [`   ${f.operatorComment} : ${esc(comment)}`] : []),
      ];
    });
    blocks.push(...section(f.orientations, lines));
  }
  if (links && (links.siblings.length > 0 || links.merged.length > 0))
    blocks.push(
      ...section(f.links, [
        ...(links.siblings.length > 0 ? [f.siblings(links.siblings.join(', '))] : []),
        ...(links.merged.length > 0 ? [f.mergedHere(links.merged.join(', '))] : []),
      ]),
    );
  if (state.status === 'closed' || notes.closureNote) {
    const lines = [
      ...(state.mergedInto ? [f.mergedInto(state.mergedInto)] : []),
      ...(state.closureReason ? [frCase.closureReason[state.closureReason]] : []),
      ...(notes.closureNote ? [`${f.closureNote} : ${esc(notes.closureNote)}`] : []),
    ];
    blocks.push(...section(f.closure, lines));
  }
  blocks.push(
    ...section(
      f.journal,
      notes.journal.length > 0
        ? notes.journal.flatMap((e) => [f.journalLine(frenchDay(e.on), f.journalKind[e.kind], e.authorId), esc(e.text)])
        : [f.journalNone],
    ),
  );
  return blocks;
}

function chunks(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

/** Asked before the case file opens: why this consultation (recorded with it). */
export function accessReasonModal(reference: string): ModalView {
  const a = frCharter.access;
  return formModal(
    callbacks.fileReason,
    { title: a.reasonTitle, submit: a.open, close: fr.file.close },
    [
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
    reference,
  );
}

export const ACCESS_REASON_BLOCK = 'access_reason';
