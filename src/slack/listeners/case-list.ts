import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { AXES } from '../../domain/axes.js';
import { OPEN_STATUSES } from '../../domain/digest.js';
import { holds } from '../../domain/policy.js';
import { REFERENCE_PATTERN } from '../../domain/reference.js';
import { frCaseList } from '../../i18n/fr.js';
import type { AppServices } from '../services.js';
import { buttonClick, choiceOf, userOf, viewSubmission } from '../view-state.js';
import { caseListBlocks as b, type CaseListMeta, caseListMeta, caseListModal } from '../views/case-list.js';
import { messageModal } from '../views/modals.js';
import { fileAccessView } from './actions/view-file.js';
import { onClick, onSubmit } from './handlers.js';

/** The list is level 2 (references, steps, référents): whoever the policy lets read a case's history. */
async function mayList(s: AppServices, userId: string): Promise<boolean> {
  const { roles } = await s.members.profile(userId);
  return holds('read_history', { roles }, 'none');
}

async function listView(s: AppServices, meta: CaseListMeta) {
  const page = await s.cases.listOpen(meta.filter, meta.page);
  return caseListModal(meta, page, s.lists, s.labels, s.config.timeZone);
}

/** `/reperage dossiers`: the open cases, unfiltered, first page. */
export async function openCaseList(s: AppServices, client: WebClient, userId: string, triggerId: string) {
  const view = (await mayList(s, userId))
    ? await listView(s, { filter: {}, page: 0 })
    : messageModal(frCaseList.title, frCaseList.teamOnly);
  await client.views.open({ trigger_id: triggerId, view });
}

const metaText = z.string().transform((text, ctx) => {
  try {
    return caseListMeta.parse(JSON.parse(text));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a case list' });
    return z.NEVER;
  }
});

/** "Filtrer": the filters read (each optional, each checked), the first page drawn for them. */
export function caseListFiltered(s: AppServices) {
  const unreadable = { response_action: 'update' as const, view: messageModal(frCaseList.title, frCaseList.teamOnly) };
  return onSubmit(viewSubmission(metaText), unreadable, async (submission, { ack }) => {
    if (!(await mayList(s, submission.user.id))) return ack(unreadable);
    const state = submission.view.state.values;
    const filter = caseListMeta.shape.filter.safeParse({
      status: OPEN_STATUSES.find((x) => x === choiceOf(state, b.status)),
      assigneeUserId: userOf(state, b.referent),
      schoolId: s.lists.schools.find((x) => x.id === choiceOf(state, b.school))?.id,
      axis: AXES.find((x) => x === choiceOf(state, b.axis)),
    });
    const meta = { filter: filter.success ? filter.data : {}, page: 0 };
    await ack({ response_action: 'update', view: await listView(s, meta) });
  });
}

const pageClick = z.object({
  user: z.object({ id: z.string().min(1).max(32) }),
  view: z.object({ id: z.string().min(1).max(40), hash: z.string().max(100).optional(), private_metadata: metaText }),
  actions: z.tuple([z.object({ value: z.string().regex(/^\d{1,5}$/) })], z.unknown()),
});

/** "Précédents" / "Suivants": the same filter, another page, in the same modal. */
export function caseListPaged(s: AppServices) {
  return onClick(pageClick, async (click, { client }) => {
    if (!(await mayList(s, click.user.id))) return;
    const meta = { filter: click.view.private_metadata.filter, page: Number(click.actions[0].value) };
    await client.views.update({
      view_id: click.view.id,
      ...(click.view.hash ? { hash: click.view.hash } : {}),
      view: await listView(s, meta),
    });
  });
}

/** "Voir le dossier" in the list: the file's reason form (or why not), pushed over the list. */
export function caseListOpened(s: AppServices) {
  return onClick(buttonClick(z.string().regex(REFERENCE_PATTERN)), async (click, { client }) => {
    const view = await fileAccessView(s, click.actions[0].value, click.user.id);
    await client.views.push({ trigger_id: click.trigger_id, view });
  });
}
