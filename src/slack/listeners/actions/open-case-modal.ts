import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { localDay } from '../../../domain/dates.js';
import { offeredObjectives } from '../../../domain/lists.js';
import { mayDo, type PolicyRefusal } from '../../../domain/policy.js';
import { frCase } from '../../../i18n/fr.js';
import type { LoadedCase } from '../../../store/case-repository.js';
import { actorOnCase } from '../../../use-cases/case-access.js';
import { type ActionTitles, cardUpdate } from '../../../use-cases/run-case-command.js';
import { CASE_FORM_COMMANDS, type CaseModalKind } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { withBasis } from '../../views/case-forms/basis.js';
import {
  closeModal,
  consentModal,
  evaluateModal,
  identityModal,
  informationPreoccupanteModal,
  objectivesModal,
  orientModal,
  parcoursModal,
  progressModal,
  referentModal,
  reviewModal,
  scopeChoices,
} from '../../views/case-modals.js';
import { caseDeps, readCaseClick } from '../case-support.js';

export type { CaseModalKind } from '../../ids.js';

/**
 * Buttons that open a pathway form. The trigger_id lives 3 s: two indexed reads, then views.open. A click on an
 * outdated card or by someone not allowed gets a private explanation instead of a form that would fail later.
 */
export function openCaseModalClicked(s: AppServices, kind: CaseModalKind) {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const click = readCaseClick(body, client);
    if (!click) return;
    const { reference, version, tell } = click;
    const found = await s.cases.load(reference);
    if (!found) return tell(frCase.notFound);
    const now = s.now();
    const refused = await formRefusal(s, kind, found, click.userId, now);
    if (refused) return tell(frCase.rejection[refused]);
    const titles = await s.actionTitles();
    if (found.state.version !== version) {
      await s.cases.queue(cardUpdate(found.id, found.summary, s.caseRender, titles));
      s.kickOutbox();
      return tell(frCase.staleCard(reference));
    }
    const view = await caseFormView(s, kind, found, titles, localDay(now, s.config.timeZone));
    await client.views.open({ trigger_id: click.triggerId, view });
  };
}

/** A pathway form drawn for the case as it stands, its metadata saying what it was drawn from (basis.ts). */
export async function caseFormView(
  s: AppServices,
  kind: CaseModalKind,
  found: LoadedCase,
  titles: ActionTitles,
  today: string,
): Promise<ModalView> {
  const catalogue = async () =>
    (await s.catalogue.active()).map((a) => ({ id: a.id, title: a.title, details: frCase.catalogue.details(a) }));
  let view: ModalView;
  switch (kind) {
    case 'consent':
      view = consentModal(
        found.summary,
        scopeChoices(await s.catalogue.all(), s.lists.institutions),
        today,
        found.state.agreement,
      );
      break;
    case 'orient':
      view = orientModal(found.summary, await catalogue(), s.lists.prestations, today);
      break;
    case 'progress':
      view = progressModal(found.summary, found.state.orientations, titles, today);
      break;
    case 'evaluate':
      view = evaluateModal(found.summary, found.state.orientations, titles, today);
      break;
    case 'close':
      view = closeModal(found.summary, today);
      break;
    case 'informationPreoccupante':
      view = informationPreoccupanteModal(found.summary, today);
      break;
    case 'parcours':
      view = parcoursModal(found.summary, today);
      break;
    case 'referent':
      view = referentModal(found.summary);
      break;
    case 'objectives':
      {
        const current = found.state.parcours?.objectives ?? [];
        view = objectivesModal(found.summary, offeredObjectives(s.liveLists.all(), current), today, current);
      }
      break;
    case 'review':
      view = reviewModal(
        found.summary,
        found.state.parcours?.objectives ?? [],
        (o) => s.labels.objective(o.axis, o.labelId),
        today,
      );
      break;
    case 'identity':
      view = identityModal(found.summary);
      break;
  }
  return withBasis(view, kind, found.summary.reference, found.state);
}

/** Why the policy refuses this person every command of the form, if it does (logged); undefined when one is allowed. */
export async function formRefusal(
  s: AppServices,
  kind: CaseModalKind,
  found: LoadedCase,
  userId: string,
  now: Date,
): Promise<PolicyRefusal | undefined> {
  const who = await actorOnCase(caseDeps(s), found, userId, now);
  const permissions = CASE_FORM_COMMANDS[kind].map((type) => mayDo(type, who, who.ties, who.phase));
  if (permissions.some((p) => p.ok)) return undefined;
  const refused = permissions.find((p) => !p.ok);
  if (!refused || refused.ok) return undefined;
  s.logger.info(
    { reference: found.summary.reference, userId, form: kind, reason: refused.reason },
    'policy: a form was refused',
  );
  return refused.reason;
}
