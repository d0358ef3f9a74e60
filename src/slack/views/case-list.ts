import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { AXES } from '../../domain/axes.js';
import { frenchDay, localDay } from '../../domain/dates.js';
import { OPEN_STATUSES } from '../../domain/digest.js';
import type { Lists } from '../../domain/lists.js';
import { fr, frCaseList as l } from '../../i18n/fr.js';
import { CASE_LIST_PAGE, type CaseListPage } from '../../store/case-list.js';
import { actions, callbacks, VALUE_ACTION } from '../ids.js';
import { referenceLink } from './app-home.js';
import { formModal, input, mrkdwn, option, plain } from './block-kit.js';
import type { ListLabels } from './labels.js';

export const caseListBlocks = {
  status: 'list_status',
  referent: 'list_referent',
  school: 'list_school',
  axis: 'list_axis',
} as const;

/** What the list's private_metadata carries: the filter shown and the page. */
export const caseListMeta = z.object({
  filter: z.object({
    status: z.enum(OPEN_STATUSES).optional(),
    assigneeUserId: z
      .string()
      .regex(/^[UW][A-Z0-9]{2,31}$/)
      .optional(),
    schoolId: z.string().max(100).optional(),
    axis: z.enum(AXES).optional(),
  }),
  page: z.number().int().min(0).max(10_000),
});
export type CaseListMeta = z.infer<typeof caseListMeta>;

/** `/reperage dossiers`: the filters (kept as chosen), the counts, a page of open cases, each with its file. */
export function caseListModal(
  meta: CaseListMeta,
  result: CaseListPage,
  lists: Lists,
  labels: ListLabels,
  timeZone: string,
): ModalView {
  const { filter, page } = meta;
  const select = (blockId: string, label: string, options: [string, string][], chosen?: string) => {
    const all = options.map(([v, t]) => option(v, t));
    const initial = all.find((o) => o.value === chosen);
    return input(
      blockId,
      label,
      { type: 'static_select', action_id: VALUE_ACTION, options: all, ...(initial ? { initial_option: initial } : {}) },
      true,
    );
  };
  const counts = OPEN_STATUSES.filter((s) => result.byStatus[s])
    .map((s) => l.countPart(fr.status[s], result.byStatus[s] ?? 0))
    .join(' · ');
  const rows: KnownBlock[] = result.rows.map((r) => ({
    type: 'section',
    text: mrkdwn(
      l.row(
        referenceLink(r),
        fr.status[r.status],
        r.assigneeUserId ? `<@${r.assigneeUserId}>` : l.noReferent,
        r.schoolId ? labels.school(r.schoolId) : l.noSchool,
        r.axes.map((a) => fr.axis[a]).join(', '),
        frenchDay(localDay(r.referredAt, timeZone)),
      ),
    ),
    accessory: {
      type: 'button',
      action_id: actions.caseListOpen,
      text: plain(l.open),
      value: r.reference,
      accessibility_label: `${l.open} ${r.reference}`,
    },
  }));
  const from = page * CASE_LIST_PAGE + 1;
  const to = page * CASE_LIST_PAGE + result.rows.length;
  const paging = [
    ...(page > 0
      ? [
          {
            type: 'button' as const,
            action_id: actions.caseListPrevious,
            text: plain(l.previous),
            value: String(page - 1),
          },
        ]
      : []),
    ...(to < result.total
      ? [{ type: 'button' as const, action_id: actions.caseListNext, text: plain(l.next), value: String(page + 1) }]
      : []),
  ];
  return formModal(
    callbacks.caseList,
    { title: l.title, submit: l.filter, close: l.close },
    [
      { type: 'context', elements: [mrkdwn(l.intro)] },
      select(
        caseListBlocks.status,
        l.status,
        OPEN_STATUSES.map((s) => [s, fr.status[s]]),
        filter.status,
      ),
      input(
        caseListBlocks.referent,
        l.referent,
        {
          type: 'users_select',
          action_id: VALUE_ACTION,
          ...(filter.assigneeUserId ? { initial_user: filter.assigneeUserId } : {}),
        },
        true,
      ),
      select(
        caseListBlocks.school,
        l.school,
        lists.schools.slice(0, 100).map((s) => [s.id, s.label]),
        filter.schoolId,
      ),
      select(
        caseListBlocks.axis,
        l.axis,
        AXES.map((a) => [a, fr.axis[a]]),
        filter.axis,
      ),
      { type: 'divider' },
      { type: 'section', text: mrkdwn(l.counts(result.total, counts)) },
      ...(rows.length > 0 ? rows : [{ type: 'section' as const, text: mrkdwn(l.none) }]),
      ...(paging.length > 0
        ? [
            { type: 'context' as const, elements: [mrkdwn(l.page(from, to, result.total))] },
            { type: 'actions' as const, elements: paging },
          ]
        : []),
    ],
    JSON.stringify(meta),
  );
}
