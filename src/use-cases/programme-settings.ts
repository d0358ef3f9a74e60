import type { DigestAudience } from '../domain/digest.js';
import {
  AUDIENCE_CHANNEL,
  parseRecorded,
  type RecordedSettings,
  type SettingChangeRecord,
  type SettingKey,
  type SettingValues,
  settingsInForce,
} from '../domain/settings.js';
import type { Logger } from '../log.js';
import type { RecordOutcome, SettingsStore } from '../store/settings-store.js';
import { Reread } from './reread.js';

/**
 * The programme's settings in force on this instance: the coordinator's from Slack over the installation's defaults.
 * Read again when another instance says they changed (a notification on PostgreSQL), after a change made here, and
 * every minute; a reader always gets the last values read, never waits for the database.
 */
export class LiveSettings extends Reread {
  private recordedValues: RecordedSettings = {};
  private values: SettingValues;
  private readonly changeListeners: ((values: SettingValues, before: SettingValues) => void)[] = [];

  constructor(
    private readonly store: SettingsStore,
    readonly defaults: SettingValues,
    /** The workspace (auth.test's team id); undefined until Slack answered once. */
    private readonly teamId: () => string | undefined,
    private readonly logger: Logger,
  ) {
    super();
    this.values = defaults;
  }

  /** The values in force now. */
  current(): SettingValues {
    return this.values;
  }

  /** The channel of the cellule or of a reflection group in force (none yet: its messages wait in the outbox). */
  channelOf(audience: DigestAudience): string | undefined {
    return this.values[AUDIENCE_CHANNEL[audience]] ?? undefined;
  }

  /** The workspace's changes, newest first. */
  async history(limit: number): Promise<SettingChangeRecord[]> {
    const teamId = this.teamId();
    return teamId ? this.store.history(teamId, limit) : [];
  }

  /** What the coordinator recorded (a setting absent here takes its default). */
  recorded(): RecordedSettings {
    return this.recordedValues;
  }

  /** Called with the new and former values whenever a read changes them. */
  onChange(listener: (values: SettingValues, before: SettingValues) => void): void {
    this.changeListeners.push(listener);
  }

  protected async readOnce(): Promise<void> {
    let rows: { key: string; value: unknown }[];
    try {
      rows = (await this.store.recorded(this.teamId())).rows;
    } catch (error) {
      // The values read last stay in force; the next read tries again.
      this.logger.warn({ err: error }, 'settings: could not read them; the last values read stay in force');
      return;
    }
    const { recorded, ignored } = parseRecorded(rows);
    if (ignored.length > 0) this.logger.warn({ keys: ignored }, 'settings: stored values ignored (unknown or invalid)');
    const before = this.values;
    this.recordedValues = recorded;
    this.values = settingsInForce(this.defaults, recorded);
    if (JSON.stringify(before) === JSON.stringify(this.values)) return;
    for (const listener of this.changeListeners) {
      try {
        listener(this.values, before);
      } catch (error) {
        this.logger.error({ err: error }, 'settings: a change could not be applied');
      }
    }
  }

  /**
   * The coordinator changes a setting: `value` undefined goes back to the default; `expected` is what their form
   * showed as recorded. Applied on this instance before the answer; the others are told by the database.
   */
  async change(input: {
    key: SettingKey;
    expected: unknown;
    value: unknown;
    actorId: string;
    at: Date;
  }): Promise<RecordOutcome | 'no_workspace'> {
    const teamId = this.teamId();
    if (!teamId) return 'no_workspace';
    const outcome = await this.store.record({ teamId, ...input });
    if (outcome === 'recorded') await this.refresh();
    return outcome;
  }
}
