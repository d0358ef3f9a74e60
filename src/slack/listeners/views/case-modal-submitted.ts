import type { ViewResponseAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { localDay } from '../../../domain/dates.js';
import type { CaseCommand } from '../../../domain/pathway.js';
import { frCase } from '../../../i18n/fr.js';
import type { CaseNotes, LoadedCase } from '../../../store/case-repository.js';
import { mayOnCase } from '../../../use-cases/case-access.js';
import { runCaseCommand } from '../../../use-cases/run-case-command.js';
import { intakeBlocks } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { type ViewState, viewSubmission } from '../../view-state.js';
import { mrkdwn } from '../../views/block-kit.js';
import { changedFacets, formMetadataSchema } from '../../views/case-forms/basis.js';
import { caseBlocks as b, scopeChoices } from '../../views/case-modals.js';
import type { CaseModalKind } from '../actions/open-case-modal.js';
import { caseFormView, formRefusal } from '../actions/open-case-modal.js';
import { caseDeps, outcomeMessage } from '../case-support.js';
import { lookForDuplicates } from '../duplicates.js';
import { blockError, onSubmit } from '../handlers.js';
import { readClose, readIdentity, readInformationPreoccupante } from './case-forms/case.js';
import { readConsent } from './case-forms/consent.js';
import { readEvaluate, readOrient, readProgress } from './case-forms/orientation.js';
import { readObjectives, readParcours, readReferent, readReview } from './case-forms/parcours.js';
import { type FormContext, type FormReading, formReading } from './case-forms/reading.js';

const submissionSchema = viewSubmission(formMetadataSchema);

type Parsed = { command: CaseCommand; notes?: CaseNotes } | { errors: Record<string, string> };

/** Where a refusal that concerns the whole form is shown. */
const ANCHOR: Record<CaseModalKind, string> = {
  consent: b.date,
  orient: b.actions,
  progress: b.orientation,
  evaluate: b.caseResult,
  close: b.reason,
  identity: intakeBlocks.childFirstName,
  informationPreoccupante: b.date,
  parcours: b.referent,
  referent: b.referent,
  objectives: b.objective(1),
  review: b.parcoursNext,
};

const READERS: Record<CaseModalKind, (f: FormReading) => CaseCommand | undefined> = {
  consent: readConsent,
  orient: readOrient,
  progress: readProgress,
  evaluate: readEvaluate,
  parcours: readParcours,
  referent: readReferent,
  objectives: readObjectives,
  review: readReview,
  informationPreoccupante: readInformationPreoccupante,
  identity: readIdentity,
  close: readClose,
};

function read(kind: CaseModalKind, state: ViewState, ctx: FormContext): Parsed {
  const f = formReading(state, ctx);
  const command = READERS[kind](f);
  if (Object.keys(f.errors).length > 0 || !command) return { errors: f.errors };
  return { command, notes: f.notes };
}

/** A pathway form submitted: parse, let the rules decide, answer in the form when it did not go through. */
export function caseModalSubmitted(s: AppServices, kind: CaseModalKind) {
  const unreadable = blockError(ANCHOR[kind], frCase.rejection.wrong_status);
  return onSubmit(submissionSchema, unreadable, async (submission, { ack }) => {
    const { reference, version, prints } = submission.view.private_metadata;
    const now = s.now();
    const [found, active] = await Promise.all([s.cases.load(reference), s.catalogue.active()]);
    if (!found) return ack(blockError(ANCHOR[kind], frCase.notFound));
    // Changed since the form was drawn: what it shows changed → drawn again, what was typed kept (Slack keeps the
    // inputs of identical blocks) and the change said; a change elsewhere leaves it valid.
    const changed = found.state.version === version ? [] : changedFacets(kind, prints, found.state);
    if (changed.length > 0) {
      const refused = await formRefusal(s, kind, found, submission.user.id, now);
      if (refused) return ack(blockError(ANCHOR[kind], frCase.rejection[refused]));
      const today = localDay(now, s.config.timeZone);
      const view = await caseFormView(s, kind, found, await s.actionTitles(), today);
      return ack({
        response_action: 'update',
        view: withNotice(view, frCase.formRedrawn(changed.map((f) => frCase.facet[f]))),
      });
    }
    const result = read(kind, submission.view.state.values, {
      consent: found.state.consent,
      orientations: found.state.orientations,
      activeActions: active.map((a) => a.id),
      operatorOf: new Map(active.map((a) => [a.id, a.operator])),
      prestations: s.lists.prestations,
      parcours: found.state.parcours,
      // Archived objectives too: a parcours keeps the ones it had (the form offers them to it alone).
      objectiveIds: {
        schooling: s.liveLists.all().objectives.schooling.map((o) => o.id),
        parenting: s.liveLists.all().objectives.parenting.map((o) => o.id),
        health: s.liveLists.all().objectives.health.map((o) => o.id),
      },
      reviewAfter: (on) => format(addMonths(parseISO(on), s.settings.current().reviewMonths), 'yyyy-MM-dd'),
      today: localDay(now, s.config.timeZone),
    });
    if ('errors' in result) return ack({ response_action: 'errors', errors: result.errors });
    const outcome = await runCaseCommand(caseDeps(s), {
      reference,
      // The form's basis is unchanged: it applies to the case as it stands.
      expectedVersion: found.state.version,
      userId: submission.user.id,
      command: result.command,
      notes: result.notes,
      now,
    });
    if (outcome.kind === 'rejected' && outcome.reason === 'outside_scope' && result.command.type === 'orient')
      return ack(await outsideScope(s, found, result.command.operators, submission.user.id, now));
    const message = outcomeMessage(reference, outcome);
    // A date that contradicts the case's history is answered beside the date itself.
    const anchor = outcome.kind === 'rejected' && outcome.limit ? b.date : ANCHOR[kind];
    if (message) await ack(blockError(anchor, message));
    else await ack();
    s.kickOutbox();
    // An identity completed: the same child referred before is looked for (after Slack has its answer).
    if (!message && kind === 'identity') await lookForDuplicates(s, reference);
  });
}

/**
 * An orientation to a partner the family's agreement does not cover: the partner named and, for whoever may update
 * the agreement, its form pushed over the orientation's (which comes back, what was typed kept, once it is saved).
 */
async function outsideScope(
  s: AppServices,
  found: LoadedCase,
  operators: readonly string[],
  userId: string,
  now: Date,
): Promise<ViewResponseAction> {
  const partners = scopeChoices(await s.catalogue.all(), s.lists.institutions);
  const scope = found.state.agreement?.scope ?? [];
  const missing = [...new Set(operators.filter((o) => !scope.includes(o)))].map(
    (key) => partners.find((p) => p.key === key)?.label ?? key,
  );
  const may = await mayOnCase(caseDeps(s), found, userId, 'record_consent_given', now);
  if (!may.ok) return blockError(b.actions, frCase.outsideScope(missing, false));
  const today = localDay(now, s.config.timeZone);
  const view = await caseFormView(s, 'consent', found, await s.actionTitles(), today);
  return { response_action: 'push', view: withNotice(view, frCase.outsideScope(missing, true)) };
}

/** A form with a notice under its case line. */
function withNotice(view: ModalView, notice: string): ModalView {
  const [caseLine, ...rest] = view.blocks;
  return {
    ...view,
    blocks: [...(caseLine ? [caseLine] : []), { type: 'context', elements: [mrkdwn(notice)] }, ...rest],
  };
}
