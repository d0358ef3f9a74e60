import { GROUPS_KEY, groupsSchema, type ReflectionGroup } from '../domain/groups.js';
import {
  activeLists,
  entriesOf,
  type ListEntry,
  type ListKey,
  type ListProblem,
  type Lists,
  listProblem,
  listsInForce,
} from '../domain/lists.js';
import type { Logger } from '../log.js';
import type { ListsStore, ListWrite } from '../store/lists-store.js';
import { Reread } from './reread.js';

/** One list's new entries, as the coordinator's form or spreadsheet gives them. */
export interface ListEdit<K extends ListKey = ListKey> {
  key: K;
  entries: ListEntry<K>[];
  /** The version the form or file was read at (stale check). */
  expectedVersion: number;
}

export type ListsOutcome =
  | { kind: 'recorded'; changed: number }
  | { kind: 'unchanged' }
  | { kind: 'stale' }
  | { kind: 'no_workspace' }
  | { kind: 'invalid'; key: ListKey; problem: ListProblem };

/**
 * The programme's lists in force on this instance: those the coordinator recorded from Slack over the installation's
 * file, read again like the settings (a notification from another instance, a change made here, every minute).
 * `all()` keeps archived entries (labels, the annual return); `active()` offers the others to a new choice.
 */
export class LiveLists extends Reread {
  private lists: Lists;
  private activeOnes: Lists;
  private groupsValue: ReflectionGroup[] = [];
  private versions = new Map<string, number>();

  constructor(
    private readonly store: ListsStore,
    readonly defaults: Lists,
    private readonly teamId: () => string | undefined,
    private readonly logger: Logger,
  ) {
    super();
    this.lists = defaults;
    this.activeOnes = activeLists(defaults);
  }

  /** Every entry, archived ones included: the words of old cases. */
  all(): Lists {
    return this.lists;
  }

  /** The entries a new choice may take. */
  active(): Lists {
    return this.activeOnes;
  }

  /** The reflection groups beyond the three thematic ones, archived ones included. */
  groups(): ReflectionGroup[] {
    return this.groupsValue;
  }

  /** The channel of a group (none: archived or unknown; its digests then wait, then go nowhere). */
  groupChannel(id: string): string | undefined {
    const group = this.groupsValue.find((g) => g.id === id);
    return group && !group.archived ? group.channel : undefined;
  }

  /** The version a list was read at (0: the installation's file). */
  versionOf(key: ListKey | typeof GROUPS_KEY): number {
    return this.versions.get(key) ?? 0;
  }

  async history(limit: number) {
    const teamId = this.teamId();
    return teamId ? this.store.history(teamId, limit) : [];
  }

  protected async readOnce(): Promise<void> {
    let rows: Awaited<ReturnType<ListsStore['recorded']>>;
    try {
      rows = await this.store.recorded(this.teamId());
    } catch (error) {
      this.logger.warn({ err: error }, 'lists: could not read them; the last lists read stay in force');
      return;
    }
    const { lists, ignored } = listsInForce(this.defaults, rows);
    const groupsRow = rows.find((r) => r.key === GROUPS_KEY);
    const groups = groupsRow ? groupsSchema.safeParse(groupsRow.entries) : undefined;
    if (groups && !groups.success) ignored.push(GROUPS_KEY);
    this.groupsValue = groups?.success ? groups.data : [];
    if (ignored.length > 0) this.logger.warn({ lists: ignored }, 'lists: stored lists ignored (unknown or invalid)');
    this.versions = new Map(rows.map((r) => [r.key, r.version]));
    if (JSON.stringify(lists) === JSON.stringify(this.lists)) return;
    this.lists = lists;
    this.activeOnes = activeLists(lists);
  }

  /**
   * Records a reflection group, new or changed (archived, never removed), if the groups are still at the version
   * the coordinator's form was drawn at.
   */
  async changeGroup(group: ReflectionGroup, expectedVersion: number, actorId: string, at: Date): Promise<ListsOutcome> {
    const teamId = this.teamId();
    if (!teamId) return { kind: 'no_workspace' };
    const before = this.groupsValue.find((g) => g.id === group.id);
    if (JSON.stringify(before) === JSON.stringify(group)) return { kind: 'unchanged' };
    const entries = before
      ? this.groupsValue.map((g) => (g.id === group.id ? group : g))
      : [...this.groupsValue, group];
    const outcome = await this.store.record({
      teamId,
      writes: [{ key: GROUPS_KEY, expectedVersion, entries, changes: [{ entryId: group.id, before, after: group }] }],
      actorId,
      at,
    });
    if (outcome === 'stale') return { kind: 'stale' };
    await this.refresh();
    return { kind: 'recorded', changed: 1 };
  }

  /**
   * Records lists changed together (all or none): each checked by the domain, each entry's change kept in the
   * history; in force here before the answer, on the other instances through the database.
   */
  async change(
    edits: ListEdit[],
    actorId: string,
    at: Date,
    alsoInTx?: Parameters<ListsStore['record']>[1],
  ): Promise<ListsOutcome> {
    const teamId = this.teamId();
    if (!teamId) return { kind: 'no_workspace' };
    const writes: ListWrite[] = [];
    for (const edit of edits) {
      // An entry left out stays as it was: a list keeps every entry it ever had.
      const before = entriesOf(this.lists, edit.key);
      // An entry given replaces its former self in place; a new one comes last.
      const given = new Map(edit.entries.map((e) => [e.id, e]));
      const known = new Set(before.map((e) => e.id));
      const entries = [...before.map((e) => given.get(e.id) ?? e), ...edit.entries.filter((e) => !known.has(e.id))];
      const problem = listProblem(edit.key, entries);
      if (problem) return { kind: 'invalid', key: edit.key, problem };
      const changes = entryChanges(before, entries);
      if (changes.length > 0) writes.push({ key: edit.key, expectedVersion: edit.expectedVersion, entries, changes });
    }
    if (writes.length === 0 && !alsoInTx) return { kind: 'unchanged' };
    const outcome = await this.store.record({ teamId, writes, actorId, at }, alsoInTx);
    if (outcome === 'stale') return { kind: 'stale' };
    await this.refresh();
    return { kind: 'recorded', changed: writes.reduce((n, w) => n + w.changes.length, 0) };
  }
}

/** The entries added or changed (an entry is never removed: a list keeps its archived ones). */
export function entryChanges(
  before: readonly { id: string }[],
  after: readonly { id: string }[],
): ListWrite['changes'] {
  const old = new Map(before.map((e) => [e.id, e]));
  return after
    .filter((e) => JSON.stringify(old.get(e.id)) !== JSON.stringify(e))
    .map((e) => ({ entryId: e.id, before: old.get(e.id), after: e }));
}
