import type { ModalView } from '@slack/types';
import type { Lists } from '../../domain/lists.js';
import { ROLES } from '../../domain/roles.js';
import { frCase, frCharter } from '../../i18n/fr.js';
import type { MemberListing } from '../../store/member-repository.js';
import { callbacks, VALUE_ACTION } from '../ids.js';
import { formModal, mrkdwn, option, plain } from './block-kit.js';

export const memberBlocks = {
  user: 'member_user',
  change: 'member_change',
  role: 'member_role',
  institution: 'member_institution',
  confirm: 'member_confirm',
} as const;

/** The coordinator's view of who holds which role, and the form to change one. */
export function membersModal(
  members: MemberListing[],
  lists: Pick<Lists, 'institutions'>,
  configured: readonly string[],
  institutionLabel: (id: string) => string,
): ModalView {
  const m = frCharter.members;
  const lines = members.map((x) => {
    const roles = x.roles.map((r) => frCharter.role[r]).join(', ');
    const institution = x.institution ? ` — ${institutionLabel(x.institution)}` : '';
    return `• <@${x.userId}> : ${roles}${institution} ${configured.includes(x.userId) ? m.configured : ''}`;
  });
  return formModal(callbacks.members, { title: m.title, submit: frCase.modal.save, close: frCase.modal.cancel }, [
    { type: 'section', text: mrkdwn(`${m.intro}\n${lines.length > 0 ? lines.join('\n') : m.none}`.slice(0, 3000)) },
    {
      type: 'input',
      block_id: memberBlocks.user,
      label: plain(m.user),
      element: { type: 'users_select', action_id: VALUE_ACTION },
    },
    {
      type: 'input',
      block_id: memberBlocks.change,
      label: plain(m.change),
      element: {
        type: 'radio_buttons',
        action_id: VALUE_ACTION,
        options: [option('grant', m.grant), option('revoke', m.revoke)],
      },
    },
    {
      type: 'input',
      block_id: memberBlocks.role,
      label: plain(m.role),
      element: {
        type: 'radio_buttons',
        action_id: VALUE_ACTION,
        options: ROLES.map((r) => option(r, frCharter.role[r])),
      },
    },
    {
      type: 'input',
      block_id: memberBlocks.institution,
      optional: true,
      label: plain(m.institution),
      element: {
        type: 'static_select',
        action_id: VALUE_ACTION,
        options: lists.institutions.map((i) => option(i.id, i.label)),
      },
    },
    {
      type: 'input',
      block_id: memberBlocks.confirm,
      optional: true,
      label: plain(m.confirm),
      element: {
        type: 'checkboxes',
        action_id: VALUE_ACTION,
        options: [{ ...option('yes', m.confirmOption), description: plain(m.confirmDetail) }],
      },
    },
  ]);
}
