import type { HomeView, KnownBlock } from '@slack/types';
import { CASE_STATUSES } from '../../domain/case-status.js';
import type { CaseSummary } from '../../domain/case-summary.js';
import { frenchDate } from '../../domain/dates.js';
import { fr, frCase } from '../../i18n/fr.js';
import { mrkdwn, plain } from './block-kit.js';

export interface HomeData {
  /** Team members and coordinators: what they follow. */
  assigned?: CaseSummary[];
  awaitingConsent?: { summary: CaseSummary; requestedAt: Date }[];
  idle?: CaseSummary[];
  /** Everyone: the level-2 status of what they referred. */
  referred: CaseSummary[];
}

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

const line = (s: CaseSummary, timeZone: string) =>
  `*${s.reference}* — ${fr.status[s.status]} · ${fr.ageBand[s.ageBand]} · ${fr.card.weekOf(frenchDate(s.referredWeek.in(timeZone).start, timeZone))}`;

/** App Home: level 2 only, like every surface but the case-file modal. */
export function appHome(data: HomeData, timeZone: string): HomeView {
  const h = frCase.home;
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(h.intro) }];
  if (data.assigned) {
    const byState = CASE_STATUSES.flatMap(
      (status) => data.assigned?.filter((s) => s.status === status).map((s) => line(s, timeZone)) ?? [],
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
      data.referred.map((s) => line(s, timeZone)),
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
