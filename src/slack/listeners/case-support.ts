import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { frenchDay } from '../../domain/dates.js';
import { frCase } from '../../i18n/fr.js';
import type { CaseCommandDeps, CaseCommandOutcome } from '../../use-cases/run-case-command.js';
import type { AppServices } from '../services.js';

/** A card button's value or a pathway modal's private_metadata: the reference and the version the user saw. */
export const versionedReference = z
  .string()
  .regex(/^PRE-\d{4}-\d{4,6}@\d{1,9}$/)
  .transform((v) => {
    const [reference, version] = v.split('@') as [string, string];
    return { reference, version: Number(version) };
  });

const clickSchema = z.object({
  trigger_id: z.string().min(1).max(255),
  user: z.object({ id: z.string().min(1).max(32) }),
  channel: z.object({ id: z.string().min(1).max(32) }).optional(),
  actions: z.tuple([z.object({ value: versionedReference })], z.unknown()),
});

export function caseDeps(s: AppServices): CaseCommandDeps {
  return {
    cases: s.cases,
    members: s.members,
    caseMembers: s.caseMembers,
    absences: s.absences,
    logger: s.logger,
    operators: s.operators,
    actionTitles: s.actionTitles,
    caseRender: s.caseRender,
    timeZone: s.config.timeZone,
    archiveDays: s.settings.current().archiveDays,
  };
}

/** What the lists and histories read with: the case views and the policy's ties. */
export function caseViewDeps(s: AppServices) {
  return { ...caseDeps(s), operators: s.operators };
}

/** What to tell the user when a pathway change did not go through. */
export function outcomeMessage(reference: string, outcome: CaseCommandOutcome): string | undefined {
  switch (outcome.kind) {
    case 'done':
      return undefined;
    case 'not_found':
      return frCase.notFound;
    case 'stale':
      return frCase.staleCard(reference);
    case 'rejected':
      if (outcome.limit && outcome.reason in frCase.dateRejection)
        return frCase.dateRejection[outcome.reason as keyof typeof frCase.dateRejection](frenchDay(outcome.limit));
      return outcome.reason === 'already_taken' && outcome.summary.assigneeUserId
        ? frCase.alreadyAssigned(reference, outcome.summary.assigneeUserId)
        : frCase.rejection[outcome.reason];
  }
}

export interface CaseClick {
  reference: string;
  version: number;
  userId: string;
  triggerId: string;
  /** Tells the person who clicked, privately, in the channel of the card. */
  tell(text: string): Promise<void>;
}

/** Reads a card button's click (reference and version seen, who, where); undefined when it is not one. */
export function readCaseClick(body: unknown, client: WebClient): CaseClick | undefined {
  const parsed = clickSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { reference, version } = parsed.data.actions[0].value;
  const userId = parsed.data.user.id;
  const channel = parsed.data.channel?.id;
  return {
    reference,
    version,
    userId,
    triggerId: parsed.data.trigger_id,
    tell: async (text) => {
      if (channel) await client.chat.postEphemeral({ channel, user: userId, text });
    },
  };
}
