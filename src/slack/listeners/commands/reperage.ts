import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { parseSchoolYear } from '../../../domain/annual-return.js';
import { localDay, schoolYearOf } from '../../../domain/dates.js';
import type { DigestAudience } from '../../../domain/digest.js';
import { lastCompletedWeek, parseWeekReference } from '../../../domain/iso-week.js';
import { REFERENCE_PATTERN as REFERENCE } from '../../../domain/reference.js';
import { canReadIdentity, isCoordinator } from '../../../domain/roles.js';
import {
  fr,
  frAbsence,
  frAnnual,
  frArchive,
  frCase,
  frCharter,
  frDigest,
  frDuplicates,
  frEps,
  frLists,
  frPeople,
  frSettings,
} from '../../../i18n/fr.js';
import { buildDigest, postDigest } from '../../../jobs/weekly-digest.js';
import { catalogueOperators } from '../../../store/operators.js';
import { asJob } from '../../../store/pool.js';
import { sendAnnualReturn } from '../../../use-cases/annual-return.js';
import { mayOnCase } from '../../../use-cases/case-access.js';
import { caseTimeline } from '../../../use-cases/case-views.js';
import type { AppServices } from '../../services.js';
import { absenceModal } from '../../views/absence.js';
import { accessLogMessage } from '../../views/access-log.js';
import { coarseTimelineText, referrerStepsText, timelineText } from '../../views/app-home.js';
import { bordereauList } from '../../views/archive-messages.js';
import { describeEvent } from '../../views/case-messages.js';
import { casePeopleModal, peopleLines } from '../../views/case-people.js';
import { catalogueModal } from '../../views/catalogue-modal.js';
import { epsScheduleModal } from '../../views/eps.js';
import { membersModal } from '../../views/members-modal.js';
import { openCaseList } from '../case-list.js';
import { caseDeps, caseViewDeps } from '../case-support.js';
import { linkSiblings } from '../duplicates.js';
import { listsView } from '../lists.js';
import { openIntake } from '../open-intake.js';
import { settingsView } from '../settings.js';

const commandSchema = z.object({
  user_id: z.string().min(1).max(32),
  trigger_id: z.string().min(1).max(255),
  text: z.string().max(4000).default(''),
});

type Subcommand =
  | { kind: 'new' }
  | { kind: 'help' }
  | { kind: 'timeline'; reference?: string }
  | { kind: 'list' }
  | { kind: 'siblings'; references: string[] }
  | { kind: 'catalogue' }
  | { kind: 'members' }
  | { kind: 'digest'; week?: string; resend?: DigestAudience | 'invalid' }
  | { kind: 'access'; reference?: string }
  | { kind: 'archives' }
  | { kind: 'eps' }
  | { kind: 'people'; reference?: string }
  | { kind: 'absence' }
  | { kind: 'annual'; schoolYear?: string }
  | { kind: 'settings' }
  | { kind: 'lists' }
  | { kind: 'unknown' };

const DIGEST_GROUP_NAMES: Record<string, DigestAudience> = {
  scolarite: 'schooling',
  scolarité: 'schooling',
  parentalite: 'parenting',
  parentalité: 'parenting',
  sante: 'health',
  santé: 'health',
  cellule: 'cellule',
};

export function parseSubcommand(text: string): Subcommand {
  const [first, second] = text.trim().split(/\s+/);
  const word = first?.toLowerCase() ?? '';
  if (word === '' || word === 'nouveau') return { kind: 'new' };
  if (word === 'aide' || word === 'help') return { kind: 'help' };
  if (word === 'catalogue') return { kind: 'catalogue' };
  if (word === 'membres') return { kind: 'members' };
  if (word === 'archives') return { kind: 'archives' };
  if (word === 'eps') return { kind: 'eps' };
  if (word === 'dossiers') return { kind: 'list' };
  if (word === 'fratrie') {
    const references = text
      .trim()
      .split(/\s+/)
      .slice(1)
      .map((r) => r.toUpperCase());
    return { kind: 'siblings', references: references.filter((r) => REFERENCE.test(r)).slice(0, 2) };
  }
  if (word === 'absence') return { kind: 'absence' };
  if (word === 'reglages' || word === 'réglages') return { kind: 'settings' };
  if (word === 'listes') return { kind: 'lists' };
  if (word === 'bilan') return { kind: 'annual', schoolYear: second };
  if (word === 'synthese' || word === 'synthèse') {
    const words = text.trim().split(/\s+/).slice(1);
    const resend = words[0]?.toLowerCase() === 'renvoyer';
    const rest = resend ? words.slice(1) : words;
    // "semaine 47" is two words; the audience, when re-posting, comes last.
    const audienceWord = resend ? rest.at(-1)?.toLowerCase() : undefined;
    const week = (resend ? rest.slice(0, -1) : rest).join(' ') || undefined;
    if (resend) return { kind: 'digest', week, resend: DIGEST_GROUP_NAMES[audienceWord ?? ''] ?? 'invalid' };
    return { kind: 'digest', week };
  }
  if (word === 'acces' || word === 'accès') {
    const reference = second?.toUpperCase();
    return { kind: 'access', reference: reference && REFERENCE.test(reference) ? reference : undefined };
  }
  if (word === 'intervenants') {
    const reference = second?.toUpperCase();
    return { kind: 'people', reference: reference && REFERENCE.test(reference) ? reference : undefined };
  }
  if (word === 'dossier') {
    const reference = second?.toUpperCase();
    return { kind: 'timeline', reference: reference && REFERENCE.test(reference) ? reference : undefined };
  }
  return { kind: 'unknown' };
}

export function reperageCommand(s: AppServices) {
  return async ({ ack, command, client, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) return ack({ response_type: 'ephemeral', text: fr.genericError });
    const sub = parseSubcommand(parsed.data.text);
    if (sub.kind === 'help') return ack({ response_type: 'ephemeral', text: fr.help });
    if (sub.kind === 'unknown') return ack({ response_type: 'ephemeral', text: fr.unknownCommand });
    if (sub.kind === 'siblings') {
      const [a, b] = sub.references;
      if (!a || !b || a === b) return ack({ response_type: 'ephemeral', text: frDuplicates.siblingUsage });
      return ack({ response_type: 'ephemeral', text: await linkSiblings(s, parsed.data.user_id, a, b) });
    }
    if (sub.kind === 'settings' || sub.kind === 'lists') {
      const { roles } = await s.members.profile(parsed.data.user_id);
      if (!isCoordinator(roles))
        return ack({
          response_type: 'ephemeral',
          text: sub.kind === 'settings' ? frSettings.coordinatorOnly : frLists.coordinatorOnly,
        });
      await ack();
      const user = parsed.data.user_id;
      const view = sub.kind === 'settings' ? await settingsView(s, user) : await listsView(s, user);
      await client.views.open({ trigger_id: parsed.data.trigger_id, view });
      return;
    }
    if (sub.kind === 'list') {
      await ack();
      await openCaseList(s, client, parsed.data.user_id, parsed.data.trigger_id);
      return;
    }
    if (sub.kind === 'timeline') {
      if (!sub.reference) return ack({ response_type: 'ephemeral', text: frCase.timeline.usage });
      return ack({ response_type: 'ephemeral', text: await timeline(s, sub.reference, parsed.data.user_id) });
    }
    if (sub.kind === 'annual') {
      const { roles } = await s.members.profile(parsed.data.user_id);
      if (!isCoordinator(roles)) return ack({ response_type: 'ephemeral', text: frAnnual.coordinatorOnly });
      // Without a year: the school year under way.
      const year = parseSchoolYear(sub.schoolYear ?? schoolYearOf(s.now(), s.config.timeZone), s.config.timeZone);
      if (!year) return ack({ response_type: 'ephemeral', text: frAnnual.usage });
      // Counting a year takes longer than Slack's 3 s: answer now; the files follow by direct message.
      await ack({ response_type: 'ephemeral', text: frAnnual.preparing(year.id) });
      // A job: its statements give way to the clicks' (store/pool.ts).
      const sent = asJob(() =>
        sendAnnualReturn(
          {
            prisma: s.digests.prisma,
            lists: s.liveLists.all(),
            timeZone: s.config.timeZone,
            threshold: s.settings.current().minCell,
            actionTitles: s.actionTitles,
            queue: (entries) => s.cases.queueAll(entries),
            now: s.now,
            logger: s.logger,
          },
          { schoolYear: year.id, userId: parsed.data.user_id },
        ),
      );
      // After the answer, a failure can only be told through the response URL: said plainly, logged for operators.
      await sent.then(
        () => s.kickOutbox(),
        async (error: unknown) => {
          s.logger.error({ err: error, schoolYear: year.id }, 'annual return failed');
          await respond({ response_type: 'ephemeral', text: frAnnual.failed(year.id) });
        },
      );
      return;
    }
    if (sub.kind === 'digest') {
      const { roles } = await s.members.profile(parsed.data.user_id);
      if (!isCoordinator(roles)) return ack({ response_type: 'ephemeral', text: frDigest.coordinatorOnly });
      const week = sub.week
        ? parseWeekReference(sub.week, s.now(), s.config.timeZone)
        : lastCompletedWeek(s.now(), s.config.timeZone);
      if (!week) return ack({ response_type: 'ephemeral', text: frDigest.badWeek });
      if (sub.resend === 'invalid') return ack({ response_type: 'ephemeral', text: frDigest.usage });
      // Computing a digest may take longer than Slack's 3 s: answer now, then follow up through response_url.
      await ack();
      if (sub.resend) {
        const audience = sub.resend;
        const sequence = await s.digests.runs.nextSequence(audience, week.id);
        await asJob(() =>
          postDigest(s.digests, { audience, week, sequence, requestedBy: parsed.data.user_id, now: s.now() }),
        );
        s.kickOutbox();
        await respond({ response_type: 'ephemeral', text: frDigest.resent(week.id, frDigest.audience[audience]) });
        return;
      }
      const { message } = await asJob(() => buildDigest(s.digests, 'cellule', week, { now: s.now() }));
      await respond({
        response_type: 'ephemeral',
        text: `${frDigest.preview} — ${message.text}`,
        blocks: [
          { type: 'context', elements: [{ type: 'mrkdwn', text: `*${frDigest.preview}*` }] },
          ...(message.blocks as never[]),
        ],
      });
      return;
    }
    if (sub.kind === 'members' || sub.kind === 'access') {
      const { roles } = await s.members.profile(parsed.data.user_id);
      if (!isCoordinator(roles)) {
        const text = sub.kind === 'members' ? frCharter.members.coordinatorOnly : frCharter.access.coordinatorOnly;
        return ack({ response_type: 'ephemeral', text });
      }
      if (sub.kind === 'access') {
        if (!sub.reference) return ack({ response_type: 'ephemeral', text: frCharter.access.usage });
        return ack({ response_type: 'ephemeral', ...(await accessLogAnswer(s, sub.reference)) });
      }
      await ack();
      const view = membersModal(await s.members.withRoles(), s.lists, s.config.coordinators, s.labels.institution);
      await client.views.open({ trigger_id: parsed.data.trigger_id, view });
      return;
    }
    if (sub.kind === 'people') {
      if (!sub.reference) return ack({ response_type: 'ephemeral', text: frPeople.usage });
      const found = await s.cases.load(sub.reference);
      if (!found) return ack({ response_type: 'ephemeral', text: frCase.notFound });
      // Same people add and remove; removing is allowed longer (a withdrawn or closed case still loses its people).
      const allowed = await mayOnCase(caseDeps(s), found, parsed.data.user_id, 'remove_person', s.now());
      if (!allowed.ok)
        return ack({
          response_type: 'ephemeral',
          text: allowed.reason === 'referent_only' ? frPeople.onlyReferent : frCase.rejection[allowed.reason],
        });
      await ack();
      const view = casePeopleModal(
        sub.reference,
        found.summary.assigneeUserId,
        await s.caseMembers.active(found.id),
        s.config.timeZone,
      );
      await client.views.open({ trigger_id: parsed.data.trigger_id, view });
      return;
    }
    if (sub.kind === 'absence' || sub.kind === 'eps') {
      // Forms for the people who work on cases: an absence to cover, an EPS meeting to schedule.
      const { roles } = await s.members.profile(parsed.data.user_id);
      const teamOnly = sub.kind === 'absence' ? frAbsence.teamOnly : frEps.teamOnly;
      if (!canReadIdentity(roles)) return ack({ response_type: 'ephemeral', text: teamOnly });
      await ack();
      const today = localDay(s.now(), s.config.timeZone);
      const view = sub.kind === 'absence' ? absenceModal(parsed.data.user_id, today) : epsScheduleModal(s.lists, today);
      await client.views.open({ trigger_id: parsed.data.trigger_id, view });
      return;
    }
    if (sub.kind === 'archives') {
      const { roles } = await s.members.profile(parsed.data.user_id);
      if (!isCoordinator(roles)) return ack({ response_type: 'ephemeral', text: frArchive.list.coordinatorOnly });
      return ack({ response_type: 'ephemeral', ...bordereauList(await s.batches.recent()) });
    }
    if (sub.kind === 'catalogue') {
      const { roles } = await s.members.profile(parsed.data.user_id);
      if (!roles.includes('coordinator')) {
        return ack({ response_type: 'ephemeral', text: frCase.catalogue.coordinatorOnly });
      }
      await ack();
      const all = await s.catalogue.all();
      const operators = await s.operators.settings(catalogueOperators(all));
      await client.views.open({ trigger_id: parsed.data.trigger_id, view: catalogueModal(all, operators) });
      return;
    }
    await ack();
    const opened = await openIntake(s, client, { triggerId: parsed.data.trigger_id, userId: parsed.data.user_id });
    if (opened === 'expired') await respond({ response_type: 'ephemeral', text: fr.expiredTrigger });
  };
}

/** A short read-only lookup: answered in the ack itself (well inside 3 s), visible to the asker only. */
async function timeline(s: AppServices, reference: string, userId: string): Promise<string> {
  const outcome = await caseTimeline(caseViewDeps(s), { reference, userId, now: s.now() });
  if (outcome.kind === 'not_found') return frCase.notFound;
  if (outcome.kind === 'refused') return frCase.rejection.not_allowed;
  if (outcome.kind === 'steps') return referrerStepsText(reference, outcome.steps, s.config.timeZone);
  const titles = await s.actionTitles();
  const ctx = { labels: s.labels, timeZone: s.config.timeZone, actionTitles: titles };
  if (outcome.precision === 'week')
    return coarseTimelineText(
      reference,
      outcome.entries.map((e) => ({
        week: e.week,
        actor: e.actor,
        line: e.event ? describeEvent(e.event, ctx, 'week') : frCase.timeline.referred,
      })),
      s.config.timeZone,
    );
  return timelineText(
    reference,
    outcome.entries.map((e) => ({
      at: e.at,
      actorId: e.actorId,
      line: e.event ? describeEvent(e.event, ctx) : frCase.timeline.referred,
    })),
    s.config.timeZone,
  );
}

/** The access log of a case, for the coordinator: who, when, why, granted or refused. */
async function accessLogAnswer(s: AppServices, reference: string) {
  const found = await s.referrals.findByReference(reference);
  if (!found) return { text: frCase.notFound };
  const people = peopleLines(found.summary.assigneeUserId, await s.caseMembers.active(found.id), s.config.timeZone);
  return accessLogMessage(reference, await s.accessLog.forCase(found.id), s.config.timeZone, people);
}
