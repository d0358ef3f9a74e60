import { z } from 'zod';
import { localDay } from '../../domain/dates.js';
import { KEEP_APART_REASONS } from '../../domain/duplicates.js';
import { frCase, frDuplicates } from '../../i18n/fr.js';
import { mayOnCase } from '../../use-cases/case-access.js';
import { tellLikelyDuplicates } from '../../use-cases/duplicates.js';
import { runCaseCommand } from '../../use-cases/run-case-command.js';
import type { AppServices } from '../services.js';
import { choiceOf, viewSubmission } from '../view-state.js';
import { plainMessage } from '../views/block-kit.js';
import { duplicateBlocks as b, duplicateNotice, keepApartModal } from '../views/duplicates.js';
import { messageModal } from '../views/modals.js';
import { caseDeps, outcomeMessage } from './case-support.js';
import { inModal, onClick, onSubmit } from './handlers.js';

/** After a case got its identity: tell who decides about the cases that look like the same child (never fails). */
export async function lookForDuplicates(s: AppServices, reference: string): Promise<void> {
  await tellLikelyDuplicates(
    { cases: s.cases, members: s.members, notice: duplicateNotice },
    { reference, now: s.now() },
  ).then(
    (found) => {
      if (found > 0) {
        s.logger.info({ reference, found }, 'duplicates: likely duplicates told');
        s.kickOutbox();
      }
    },
    (error: unknown) => s.logger.warn({ err: error, reference }, 'duplicates: not looked for'),
  );
}

const REF = String.raw`PRE-\d{4}-\d{4,6}`;
const pair = z
  .string()
  .regex(new RegExp(`^${REF}>${REF}$`))
  .transform((v) => {
    const [from, into] = v.split('>') as [string, string];
    return { from, into };
  });
const clickSchema = z.object({
  trigger_id: z.string().min(1).max(255),
  user: z.object({ id: z.string().min(1).max(32) }),
  actions: z.tuple([z.object({ value: pair })], z.unknown()),
});

/** The two cases, and whether this person decides about them: the new one's people, who may read the other's history. */
async function pairFor(s: AppServices, userId: string, from: string, into: string) {
  const [a, b2] = await Promise.all([s.cases.load(from), s.cases.load(into)]);
  if (!a || !b2 || a.state.mergedInto || b2.state.mergedInto || a.id === b2.id) return { gone: true as const };
  const now = s.now();
  const [mine, theirs] = await Promise.all([
    mayOnCase(caseDeps(s), a, userId, 'merge_into', now),
    mayOnCase(caseDeps(s), b2, userId, 'read_history', now),
  ]);
  return { gone: false as const, from: a, into: b2, allowed: mine.ok && theirs.ok };
}

/** "Rattacher à …" (Slack asked to confirm): the new referral closes into the existing case, which is told. */
export function duplicateMergeClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { respond }) => {
    const { from, into } = click.actions[0].value;
    const found = await pairFor(s, click.user.id, from, into);
    const say = (text: string) => respond({ replace_original: true, ...plainMessage(text) });
    if (found.gone) return void (await say(frDuplicates.gone));
    if (!found.allowed) return void (await say(frDuplicates.notAllowed));
    const now = s.now();
    const outcome = await runCaseCommand(caseDeps(s), {
      reference: from,
      expectedVersion: found.from.state.version,
      userId: click.user.id,
      command: { type: 'merge_into', on: localDay(now, s.config.timeZone), into },
      now,
    });
    const problem = outcomeMessage(from, outcome);
    if (problem) return void (await say(problem));
    await s.cases.queue({
      dedupeKey: `merged-here:${found.from.id}`,
      kind: 'thread_reply',
      referralId: found.into.id,
      message: plainMessage(frDuplicates.mergedHere(from)),
    });
    s.kickOutbox();
    s.logger.info({ from, into, by: click.user.id }, 'duplicates: referral merged');
    await say(frDuplicates.merged(from, into));
  });
}

/** "Enfant différent": the reason asked in a form. */
export function duplicateKeepClicked(s: AppServices) {
  return onClick(clickSchema, async (click, { client }) => {
    const { from, into } = click.actions[0].value;
    const found = await pairFor(s, click.user.id, from, into);
    const view = found.gone
      ? messageModal(frDuplicates.keepTitle, frDuplicates.gone)
      : !found.allowed
        ? messageModal(frDuplicates.keepTitle, frDuplicates.notAllowed)
        : keepApartModal(from, into);
    await client.views.open({ trigger_id: click.trigger_id, view });
  });
}

/** Kept apart: the pair is linked as distinct (twins: as siblings too) and is not told again. */
export function duplicateKept(s: AppServices) {
  const unreadable = inModal(frDuplicates.keepTitle, frDuplicates.gone);
  return onSubmit(viewSubmission(pair), unreadable, async (submission, { ack }) => {
    const { from, into } = submission.view.private_metadata;
    const reason = KEEP_APART_REASONS.find((r) => r === choiceOf(submission.view.state.values, b.reason));
    if (!reason) return ack({ response_action: 'errors', errors: { [b.reason]: frDuplicates.keepReason } });
    const found = await pairFor(s, submission.user.id, from, into);
    if (found.gone) return ack(unreadable);
    if (!found.allowed) return ack(inModal(frDuplicates.keepTitle, frDuplicates.notAllowed));
    await s.cases.link(found.from.id, found.into.id, 'distinct', reason, submission.user.id);
    if (reason === 'twins') await s.cases.link(found.from.id, found.into.id, 'sibling', reason, submission.user.id);
    s.logger.info({ from, into, reason, by: submission.user.id }, 'duplicates: kept apart');
    await ack(inModal(frDuplicates.keepTitle, frDuplicates.kept(from, into)));
  });
}

/** `/reperage fratrie A B`: two cases of the same family linked, by someone who may read both files. */
export async function linkSiblings(s: AppServices, userId: string, a: string, b: string): Promise<string> {
  const [first, second] = await Promise.all([s.cases.load(a), s.cases.load(b)]);
  if (!first || !second) return frCase.notFound;
  const now = s.now();
  const allowed = await Promise.all([first, second].map((c) => mayOnCase(caseDeps(s), c, userId, 'read_file', now)));
  if (!allowed.every((p) => p.ok)) return frDuplicates.siblingNotAllowed;
  await s.cases.link(first.id, second.id, 'sibling', undefined, userId);
  s.logger.info({ a, b, by: userId }, 'duplicates: siblings linked');
  return frDuplicates.siblingsLinked(a, b);
}
