import type { KnownBlock, ModalView } from '@slack/types';
import type { CaseSummary } from '../../domain/case-summary.js';
import { fr, frHandover } from '../../i18n/fr.js';
import { callbacks, VALUE_ACTION } from '../ids.js';
import { formModal, mrkdwn, plain } from './block-kit.js';

/** A modal holds at most 100 blocks: twenty cases a form, the rest stay listed in App Home. */
const MAX_CASES = 20;

/** The block of one case in the handover form: its reference, so that the submission names the case. */
export const handoverBlock = (reference: string) => `handover_${reference}`;
export const handoverReference = (blockId: string) =>
  blockId.startsWith('handover_') ? blockId.slice('handover_'.length) : undefined;

/**
 * The coordinator hands over open cases — a leaving member's, or one found without a référent — each to a team
 * member, in one form. `leaving` is the person who left (their cases), absent for a single case.
 */
export function handoverModal(cases: readonly CaseSummary[], leaving?: string): ModalView {
  const shown = cases.slice(0, MAX_CASES);
  const first = shown[0];
  const intro =
    leaving || !first ? frHandover.intro(leaving ?? '', cases.length) : frHandover.introOne(first.reference);
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(intro) },
    ...shown.map(
      (c): KnownBlock => ({
        type: 'input',
        block_id: handoverBlock(c.reference),
        optional: true,
        label: plain(frHandover.caseLabel(c.reference, fr.status[c.status])),
        element: { type: 'users_select', action_id: VALUE_ACTION },
      }),
    ),
    ...(cases.length > MAX_CASES
      ? [{ type: 'context' as const, elements: [mrkdwn(frHandover.more(cases.length - MAX_CASES))] }]
      : []),
  ];
  return formModal(
    callbacks.handover,
    { title: frHandover.title, submit: frHandover.save, close: frHandover.cancel },
    blocks,
    leaving ?? '',
  );
}
