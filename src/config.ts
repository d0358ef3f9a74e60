import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';
import {
  boundsOf,
  digestCron,
  everyChannelSet,
  SETTING_KINDS,
  type SettingValues,
  weeklyOf,
} from './domain/settings.js';
import { PROJECT_ROOT } from './paths.js';

const DEFAULT_DATA_DIR = './data';

/** The lists shipped with the app; relative paths given in PRE_LISTS_FILE are taken from the working directory. */
export const DEFAULT_LISTS_FILE = join(PROJECT_ROOT, 'config', 'lists.json');

/** Every setting the app reads. Nothing else in the code reads process.env. */
const slackChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id (e.g. C0123ABCD)');
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be Slack user ids (e.g. U0123ABCD)');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
}

/** An integer setting's variable: its bounds and default are the setting's own (domain/settings.ts). */
function bounded(key: Parameters<typeof boundsOf>[0]) {
  const b = boundsOf(key);
  return z.coerce.number().int().min(b.min).max(b.max).default(b.default);
}

function isValidCron(expression: string): boolean {
  try {
    new Cron(expression, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

const isValidTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const DEFAULT_DIGEST_CRON = digestCron({
  digestWeekday: SETTING_KINDS.digestWeekday.default,
  digestHour: SETTING_KINDS.digestHour.default,
});

const envSchema = z.object({
  SLACK_BOT_TOKEN: optional(
    z.string().regex(/^xox[bp]-/, 'must start with xoxb- (the bot token, not the app-level or a user token)'),
  ),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, 'too short to be a signing secret')),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'must start with xapp- (app-level token, Socket Mode)')),
  SLACK_API_URL: optional(z.url({ message: 'must be a URL (e.g. https://slack.com/api/)' })),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optionalText,
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a URL postgres://user:password@host:5432/database'),
  ),
  PRE_DB_POOL: z.coerce.number().int().min(1).max(100).default(10),
  PRE_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  /** The generated key's file (embedded mode, no key configured): outside the data directory by default. */
  PRE_KEY_FILE: z.string().min(1).optional(),
  PRE_ENCRYPTION_KEY: optionalText,
  PRE_ENCRYPTION_KEYS: optionalText,
  /** The wrapping keys' directory (every instance shares it): outside the data directory by default. */
  PRE_KEYS_DIR: z.string().min(1).optional(),
  /** How long the operator keeps database backups: a retired wrapping key is destroyed after it. */
  PRE_BACKUP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  PRE_CELLULE_CHANNEL: optional(slackChannelId),
  PRE_GROUP_SCHOOLING_CHANNEL: optional(slackChannelId),
  PRE_GROUP_PARENTING_CHANNEL: optional(slackChannelId),
  PRE_GROUP_HEALTH_CHANNEL: optional(slackChannelId),
  PRE_COORDINATORS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(slackUserId)),
  PRE_TIMEZONE: z.string().default('Europe/Paris').refine(isValidTimeZone, 'unknown time zone (e.g. Europe/Paris)'),
  PRE_LISTS_FILE: z.string().default(DEFAULT_LISTS_FILE),
  PRE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PRE_DIGEST_CRON: z
    .string()
    .default(DEFAULT_DIGEST_CRON)
    .refine(isValidCron, `not a valid cron expression (default "${DEFAULT_DIGEST_CRON}": Mondays at 09:00)`),
  PRE_MIN_CELL: bounded('minCell'),
  PRE_DIGESTS: optional(z.enum(['on', 'off'])),
  PRE_RETENTION_MONTHS: bounded('retentionMonths'),
  PRE_REFUSAL_RETENTION_DAYS: bounded('refusalRetentionDays'),
  PRE_INACTIVE_MONTHS: bounded('inactiveMonths'),
  PRE_ARCHIVE_DAYS: bounded('archiveDays'),
  PRE_ERASURE_MODE: z.enum(SETTING_KINDS.erasureMode.options).default(SETTING_KINDS.erasureMode.default),
  PRE_CONSENT_REMINDER_DAYS: bounded('consentReminderDays'),
  PRE_ORAL_CONSENT_DAYS: bounded('oralConsentDays'),
  PRE_REVIEW_MONTHS: bounded('reviewMonths'),
  PRE_OPERATOR_REMINDER_DAYS: bounded('operatorReminderDays'),
  PRE_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  PRE_SANDBOX_DATA_DIR: z.string().default('./data-sandbox'),
  NODE_ENV: optionalText,
});

/** Every environment variable the app reads (the README's configuration table lists each). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);

export type SlackMode =
  | { kind: 'http'; botToken: string; signingSecret: string }
  | { kind: 'socket'; botToken: string; appToken: string; signingSecret?: string };

export interface Config {
  slack: SlackMode & { apiUrl?: string };
  port: number;
  host?: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; pool: number };
  dataDir: string;
  /** Where the generated key lives (embedded mode without a configured key). */
  keyFile: string;
  /** The wrapping keys' directory (store/wrapping-keys.ts). */
  keysDir: string;
  /** Raw key material as given; parsed by the key ring (store/key-ring.ts). */
  encryptionKeys: string[];
  coordinators: string[];
  timeZone: string;
  listsFile: string;
  logLevel: z.infer<typeof envSchema>['PRE_LOG_LEVEL'];
  outboxIntervalMs: number;
  /**
   * The programme's settings as the installation gives them (environment, else built-in): the defaults under what
   * the coordinator records from Slack. Read the values in force from the live settings, never from here.
   */
  settingDefaults: SettingValues;
  /** PRE_DIGEST_CRON: in force until the coordinator sets the digests' day or hour from Slack. */
  digestCron: string;
  /** Database backups are kept this long: a wrapping key retired longer ago is destroyed. */
  backupDays: number;
}

export interface RetentionConfig {
  closedMonths: number;
  refusalDays: number;
  /** A case with no activity for this long is proposed for closure, then counted as closed for retention. */
  inactiveMonths: number;
  /** `visa`: erasure waits for the archives service's visa on a bordereau d'élimination; `automatic`: at once. */
  erasureMode: 'visa' | 'automatic';
  /** Database backups are kept this long: a wrapping key retired longer ago is destroyed. */
  backupDays: number;
}

/** The retention rules in force: the live settings' delays and mode, the installation's backups. */
export function retentionOf(values: SettingValues, backupDays: number): RetentionConfig {
  return {
    closedMonths: values.retentionMonths,
    refusalDays: values.refusalRetentionDays,
    inactiveMonths: values.inactiveMonths,
    erasureMode: values.erasureMode,
    backupDays,
  };
}

/** The installation's defaults of every setting: the environment's values, else the built-in ones. */
function settingDefaultsOf(e: Env): SettingValues {
  const weekly = weeklyOf(e.PRE_DIGEST_CRON);
  const channels = {
    celluleChannel: e.PRE_CELLULE_CHANNEL ?? null,
    schoolingChannel: e.PRE_GROUP_SCHOOLING_CHANNEL ?? null,
    parentingChannel: e.PRE_GROUP_PARENTING_CHANNEL ?? null,
    healthChannel: e.PRE_GROUP_HEALTH_CHANNEL ?? null,
  };
  return {
    ...channels,
    // Unset: on when the environment gives every channel (an installation set up by its variables), otherwise off
    // until the coordinator turns the digests on from Slack, once the channels are chosen there.
    digestsEnabled: e.PRE_DIGESTS !== undefined ? e.PRE_DIGESTS === 'on' : everyChannelSet(channels),
    digestWeekday: weekly?.digestWeekday ?? SETTING_KINDS.digestWeekday.default,
    digestHour: weekly?.digestHour ?? SETTING_KINDS.digestHour.default,
    minCell: e.PRE_MIN_CELL,
    consentReminderDays: e.PRE_CONSENT_REMINDER_DAYS,
    oralConsentDays: e.PRE_ORAL_CONSENT_DAYS,
    reviewMonths: e.PRE_REVIEW_MONTHS,
    operatorReminderDays: e.PRE_OPERATOR_REMINDER_DAYS,
    inactiveMonths: e.PRE_INACTIVE_MONTHS,
    archiveDays: e.PRE_ARCHIVE_DAYS,
    retentionMonths: e.PRE_RETENTION_MONTHS,
    refusalRetentionDays: e.PRE_REFUSAL_RETENTION_DAYS,
    erasureMode: e.PRE_ERASURE_MODE,
  };
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration: ${[...new Set(problems.map((p) => p.variable))].join(', ')}`);
  }
}

const SLACK_HELP = 'create the Slack app from manifest.yml (README, "Slack setup") and copy its credentials';
const SLACK_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;
const noSlackVariable = (env: Record<string, string | undefined>) =>
  SLACK_VARIABLES.every((name) => !env[name]?.trim());

/**
 * `npm start` with no Slack variable at all starts the sandbox (src/sandbox): the real app against the built-in
 * Slack emulator, with demo data, and a web page standing in for Slack. A partial Slack configuration is an error,
 * and NODE_ENV=production never starts the sandbox.
 */
export function sandboxRequested(env: Record<string, string | undefined>): boolean {
  return noSlackVariable(env) && env.NODE_ENV?.trim() !== 'production';
}

export interface SandboxConfig {
  /** The page, on the loopback only. */
  port: number;
  dataDir: string;
  /**
   * `npm start -- --fresh`: a programme just installed — no demo data, no channel, no coordinator — in a directory
   * of its own emptied at each start, so that a new user walks the set-up from App Home.
   */
  fresh?: boolean;
  timeZone: string;
  listsFile: string;
  logLevel: Config['logLevel'];
}

/** The few settings the sandbox takes from the environment; it ignores DATABASE_URL and the keys on purpose. */
export function loadSandboxConfig(env: Record<string, string | undefined>): SandboxConfig {
  const parsed = envSchema
    .pick({ PORT: true, PRE_SANDBOX_DATA_DIR: true, PRE_TIMEZONE: true, PRE_LISTS_FILE: true, PRE_LOG_LEVEL: true })
    .safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  const e = parsed.data;
  return {
    port: e.PORT,
    dataDir: e.PRE_SANDBOX_DATA_DIR,
    timeZone: e.PRE_TIMEZONE,
    listsFile: e.PRE_LISTS_FILE,
    logLevel: e.PRE_LOG_LEVEL,
  };
}

/** Parses the environment. Throws a ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  // Every problem at once: a malformed value does not hide a missing one (the checks across variables below read
  // what was given, whatever its form; a value given in a wrong form is reported once, above, not as missing).
  const problems: ConfigProblem[] = parsed.success ? [] : problemsOf(parsed.error);
  const given = (name: keyof Env) => (env[name] ?? '').trim() !== '';
  if (!given('SLACK_BOT_TOKEN')) {
    // Reached without any Slack variable only in production, where the sandbox never starts.
    const sandboxOff = noSlackVariable(env) ? ' (NODE_ENV=production: the demo sandbox does not start)' : '';
    problems.push({
      variable: 'SLACK_BOT_TOKEN',
      message: `missing: the bot token (xoxb-…); ${SLACK_HELP}${sandboxOff}`,
    });
  }
  if (!given('SLACK_APP_TOKEN') && !given('SLACK_SIGNING_SECRET')) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      message: `missing: the signing secret (HTTP mode), or SLACK_APP_TOKEN for Socket Mode; ${SLACK_HELP}`,
    });
  }
  const trimmed = (name: keyof Env) => (given(name) ? env[name]?.trim() : undefined);
  const encryptionKeys = readKeyRing(
    {
      PRE_ENCRYPTION_KEY: trimmed('PRE_ENCRYPTION_KEY'),
      PRE_ENCRYPTION_KEYS: trimmed('PRE_ENCRYPTION_KEYS'),
      DATABASE_URL: trimmed('DATABASE_URL'),
    },
    problems,
  );
  checkKeyFilePlace(
    {
      PRE_DATA_DIR: trimmed('PRE_DATA_DIR') ?? DEFAULT_DATA_DIR,
      PRE_KEY_FILE: trimmed('PRE_KEY_FILE'),
      PRE_KEYS_DIR: trimmed('PRE_KEYS_DIR'),
      DATABASE_URL: trimmed('DATABASE_URL'),
    },
    encryptionKeys,
    problems,
  );
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const slack: SlackMode | undefined = !e.SLACK_BOT_TOKEN
    ? undefined
    : e.SLACK_APP_TOKEN
      ? {
          kind: 'socket',
          botToken: e.SLACK_BOT_TOKEN,
          appToken: e.SLACK_APP_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
        }
      : e.SLACK_SIGNING_SECRET
        ? { kind: 'http', botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET }
        : undefined;
  if (!slack) throw new ConfigError(problems);

  return {
    slack: { ...slack, apiUrl: e.SLACK_API_URL },
    port: e.PORT,
    host: e.HOST,
    database: databaseOf(e),
    dataDir: e.PRE_DATA_DIR,
    keyFile: keyFileOf(e),
    keysDir: keysDirOf(e),
    encryptionKeys,
    coordinators: e.PRE_COORDINATORS,
    timeZone: e.PRE_TIMEZONE,
    listsFile: e.PRE_LISTS_FILE,
    logLevel: e.PRE_LOG_LEVEL,
    outboxIntervalMs: e.PRE_OUTBOX_INTERVAL_MS,
    settingDefaults: settingDefaultsOf(e),
    digestCron: e.PRE_DIGEST_CRON,
    backupDays: e.PRE_BACKUP_DAYS,
  };
}

/** What the maintenance commands need (database, keys, retention), without Slack credentials. */
export interface StoreConfig {
  database: Config['database'];
  dataDir: string;
  keyFile: string;
  keysDir: string;
  encryptionKeys: string[];
  /** The settings' installation defaults (under what the coordinator recorded from Slack). */
  settingDefaults: SettingValues;
  backupDays: number;
  timeZone: string;
  /** PRE_COORDINATORS: the export names their role. */
  coordinators: string[];
  /** The lists (erasure generalises a neighbourhood to its QPV status). */
  listsFile: string;
}

export function loadStoreConfig(env: Record<string, string | undefined>): StoreConfig {
  // Every variable but Slack's: the settings' defaults are the app's own (the live values are the database's).
  const parsed = envSchema
    .omit({ SLACK_BOT_TOKEN: true, SLACK_SIGNING_SECRET: true, SLACK_APP_TOKEN: true, SLACK_API_URL: true })
    .safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  const e = parsed.data;
  const problems: ConfigProblem[] = [];
  const encryptionKeys = readKeyRing(e, problems);
  checkKeyFilePlace(e, encryptionKeys, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    database: databaseOf(e),
    dataDir: e.PRE_DATA_DIR,
    keyFile: keyFileOf(e),
    keysDir: keysDirOf(e),
    encryptionKeys,
    settingDefaults: settingDefaultsOf(e),
    backupDays: e.PRE_BACKUP_DAYS,
    timeZone: e.PRE_TIMEZONE,
    coordinators: e.PRE_COORDINATORS,
    listsFile: e.PRE_LISTS_FILE,
  };
}

/**
 * The generated key's place: PRE_KEY_FILE, or beside the data directory (`./data` → `./data.key`), never inside
 * it, so that a copy of the data directory is not a copy of its key too.
 */
function keyFileOf(e: { PRE_DATA_DIR: string; PRE_KEY_FILE?: string }): string {
  return e.PRE_KEY_FILE ?? `${e.PRE_DATA_DIR.replace(/[/\\]+$/, '')}.key`;
}

/** The wrapping keys' directory: PRE_KEYS_DIR, or beside the data directory (`./data` → `./data.keys`). */
function keysDirOf(e: { PRE_DATA_DIR: string; PRE_KEYS_DIR?: string }): string {
  return e.PRE_KEYS_DIR ?? `${e.PRE_DATA_DIR.replace(/[/\\]+$/, '')}.keys`;
}

/**
 * Embedded mode keeps its keys beside the data directory, never inside it (a copy of the data would carry the keys
 * that open it): the wrapping keys' directory always, and the generated key when no key is configured.
 * `PRE_DATA_DIR=.` would put `..key` and `..keys` inside it, so it is refused too, in one message.
 */
function checkKeyFilePlace(
  e: { PRE_DATA_DIR: string; PRE_KEY_FILE?: string; PRE_KEYS_DIR?: string; DATABASE_URL?: string },
  keys: string[],
  problems: ConfigProblem[],
): void {
  if (e.DATABASE_URL) return;
  const inside: { variable: 'PRE_KEY_FILE' | 'PRE_KEYS_DIR'; path: string; what: string }[] = [];
  if (keys.length === 0 && within(keyFileOf(e), e.PRE_DATA_DIR))
    inside.push({ variable: 'PRE_KEY_FILE', path: keyFileOf(e), what: 'the generated key' });
  if (within(keysDirOf(e), e.PRE_DATA_DIR))
    inside.push({ variable: 'PRE_KEYS_DIR', path: keysDirOf(e), what: 'the wrapping keys' });
  for (const place of inside.filter((p) => e[p.variable]))
    problems.push({
      variable: place.variable,
      message: `${place.path} is inside PRE_DATA_DIR (${e.PRE_DATA_DIR}): a copy of the data directory would carry the keys that open it; choose a path outside it`,
    });
  const derived = inside.filter((p) => !e[p.variable]);
  if (derived.length > 0)
    problems.push({
      variable: 'PRE_DATA_DIR',
      message: `"${e.PRE_DATA_DIR}" leaves no place beside it for ${derived.map((p) => `${p.what} (${p.path} would be inside it)`).join(' and ')}: name a directory of its own (for instance ./data), or set ${derived.map((p) => p.variable).join(' and ')} outside it`,
    });
}

/** Is `path` the directory `dir` or inside it, symbolic links followed as far as they exist? */
function within(path: string, dir: string): boolean {
  const real = (p: string): string => {
    const absolute = resolve(p);
    if (existsSync(absolute)) return realpathSync(absolute);
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(real(parent), basename(absolute));
  };
  const rel = relative(real(dir), real(path));
  // Not `startsWith('..')`: a file named `..key` inside the directory is inside it.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Only what the database needs, for `npm run db:migrate` (no Slack credentials required). */
export function loadDatabaseTarget(env: Record<string, string | undefined>): Config['database'] {
  const parsed = envSchema.pick({ DATABASE_URL: true, PRE_DB_POOL: true, PRE_DATA_DIR: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  return databaseOf(parsed.data);
}

type Env = z.infer<typeof envSchema>;

function problemsOf(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message }));
}

function databaseOf(e: Pick<Env, 'DATABASE_URL' | 'PRE_DB_POOL' | 'PRE_DATA_DIR'>): Config['database'] {
  return e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, pool: e.PRE_DB_POOL }
    : { kind: 'pglite', dataDir: e.PRE_DATA_DIR };
}

/** The key ring as configured (newest first), adding to `problems` what is wrong with it. */
function readKeyRing(
  e: Pick<Env, 'PRE_ENCRYPTION_KEY' | 'PRE_ENCRYPTION_KEYS' | 'DATABASE_URL'>,
  problems: ConfigProblem[],
): string[] {
  if (e.PRE_ENCRYPTION_KEY && e.PRE_ENCRYPTION_KEYS) {
    problems.push({
      variable: 'PRE_ENCRYPTION_KEY',
      message: 'both PRE_ENCRYPTION_KEY and PRE_ENCRYPTION_KEYS are set: keep only PRE_ENCRYPTION_KEYS',
    });
  }
  const keys = (e.PRE_ENCRYPTION_KEYS ?? e.PRE_ENCRYPTION_KEY ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.some((k) => !isKeyMaterial(k))) {
    problems.push({
      variable: e.PRE_ENCRYPTION_KEYS ? 'PRE_ENCRYPTION_KEYS' : 'PRE_ENCRYPTION_KEY',
      message: 'each key must be 32 bytes in base64 (44 characters); generate one with: openssl rand -base64 32',
    });
  }
  if (e.DATABASE_URL && keys.length === 0) {
    problems.push({
      variable: 'PRE_ENCRYPTION_KEY',
      message:
        'required with DATABASE_URL (PostgreSQL server): generate one with "openssl rand -base64 32" and keep it safe',
    });
  }
  return keys;
}

export function isKeyMaterial(key: string): boolean {
  return /^[A-Za-z0-9+/]{43}=$/.test(key) && Buffer.from(key, 'base64').length === 32;
}

/** The one message an operator sees for a bad configuration. */
export function formatConfigError(error: ConfigError): string {
  const lines = error.problems.map((p) => `  - ${p.variable} : ${p.message}`);
  return [
    'pre-referrals cannot start: the configuration is incomplete or invalid.',
    ...lines,
    'Set these variables in the environment or in a .env file (template: .env.example; details: README.md, "Configuration").',
  ].join('\n');
}
