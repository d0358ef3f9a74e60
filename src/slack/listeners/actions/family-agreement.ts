import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { FAMILY_AGREEMENTS } from '../../../domain/referral.js';
import { intakeBlocks } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { textOf, viewStateSchema } from '../../view-state.js';
import { intakeModal } from '../../views/intake-modal.js';

const changeSchema = z.object({
  user: z.object({ id: z.string().min(1).max(32) }),
  view: z.object({
    id: z.string().min(1).max(64),
    hash: z.string().min(1).max(64),
    state: z.object({ values: viewStateSchema }).optional(),
  }),
  actions: z.tuple([z.object({ selected_option: z.object({ value: z.enum(FAMILY_AGREEMENTS) }) })], z.unknown()),
});

/**
 * The intake's first answer changed: the form is redrawn for it (identity with the family's agreement, a situation
 * à examiner without). What was already typed in the fields both forms share is kept.
 */
export function familyAgreementChanged(s: AppServices) {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const parsed = changeSchema.safeParse(body);
    if (!parsed.success) return;
    const state = parsed.data.view.state?.values ?? {};
    const profile = await s.members.profile(parsed.data.user.id).catch(() => undefined);
    const view = intakeModal(
      s.lists,
      {
        institution: profile?.institution,
        role: textOf(state, intakeBlocks.referrerRole) ?? profile?.jobTitle,
        situation: textOf(state, intakeBlocks.situation),
      },
      parsed.data.actions[0].selected_option.value,
    );
    // The hash makes Slack refuse an update over a newer version of the view (a second quick change wins).
    await client.views
      .update({ view_id: parsed.data.view.id, hash: parsed.data.view.hash, view })
      .catch((error: unknown) => s.logger.warn({ err: error }, 'intake: form not redrawn after the first answer'));
  };
}
