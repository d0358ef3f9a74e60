import type { HomeView, KnownBlock } from '@slack/types';
import { CASE_STATUSES, type CaseStatus } from '../../domain/case-status.js';
import type { CaseSummary } from '../../domain/case-summary.js';
import { frenchDate, frenchDay } from '../../domain/dates.js';
import type { ActorRole } from '../../domain/policy.js';
import type { ReferrerStep } from '../../domain/referrer-steps.js';
import { fr, frCase, frHandover, frLists, frSettings } from '../../i18n/fr.js';
import type { HomeData, ReferredCase } from '../../use-cases/case-views.js';
import type { HomeSetup } from '../../use-cases/onboarding.js';
import { actions } from '../ids.js';
import { escapeMrkdwn, linkTarget, mrkdwn, plain } from './block-kit.js';

// A home tab holds at most 100 blocks; each list is cut so that the whole stays well below.
const MAX_LINES = 20;

function list(title: string, lines: string[]): KnownBlock[] {
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push(frCase.home.more(lines.length - MAX_LINES));
  return [
    { type: 'header', text: plain(title) },
    { type: 'section', text: mrkdwn((shown.length > 0 ? shown.join('\n') : frCase.home.none).slice(0, 3000)) },
  ];
}

/** A case's reference, linked to its card when Slack gave the card's permalink (the lists lead somewhere). */
export const referenceLink = (s: Pick<CaseSummary, 'reference' | 'cardLink'>) =>
  s.cardLink ? `*<${linkTarget(s.cardLink)}|${s.reference}>*` : `*${s.reference}*`;

const line = (s: CaseSummary, timeZone: string) =>
  `${referenceLink(s)} — ${fr.status[s.status]} · ${fr.ageBand[s.ageBand]} · ${fr.card.weekOf(frenchDate(s.referredWeek.in(timeZone).start, timeZone))}`;

/** The referrer is outside shared professional secrecy: four steps, never the detail of the pathway. */
export function referrerStep(status: CaseStatus): keyof typeof frCase.home.referrerStep {
  if (status === 'referred') return 'received';
  if (status === 'in_analysis') return 'examined';
  if (status === 'closed') return 'closed';
  return 'parcours';
}

const referredLine = (r: ReferredCase, timeZone: string) => {
  const s = r.summary;
  const week = fr.card.weekOf(frenchDate(s.referredWeek.in(timeZone).start, timeZone));
  const facts = [fr.stage[s.schoolStage], ...(r.classLevel ? [fr.classLevel[r.classLevel]] : []), week];
  const axes = s.axes.map((a) => fr.axis[a]).join(', ');
  return `*${s.reference}* — ${frCase.home.referrerStep[referrerStep(s.status)]} · ${facts.join(' · ')} · ${axes}`;
};

/** Where a case's orientations stand: "Clubs Lecture (en cours), …" (what the operators answered shows here). */
const orientationsOf = (s: CaseSummary, titles: ReadonlyMap<string, string>) =>
  s.orientations.length === 0
    ? ''
    : ` · ${s.orientations
        .map((o) => `${escapeMrkdwn(titles.get(o.actionId) ?? o.actionId)} (${frCase.orientationStatus[o.status]})`)
        .join(', ')}`;

/** The programme's set-up: the first coordinator's way in, or the coordinator's steps left. */
function setupBlocks(setup: HomeSetup): KnownBlock[] {
  const t = frSettings.setup;
  if (setup.kind === 'unconfigured') return [{ type: 'section', text: mrkdwn(t.unconfigured) }];
  if (setup.kind === 'claim')
    return [
      { type: 'header', text: plain(t.claimTitle) },
      {
        type: 'section',
        text: mrkdwn(t.claim),
        accessory: {
          type: 'button',
          action_id: actions.claimCoordinator,
          style: 'primary',
          text: plain(t.claimButton),
          value: 'claim',
          confirm: {
            title: plain(t.claimConfirmTitle),
            text: plain(t.claimConfirm),
            confirm: plain(t.claimConfirmButton),
            deny: plain(frSettings.cancel),
          },
        },
      },
    ];
  const lines = setup.steps.map((s) => `${s.done ? t.done : t.todo} ${t.step[s.step]}`);
  return [
    { type: 'header', text: plain(t.title) },
    { type: 'section', text: mrkdwn(`${t.intro}\n\n${lines.join('\n')}`) },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: actions.settingsOpen,
          text: plain(t.settings),
          value: 'settings',
          style: 'primary',
        },
        { type: 'button', action_id: actions.membersOpen, text: plain(t.members), value: 'members' },
        { type: 'button', action_id: actions.listsOpen, text: plain(frLists.open), value: 'lists' },
      ],
    },
  ];
}

/** App Home: level 2 only, like every surface but the case-file modal. */
export function appHome(
  data: HomeData,
  timeZone: string,
  titles: ReadonlyMap<string, string> = new Map(),
  setup?: HomeSetup,
): HomeView {
  const h = frCase.home;
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(h.intro) }];
  if (setup) blocks.push(...setupBlocks(setup));
  // During the set-up the checklist leads to Réglages already.
  if (data.coordinator && setup?.kind !== 'checklist')
    blocks.push({
      type: 'section',
      text: mrkdwn(`*${frSettings.homeTitle}*\n${frSettings.homeIntro}`),
      accessory: { type: 'button', action_id: actions.settingsOpen, text: plain(frSettings.open), value: 'settings' },
    });
  if (data.operatorSheets)
    blocks.push(
      ...list(
        h.operatorSheets,
        data.operatorSheets.map(
          (x) =>
            `*${x.reference}* — ${escapeMrkdwn(titles.get(x.actionId) ?? x.actionId)} · ${h.sheetStatus[x.status](frenchDay(x.proposedOn))}`,
        ),
      ),
    );
  if (data.withoutReferent?.length) {
    // One section a case, its button beside it: at most MAX_LINES, the home tab's 100 blocks in mind.
    blocks.push({ type: 'header', text: plain(frHandover.homeTitle) });
    for (const c of data.withoutReferent.slice(0, MAX_LINES))
      blocks.push({
        type: 'section',
        text: mrkdwn(line(c, timeZone)),
        accessory: {
          type: 'button',
          action_id: actions.handoverOpen,
          text: plain(frHandover.homeButton),
          value: c.reference,
          accessibility_label: frHandover.homeButtonLabel(c.reference),
        },
      });
    if (data.withoutReferent.length > MAX_LINES)
      blocks.push({ type: 'context', elements: [mrkdwn(h.more(data.withoutReferent.length - MAX_LINES))] });
  }
  if (data.toExamine)
    blocks.push(
      ...list(
        h.toExamine,
        data.toExamine.map((c) => `${line(c.summary, timeZone)} · ${h.waiting(c.days)}`),
      ),
    );
  if (data.assigned) {
    const byState = CASE_STATUSES.flatMap(
      (status) =>
        data.assigned?.filter((s) => s.status === status).map((s) => line(s, timeZone) + orientationsOf(s, titles)) ??
        [],
    );
    blocks.push(...list(h.assigned, byState));
  }
  if (data.awaitingConsent) {
    blocks.push(
      ...list(
        h.awaitingConsent,
        data.awaitingConsent.map(
          (c) => `${line(c.summary, timeZone)} · ${h.requestedOn(frenchDate(c.requestedAt, timeZone))}`,
        ),
      ),
    );
  }
  if (data.parcours?.length)
    blocks.push(
      ...list(
        h.parcours,
        data.parcours.map((p) => {
          const review = p.nextReviewOn
            ? (p.overdue ? h.reviewOverdue : h.reviewOn)(frenchDay(p.nextReviewOn))
            : h.noReview;
          return `${line(p.summary, timeZone)} · ${review} · ${h.openObjectives(p.openObjectives)}${orientationsOf(p.summary, titles)}`;
        }),
      ),
    );
  if (data.agreementsToComplete?.length)
    blocks.push(
      ...list(
        h.agreementsToComplete,
        data.agreementsToComplete.map((c) => line(c, timeZone)),
      ),
    );
  if (data.oralToConfirm?.length)
    blocks.push(
      ...list(
        h.oralToConfirm,
        data.oralToConfirm.map((c) => line(c, timeZone)),
      ),
    );
  if (data.closureProposed?.length)
    blocks.push(
      ...list(
        h.closureProposed,
        data.closureProposed.map((c) => line(c, timeZone)),
      ),
    );
  if (data.idle)
    blocks.push(
      ...list(
        h.idle,
        data.idle.map((s) => line(s, timeZone)),
      ),
    );
  blocks.push(
    ...list(
      h.referred,
      data.referred.map((r) => referredLine(r, timeZone)),
    ),
  );
  return { type: 'home', blocks };
}

/** `/reperage dossier PRE-…`: the level-2 history of one case, for the person who asked. */
export function timelineText(
  reference: string,
  entries: { at: Date; actorId: string; line: string }[],
  timeZone: string,
): string {
  const rows = entries.map((e) => `• ${frenchDate(e.at, timeZone)} — <@${e.actorId}> ${e.line}`);
  return [frCase.timeline.header(reference), ...rows].join('\n').slice(0, 3900);
}

/** `/reperage dossier` for a team member outside the case: by week, who did each step as a role. */
export function coarseTimelineText(
  reference: string,
  entries: { week: Date; actor: ActorRole; line: string }[],
  timeZone: string,
): string {
  const t = frCase.timeline;
  const rows = entries.map((e) => `• ${fr.card.weekOf(frenchDate(e.week, timeZone))} — ${t.actor[e.actor]} ${e.line}`);
  return [t.coarseHeader(reference), ...rows].join('\n').slice(0, 3900);
}

/** `/reperage dossier` for the referrer: the four steps they are told of, dated, nothing else. */
export function referrerStepsText(
  reference: string,
  steps: readonly { at: Date; step: ReferrerStep }[],
  timeZone: string,
): string {
  const rows = steps.map((s) => `• ${frenchDate(s.at, timeZone)} — ${frCase.timeline.step[s.step]}`);
  return [frCase.timeline.stepsHeader(reference), ...rows].join('\n');
}
