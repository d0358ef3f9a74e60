import { randomUUID } from 'node:crypto';
import {
  CHOICES,
  type ChoiceColumn,
  type ChoiceWords,
  type ColumnKey,
  planImport,
  type Refusal,
  sheetsOf,
} from '../domain/lists-sheet.js';
import { isCoordinator, type Role } from '../domain/roles.js';
import { fr, frLists as t } from '../i18n/fr.js';
import type { Logger } from '../log.js';
import type { WorkbookNames } from '../output/lists-workbook.js';
import { offThread } from '../output/off-thread.js';
import { CatalogueRepository } from '../store/catalogue-repository.js';
import type { OutboxEntry } from '../store/outbox.js';
import type { LiveLists } from './programme-lists.js';

/** A spreadsheet sent back is at most this heavy (the lists and catalogue weigh a few tens of kB). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export interface SpreadsheetDeps {
  lists: LiveLists;
  catalogue: Pick<CatalogueRepository, 'all'>;
  queue: (entries: readonly OutboxEntry[]) => Promise<void>;
  logger: Logger;
  now: () => Date;
}

/** The words the file uses for each choice (the French of the forms). */
export const CHOICE_WORDS: ChoiceWords = {
  stage: fr.stage,
  education: t.education,
  kind: t.kind,
  axis: t.axis,
  archived: { yes: t.yes, no: t.no },
  waitingList: { yes: t.yes, no: t.no },
};

const NAMES: WorkbookNames = { sheet: t.sheet, column: t.column };

/** A short notice to `userId` by direct message, through the outbox (once per dedupe key). */
export const dmNotice = (dedupeKey: string, userId: string, text: string): OutboxEntry => ({
  dedupeKey,
  kind: 'post',
  destination: { kind: 'user', userId },
  // One section, as the other notices of this floor (use cases know nothing of slack/views).
  message: { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
});

/** The lists and the catalogue as a workbook (made on the compute thread), sent to `userId` by direct message. */
export async function exportLists(deps: SpreadsheetDeps, userId: string): Promise<void> {
  const sheets = sheetsOf(deps.lists.all(), await deps.catalogue.all(), CHOICE_WORDS);
  const bytes = await offThread.run('listsWorkbook', sheets, NAMES);
  const name = `${t.fileName}.xlsx`;
  await deps.queue([
    {
      dedupeKey: `lists-export:${randomUUID()}`,
      kind: 'file_upload',
      destination: { kind: 'user', userId },
      comment: t.exportComment,
      files: [{ filename: name, title: name, altText: t.exportAltText, base64: Buffer.from(bytes).toString('base64') }],
    },
  ]);
}

/** The report's lines: where, then what, 30 at most (a message stays readable; the rest are counted). */
export function refusalReport(refusals: readonly Refusal[]): string {
  const column = (c: ColumnKey) => t.column[c];
  const choices = (c: ColumnKey) =>
    c in CHOICES
      ? (CHOICES[c as ChoiceColumn] as readonly string[]).map(
          (code) => (CHOICE_WORDS[c as ChoiceColumn] as Record<string, string>)[code] ?? code,
        )
      : [];
  const lines = refusals
    .slice(0, 30)
    .map((r) => `• ${t.refusalWhere(t.sheet[r.sheet], r.line)} : ${t.issue(r.issue, column, choices)}`);
  if (refusals.length > 30) lines.push(t.importMore(refusals.length - 30));
  return [t.importRefused(refusals.length), ...lines].join('\n');
}

/**
 * A spreadsheet the coordinator sent: read on the compute thread, every row checked against the lists and the
 * catalogue in force; all of it recorded in one transaction, or nothing and a line-by-line report. The answer goes
 * by direct message (the outbox).
 */
export async function importLists(
  deps: SpreadsheetDeps,
  input: { userId: string; roles: readonly Role[]; bytes: Uint8Array; dedupeKey: string },
): Promise<string> {
  const text = await importText(deps, input);
  await deps.queue([dmNotice(input.dedupeKey, input.userId, text)]);
  return text;
}

async function importText(
  deps: SpreadsheetDeps,
  input: { userId: string; roles: readonly Role[]; bytes: Uint8Array },
): Promise<string> {
  if (!isCoordinator(input.roles)) return t.importCoordinatorOnly;
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) return t.importTooBig;
  const read = await offThread.run('readListsWorkbook', input.bytes, NAMES);
  if (read.unreadable) return t.importUnreadable;
  if (read.unknownSheets.length > 0)
    return [
      t.importRefused(read.unknownSheets.length),
      ...read.unknownSheets.map((name) => `• ${t.unknownSheet(name)}`),
    ].join('\n');
  const catalogue = await deps.catalogue.all();
  const planned = planImport(read.sheets, { lists: deps.lists.all(), catalogue }, CHOICE_WORDS);
  if ('refusals' in planned) return refusalReport(planned.refusals);
  const { plan } = planned;
  if (plan.lists.length === 0 && plan.catalogue.length === 0) return t.importNothing;
  const at = deps.now();
  const outcome = await deps.lists.change(
    plan.lists.map((l) => ({ key: l.key, entries: l.entries, expectedVersion: deps.lists.versionOf(l.key) })),
    input.userId,
    at,
    plan.catalogue.length > 0
      ? (tx, teamId) => CatalogueRepository.applyInTx(tx, plan.catalogue, at, teamId)
      : undefined,
  );
  if (outcome.kind === 'stale') return t.importStale;
  if (outcome.kind === 'no_workspace') return t.noWorkspace;
  if (outcome.kind === 'invalid')
    return refusalReport([{ sheet: outcome.key, issue: { kind: 'list', problem: outcome.problem } }]);
  deps.logger.info(
    { lists: plan.lists.map((l) => l.key), catalogue: plan.catalogue.length, by: input.userId },
    'lists imported from a spreadsheet',
  );
  const lines = plan.lists.map((l) => t.importListLine(t.list[l.key], l.added, l.changed));
  if (plan.catalogue.length > 0)
    lines.push(
      t.importCatalogueLine(
        plan.catalogue.filter((c) => c.kind === 'add').length,
        plan.catalogue.filter((c) => c.kind === 'update').length,
      ),
    );
  return t.importApplied(lines);
}
