import type { KnownBlock, ModalView } from '@slack/types';
import { KEEP_APART_REASONS } from '../../domain/duplicates.js';
import { frDuplicates as d } from '../../i18n/fr.js';
import type { LikelyDuplicate } from '../../store/identity-match.js';
import type { RenderedMessage } from '../../store/outbox.js';
import { actions, callbacks, VALUE_ACTION } from '../ids.js';
import { formModal, input, mrkdwn, option, plain } from './block-kit.js';

export const duplicateBlocks = { reason: 'duplicate_reason' } as const;

/** The pair a duplicate's buttons and form carry: the new referral and the case it looks like. */
export const pairValue = (from: string, into: string) => `${from}>${into}`;

/** To the référent (or the coordinators): which cases look like the same child — references only. */
export function duplicateNotice(reference: string, likely: readonly LikelyDuplicate[]): RenderedMessage {
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(d.notice(reference)) },
    ...likely.slice(0, 10).flatMap((c): KnownBlock[] => [
      { type: 'section', text: mrkdwn(d.candidate(c.reference, c.sameBirthDate)) },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: actions.duplicateMerge,
            text: plain(d.merge(c.reference)),
            value: pairValue(reference, c.reference),
            style: 'primary',
            confirm: {
              title: plain(d.mergeConfirmTitle),
              text: plain(d.mergeConfirm(reference, c.reference)),
              confirm: plain(d.mergeConfirmYes),
              deny: plain(d.mergeConfirmNo),
            },
          },
          {
            type: 'button',
            action_id: actions.duplicateKeep,
            text: plain(d.keep),
            value: pairValue(reference, c.reference),
          },
        ],
      },
    ]),
  ];
  return { text: d.fallback(reference), blocks };
}

/** "Enfant différent": why the two cases are kept apart (a code). */
export function keepApartModal(from: string, other: string): ModalView {
  return formModal(
    callbacks.duplicateKeep,
    { title: d.keepTitle, submit: d.save, close: d.close },
    [
      { type: 'section', text: mrkdwn(d.keepIntro(from, other)) },
      input(duplicateBlocks.reason, d.keepReason, {
        type: 'radio_buttons',
        action_id: VALUE_ACTION,
        options: KEEP_APART_REASONS.map((r) => option(r, d.keepReasons[r])),
      }),
    ],
    pairValue(from, other),
  );
}
