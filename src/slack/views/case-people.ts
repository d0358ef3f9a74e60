import type { KnownBlock, ModalView } from '@slack/types';
import { frenchDate } from '../../domain/dates.js';
import { frPeople } from '../../i18n/fr.js';
import { CASE_MEMBER_REASONS, type CaseMemberEntry } from '../../store/case-members.js';
import { callbacks, VALUE_ACTION } from '../ids.js';
import { formModal, mrkdwn, option, plain } from './block-kit.js';

export const peopleBlocks = { add: 'people_add', reason: 'people_reason', remove: 'people_remove' } as const;

const reasonText = (reason: string) =>
  reason in frPeople.reasons ? frPeople.reasons[reason as keyof typeof frPeople.reasons] : reason;

/** Who is on the case, as lines: the référent, then each person added (by whom, when, why). */
export function peopleLines(assigneeUserId: string | undefined, members: readonly CaseMemberEntry[], timeZone: string) {
  const p = frPeople;
  return [
    assigneeUserId ? p.referent(assigneeUserId) : p.noReferent,
    ...members.map((m) => p.added(m.userId, reasonText(m.reason), m.addedBy, frenchDate(m.addedAt, timeZone))),
  ];
}

/** `/reperage intervenants`: the référent or a coordinator adds people to one case, or removes them. */
export function casePeopleModal(
  reference: string,
  assigneeUserId: string | undefined,
  members: readonly CaseMemberEntry[],
  timeZone: string,
): ModalView {
  const p = frPeople;
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(p.intro(reference)) },
    { type: 'section', text: mrkdwn(peopleLines(assigneeUserId, members, timeZone).join('\n')) },
    {
      type: 'input',
      block_id: peopleBlocks.add,
      optional: true,
      label: plain(p.add),
      element: { type: 'users_select', action_id: VALUE_ACTION },
    },
    {
      type: 'input',
      block_id: peopleBlocks.reason,
      optional: true,
      label: plain(p.reason),
      element: {
        type: 'radio_buttons',
        action_id: VALUE_ACTION,
        options: CASE_MEMBER_REASONS.map((r) => option(r, p.reasons[r])),
      },
    },
  ];
  if (members.length > 0)
    blocks.push({
      type: 'input',
      block_id: peopleBlocks.remove,
      optional: true,
      label: plain(p.remove),
      element: {
        type: 'checkboxes',
        action_id: VALUE_ACTION,
        // Checkbox options may be mrkdwn: a mention shows the person's name.
        options: members.slice(0, 10).map((m) => ({ value: m.userId, text: mrkdwn(`<@${m.userId}>`) })),
      },
    });
  return formModal(callbacks.casePeople, { title: p.title, submit: p.save, close: p.cancel }, blocks, reference);
}
