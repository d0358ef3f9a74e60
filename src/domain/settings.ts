import { z } from 'zod';
import type { DigestAudience } from './digest.js';

/**
 * A programme's settings, changed by the coordinator from Slack (Réglages). Each has a kind, its bounds and the
 * environment variable that gives its installation default. One table: the configuration's parsing, the Réglages
 * form, the history and the live values all read their bounds from here.
 *
 * The value in force: the one recorded from Slack, else the environment variable's, else the built-in default.
 */
export const SETTING_KINDS = {
  celluleChannel: { kind: 'channel', env: 'PRE_CELLULE_CHANNEL', section: 'channels' },
  schoolingChannel: { kind: 'channel', env: 'PRE_GROUP_SCHOOLING_CHANNEL', section: 'channels' },
  parentingChannel: { kind: 'channel', env: 'PRE_GROUP_PARENTING_CHANNEL', section: 'channels' },
  healthChannel: { kind: 'channel', env: 'PRE_GROUP_HEALTH_CHANNEL', section: 'channels' },
  digestsEnabled: { kind: 'switch', env: 'PRE_DIGESTS', section: 'digests', default: true },
  digestWeekday: { kind: 'weekday', env: 'PRE_DIGEST_CRON', section: 'digests', default: 1 },
  digestHour: {
    kind: 'integer',
    env: 'PRE_DIGEST_CRON',
    section: 'digests',
    min: 0,
    max: 23,
    unit: 'hour',
    default: 9,
  },
  minCell: { kind: 'integer', env: 'PRE_MIN_CELL', section: 'digests', min: 2, max: 50, unit: 'children', default: 3 },
  consentReminderDays: {
    kind: 'integer',
    env: 'PRE_CONSENT_REMINDER_DAYS',
    section: 'delays',
    min: 1,
    max: 365,
    unit: 'days',
    default: 14,
  },
  oralConsentDays: {
    kind: 'integer',
    env: 'PRE_ORAL_CONSENT_DAYS',
    section: 'delays',
    min: 1,
    max: 365,
    unit: 'days',
    default: 15,
  },
  reviewMonths: {
    kind: 'integer',
    env: 'PRE_REVIEW_MONTHS',
    section: 'delays',
    min: 1,
    max: 24,
    unit: 'months',
    default: 3,
  },
  operatorReminderDays: {
    kind: 'integer',
    env: 'PRE_OPERATOR_REMINDER_DAYS',
    section: 'delays',
    min: 1,
    max: 365,
    unit: 'days',
    default: 10,
  },
  inactiveMonths: {
    kind: 'integer',
    env: 'PRE_INACTIVE_MONTHS',
    section: 'retention',
    min: 1,
    max: 120,
    unit: 'months',
    default: 24,
  },
  archiveDays: {
    kind: 'integer',
    env: 'PRE_ARCHIVE_DAYS',
    section: 'retention',
    min: 0,
    max: 3650,
    unit: 'days',
    default: 90,
  },
  retentionMonths: {
    kind: 'integer',
    env: 'PRE_RETENTION_MONTHS',
    section: 'retention',
    min: 1,
    max: 120,
    unit: 'months',
    default: 12,
  },
  refusalRetentionDays: {
    kind: 'integer',
    env: 'PRE_REFUSAL_RETENTION_DAYS',
    section: 'retention',
    min: 1,
    max: 3650,
    unit: 'days',
    default: 90,
  },
  erasureMode: {
    kind: 'choice',
    env: 'PRE_ERASURE_MODE',
    section: 'retention',
    options: ['visa', 'automatic'],
    default: 'visa',
  },
} as const;

export type SettingKey = keyof typeof SETTING_KINDS;
export const SETTING_KEYS = Object.keys(SETTING_KINDS) as SettingKey[];
export const SETTING_SECTIONS = ['channels', 'digests', 'delays', 'retention'] as const;
export type SettingSection = (typeof SETTING_SECTIONS)[number];

type Kinds = typeof SETTING_KINDS;
type IntegerKey = { [K in SettingKey]: Kinds[K]['kind'] extends 'integer' ? K : never }[SettingKey];

/** The bounds of an integer setting: the environment's parsing and the Réglages form share them. */
export function boundsOf(key: IntegerKey): { min: number; max: number; default: number } {
  const k = SETTING_KINDS[key];
  return { min: k.min, max: k.max, default: k.default };
}

export const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,30}$/;

/** The value each setting holds, by kind; a channel may be unset (what waits for it stays in the outbox). */
export interface SettingValues {
  celluleChannel: string | null;
  schoolingChannel: string | null;
  parentingChannel: string | null;
  healthChannel: string | null;
  digestsEnabled: boolean;
  /** ISO day of the week: 1 Monday … 7 Sunday. */
  digestWeekday: number;
  digestHour: number;
  minCell: number;
  consentReminderDays: number;
  oralConsentDays: number;
  reviewMonths: number;
  operatorReminderDays: number;
  inactiveMonths: number;
  archiveDays: number;
  retentionMonths: number;
  refusalRetentionDays: number;
  erasureMode: 'visa' | 'automatic';
}

/** Where each audience's messages go: the setting holding its channel. */
export const AUDIENCE_CHANNEL = {
  cellule: 'celluleChannel',
  schooling: 'schoolingChannel',
  parenting: 'parentingChannel',
  health: 'healthChannel',
} as const satisfies Record<DigestAudience, SettingKey>;

export type ChannelSettingKey = (typeof AUDIENCE_CHANNEL)[DigestAudience];
/** The settings holding a channel: the cellule's and the three reflection groups'. */
export const CHANNEL_SETTINGS: readonly ChannelSettingKey[] = Object.values(AUDIENCE_CHANNEL);

/** Every audience has its channel: the digests can go out (they are turned on only then). */
export function everyChannelSet(v: Pick<SettingValues, ChannelSettingKey>): boolean {
  return CHANNEL_SETTINGS.every((key) => Boolean(v[key]));
}

/** The schema of one setting's value: what a stored row, a form or a spreadsheet must parse to. */
export function valueSchema<K extends SettingKey>(key: K): z.ZodType<SettingValues[K]> {
  const k: (typeof SETTING_KINDS)[SettingKey] = SETTING_KINDS[key];
  switch (k.kind) {
    case 'channel':
      return z.string().regex(SLACK_CHANNEL_ID).nullable() as unknown as z.ZodType<SettingValues[K]>;
    case 'switch':
      return z.boolean() as unknown as z.ZodType<SettingValues[K]>;
    case 'weekday':
      return z.number().int().min(1).max(7) as unknown as z.ZodType<SettingValues[K]>;
    case 'integer':
      return z.number().int().min(k.min).max(k.max) as unknown as z.ZodType<SettingValues[K]>;
    case 'choice':
      return z.enum(k.options) as unknown as z.ZodType<SettingValues[K]>;
  }
}

/** The values recorded from Slack, each checked again on the way out of the database (a bad row is ignored). */
export type RecordedSettings = Partial<SettingValues>;

export function parseRecorded(rows: readonly { key: string; value: unknown }[]): {
  recorded: RecordedSettings;
  ignored: string[];
} {
  const recorded: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const row of rows) {
    if (!(row.key in SETTING_KINDS)) {
      ignored.push(row.key);
      continue;
    }
    const parsed = valueSchema(row.key as SettingKey).safeParse(row.value);
    if (parsed.success) recorded[row.key] = parsed.data;
    else ignored.push(row.key);
  }
  return { recorded: recorded as RecordedSettings, ignored };
}

/** The settings in force: recorded values over the installation's defaults. */
export function settingsInForce(defaults: SettingValues, recorded: RecordedSettings): SettingValues {
  return { ...defaults, ...recorded };
}

/**
 * A value typed in the Réglages form, read for its setting: a number for an integer, the option for a choice, a
 * channel id. `undefined` when it does not parse (the form shows its bounds).
 */
export function readTyped<K extends SettingKey>(key: K, typed: string | undefined): SettingValues[K] | undefined {
  const k: (typeof SETTING_KINDS)[SettingKey] = SETTING_KINDS[key];
  const text = typed?.trim() ?? '';
  const raw: unknown =
    k.kind === 'integer' || k.kind === 'weekday'
      ? /^\d{1,6}$/.test(text)
        ? Number(text)
        : undefined
      : k.kind === 'switch'
        ? text === 'on'
          ? true
          : text === 'off'
            ? false
            : undefined
        : k.kind === 'channel'
          ? text === ''
            ? null
            : text
          : text;
  const parsed = valueSchema(key).safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The weekly digests' schedule as a cron expression (on the day, at the hour), in the programme's zone. */
export function digestCron(values: Pick<SettingValues, 'digestWeekday' | 'digestHour'>, minute = 0): string {
  return `${minute} ${values.digestHour} * * ${values.digestWeekday % 7}`;
}

/**
 * The digests' schedule in force: the installation's expression (PRE_DIGEST_CRON) until the coordinator sets a day
 * or an hour from Slack, then that day and hour (at the installation's minute when it had the weekly form).
 */
export function digestScheduleOf(values: SettingValues, recorded: RecordedSettings, installationCron: string): string {
  if (recorded.digestWeekday === undefined && recorded.digestHour === undefined) return installationCron;
  return digestCron(values, weeklyOf(installationCron)?.minute ?? 0);
}

/**
 * The day and hour a PRE_DIGEST_CRON expression gives, when it is the simple weekly form "M H * * D"; otherwise
 * undefined (the expression stays in force until the coordinator sets a day or an hour).
 */
export function weeklyOf(cron: string): { digestWeekday: number; digestHour: number; minute: number } | undefined {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/.exec(cron.trim());
  if (!m) return undefined;
  const day = Number(m[3]);
  return { minute: Number(m[1]), digestHour: Number(m[2]), digestWeekday: day === 0 ? 7 : day };
}

/** Two values of one setting are the same (what a form resubmitted unchanged must not record). */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** One change of a setting as the history shows it: the value before and after (undefined: the default). */
export interface SettingChangeRecord {
  key: SettingKey;
  before?: unknown;
  after?: unknown;
  actorId: string;
  at: Date;
}
