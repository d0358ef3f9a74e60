// Builds the app — configuration, database, Slack (or the emulator's), jobs — and starts it. main.ts (the command
// line), the sandbox and the tests start it from here; it imports neither of them.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import type { DestinationStream } from 'pino';
import { type Config, loadConfig, retentionOf } from './config.js';
import type { DigestAudience } from './domain/digest.js';
import { difficultyIds, type Lists } from './domain/lists.js';
import {
  CHANNEL_SETTINGS,
  digestScheduleOf,
  SETTING_KEYS,
  SETTING_KINDS,
  type SettingValues,
  sameValue,
} from './domain/settings.js';
import { Background } from './jobs/background.js';
import { remindOralAgreements, remindPendingConsents, remindReviews } from './jobs/consent-reminders.js';
import { watchEventLoop } from './jobs/event-loop-watch.js';
import { remindOperators } from './jobs/operator-reminders.js';
import { OutboxDispatcher } from './jobs/outbox-dispatcher.js';
import { runRetention } from './jobs/retention.js';
import { DigestScheduler } from './jobs/weekly-digest.js';
import { loadLists } from './lists-file.js';
import { createLogger, type Logger, libraryLogger } from './log.js';
import { buildSlackApp, type Health } from './slack/app.js';
import { SlackConnection } from './slack/connection.js';
import type { AppServices } from './slack/services.js';
import { erasureContext, retentionRender } from './slack/views/archive-messages.js';
import { celluleCard, eventLine, ipNotice, referralReceipt, referrerNews } from './slack/views/case-messages.js';
import { digestMessage } from './slack/views/digest-message.js';
import { type ListLabels, listLabels } from './slack/views/labels.js';
import { liaisonSheet, sheetNoAnswer, sheetReminder, sheetWaiting } from './slack/views/liaison-sheet.js';
import { warmUp } from './slack/warm-up.js';
import { Absences } from './store/absences.js';
import { AccessLog } from './store/access-log.js';
import { CaseMembers } from './store/case-members.js';
import { CaseRepository } from './store/case-repository.js';
import { CatalogueRepository } from './store/catalogue-repository.js';
import { type Database, openDatabase } from './store/db.js';
import { DigestRuns } from './store/digest-runs.js';
import { EliminationBatches } from './store/elimination-batches.js';
import { EpsMeetings } from './store/eps-meetings.js';
import { claimUnkeyedRows, installedAt } from './store/installation.js';
import { KeyRing, resolveKeyMaterial } from './store/key-ring.js';
import { Level1Store } from './store/level1-store.js';
import { LiaisonSheets } from './store/liaison-sheets.js';
import { LISTS_CHANNEL, ListsStore } from './store/lists-store.js';
import { MemberRepository } from './store/member-repository.js';
import { applyMigrations } from './store/migrations.js';
import { OperatorRepository } from './store/operators.js';
import { OutboxStore } from './store/outbox.js';
import { ReferralRepository } from './store/referral-repository.js';
import { RunningInstance } from './store/running-instances.js';
import { SETTINGS_CHANNEL, SettingsStore } from './store/settings-store.js';
import { TakenRequests } from './store/taken-requests.js';
import { type StoreKeys, WrappingKeyError, WrappingKeys } from './store/wrapping-keys.js';
import { LiveLists } from './use-cases/programme-lists.js';
import { LiveSettings } from './use-cases/programme-settings.js';
import type { Reread } from './use-cases/reread.js';

export interface StartOptions {
  /** Where JSON logs go (stdout by default); tests capture them to scan for level-1 data. */
  logDestination?: DestinationStream;
  /** The clock; tests move it. */
  now?: () => Date;
  /** The delays between token checks while Slack does not answer (1 s doubling to 60 s; tests shorten them). */
  slackRetryMs?: { first: number; max: number };
}

export interface RunningApp {
  config: Config;
  db: Database;
  logger: Logger;
  /** The HTTP port (Slack endpoint and /healthz). */
  port: number;
  /** What /healthz answers (the sandbox's page answers it too). */
  health(): Promise<Health>;
  dispatcher: OutboxDispatcher;
  /** The programme's settings in force on this instance (Réglages). */
  settings: LiveSettings;
  /** The programme's lists in force on this instance (Réglages, Listes). */
  lists: LiveLists;
  /** Scheduled work, callable on demand (operations, tests). */
  jobs: {
    remindPendingConsents(): Promise<unknown>;
    retention(): Promise<unknown>;
    weeklyDigest(): Promise<unknown>;
  };
  stop(): Promise<void>;
}

/** How long start-up jobs may hold back readiness before they go on in the background. */
const STARTUP_JOBS_WAIT_MS = 10_000;

/**
 * Reads `live` once and listens to `channel` before the app says it is ready (a change made by another instance from
 * then on is heard); Slack unreachable at start, the workspace is known once it answers, and `live` read then.
 */
async function liveOnEveryInstance(
  db: Database,
  connection: SlackConnection,
  live: Reread,
  channel: string,
): Promise<() => void> {
  await live.start();
  const stop = await db.listen(channel, () => void live.refresh());
  if (!connection.current())
    void connection.connected().then(
      () => live.refresh(),
      () => {},
    );
  return stop;
}

export class StartupError extends Error {
  readonly code = 'startup_failed';
}

/** Builds everything from the environment and starts serving. The CLI entry point and the tests both call this. */
export async function startApp(
  env: Record<string, string | undefined>,
  options: StartOptions = {},
): Promise<RunningApp> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, options.logDestination);
  const fileLists = loadLists(config.listsFile);
  // The bot token first: a token Slack refuses stops here, before the database is touched.
  const connection = new SlackConnection({
    botToken: config.slack.botToken,
    apiUrl: config.slack.apiUrl,
    logger,
    retryMs: options.slackRetryMs,
  });
  await connection.connect();
  const ring = new KeyRing(resolveKeys(config, logger));
  const now = options.now ?? (() => new Date());
  let keys: StoreKeys;
  try {
    keys = { ring, wrapping: WrappingKeys.open(config.keysDir, ring, now()) };
  } catch (error) {
    connection.stop();
    throw error instanceof WrappingKeyError ? new StartupError(error.message) : error;
  }

  const db = await openDatabase(config.database).catch((error: unknown) => {
    connection.stop();
    throw error;
  });
  try {
    const report = await applyMigrations(db);
    if (report.applied.length > 0) logger.info({ applied: report.applied }, 'database: migrations applied');
    const referrals = new ReferralRepository(db.prisma, keys);
    const unknown = await referrals.unknownKeyIds();
    if (unknown.length > 0) {
      throw new StartupError(
        `stored data (or the wrapping keys in ${config.keysDir}) is encrypted with key id(s) ${unknown.join(', ')} ` +
          'that the configured key ring lacks; ' +
          'add the missing key to PRE_ENCRYPTION_KEYS (newest first) rather than replacing it',
      );
    }
    const lost = await referrals.missingWrappingKeys();
    if (lost.length > 0) {
      throw new StartupError(
        `case keys are wrapped by wrapping key(s) ${lost.join(', ')} whose file is not in ${config.keysDir}: ` +
          'restore the keys directory (PRE_KEYS_DIR) from its copy; every instance must share the same directory',
      );
    }
    // The programme's settings: the coordinator's from Slack over the environment's; every instance reads them again
    // when one records a change.
    const settings = new LiveSettings(
      new SettingsStore(db.prisma),
      config.settingDefaults,
      () => connection.current()?.teamId,
      logger,
    );
    // The lists likewise: the coordinator's from Slack over the installation's file.
    const lists = new LiveLists(new ListsStore(db.prisma), fileLists, () => connection.current()?.teamId, logger);
    const unlisten = await Promise.all([
      liveOnEveryInstance(db, connection, settings, SETTINGS_CHANNEL),
      liveOnEveryInstance(db, connection, lists, LISTS_CHANNEL),
    ]);
    warnAboutChannels(settings.current(), logger);
    const instance = new RunningInstance(db.prisma, ring, () => new Date());
    await instance.register();

    // The first start is the install: the weekly digests begin with the first full week after it.
    const installed = await installedAt(db.prisma, now());
    // The rows kept before they were keyed by workspace are the installed one's, once Slack says which it is.
    const claim = (teamId: string) =>
      claimUnkeyedRows(db.prisma, teamId).then(
        (n) => n > 0 && logger.info({ rows: n }, 'catalogue and operators keyed by the workspace'),
        (error: unknown) => logger.warn({ err: error }, 'could not key the catalogue by the workspace; next start'),
      );
    const known = connection.current()?.teamId;
    if (known) await claim(known);
    else
      void connection.connected().then(
        () => {
          const teamId = connection.current()?.teamId;
          return teamId ? claim(teamId) : undefined;
        },
        () => {},
      );
    if (report.applied.length > 0) logger.info({ installedAt: installed.toISOString() }, 'installation');
    // Labels drawn again when the lists change (archived entries keep their words).
    let drawn: { all: Lists; labels: ListLabels } | undefined;
    const labelsOf = (all: Lists) => {
      if (drawn?.all !== all) drawn = { all, labels: listLabels(all) };
      return drawn.labels;
    };
    const labels: ListLabels = {
      school: (id) => labelsOf(lists.all()).school(id),
      neighbourhood: (id) => labelsOf(lists.all()).neighbourhood(id),
      institution: (id) => labelsOf(lists.all()).institution(id),
      objective: (axis, id) => labelsOf(lists.all()).objective(axis, id),
      prestationTitles: () => labelsOf(lists.all()).prestationTitles(),
    };
    const messageCtx = { labels, timeZone: config.timeZone, familyNotice: fileLists.familyNotice };
    // Our own client for the outbox: no built-in retries, the dispatcher owns them (see outbox-dispatcher.ts).
    const outboxClient = new WebClient(config.slack.botToken, {
      slackApiUrl: config.slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
      logger: libraryLogger(logger, 'outbox-client'),
    });
    const workspace = () => connection.current()?.teamId;
    const operators = new OperatorRepository(db.prisma, workspace);
    const dispatcher = new OutboxDispatcher(
      new OutboxStore(db.prisma),
      outboxClient,
      // The cellule's and the three groups' channels are settings; the other groups' are theirs.
      (audience) =>
        audience.startsWith('group:')
          ? lists.groupChannel(audience.slice('group:'.length))
          : settings.channelOf(audience as DigestAudience),
      operators,
      logger,
      config.outboxIntervalMs,
      () => connection.current()?.botId,
    );
    const catalogue = new CatalogueRepository(db.prisma, workspace);
    // Catalogue actions by id, and the kinds of prestation individuelle under their `prestation:` ids.
    const actionTitles = async () =>
      new Map<string, string>([
        ...(await catalogue.all()).map((a) => [a.id, a.title] as const),
        ...labels.prestationTitles(),
      ]);
    const services: AppServices = {
      config,
      settings,
      get lists() {
        return lists.active();
      },
      liveLists: lists,
      labels,
      logger,
      referrals,
      members: new MemberRepository(db.prisma, config.coordinators),
      accessLog: new AccessLog(db.prisma),
      caseMembers: new CaseMembers(db.prisma),
      absences: new Absences(db.prisma),
      takenRequests: new TakenRequests(db.prisma),
      eps: new EpsMeetings(db.prisma, config.timeZone),
      kickOutbox: () => dispatcher.sendEnqueued(),
      now,
      render: {
        celluleCard: (summary) => celluleCard(summary, messageCtx),
        receipt: (summary, familyAgreement) => referralReceipt(summary, messageCtx, familyAgreement),
      },
      cases: new CaseRepository(db.prisma, keys),
      catalogue,
      caseRender: {
        card: (summary, actionTitles) => celluleCard(summary, { ...messageCtx, actionTitles }),
        eventLine: (summary, event, at, actionTitles) => eventLine(summary, event, at, { ...messageCtx, actionTitles }),
        referrerNews,
        ipNotice,
        liaisonSheet: (summary, orientation, sheet, actionTitles) =>
          liaisonSheet(summary, orientation, { ...messageCtx, actionTitles, ...sheet }),
        sheetWaiting: (summary, orientation, actionTitles) =>
          sheetWaiting(summary, orientation, { ...messageCtx, actionTitles }),
        sheetNoAnswer: (summary, orientation, actionTitles) =>
          sheetNoAnswer(summary, orientation, { ...messageCtx, actionTitles }),
      },
      operators,
      afterOperatorChange: () => {
        dispatcher.releaseHeld();
      },
      actionTitles,
      digests: {
        prisma: db.prisma,
        renderDigest: digestMessage,
        runs: new DigestRuns(db.prisma),
        logger,
        timeZone: config.timeZone,
        threshold: () => settings.current().minCell,
        groups: () => lists.groups(),
        actionTitles,
        get difficulties() {
          return difficultyIds(lists.all());
        },
      },
      storageDeadlineMs: 2000,
      batches: new EliminationBatches(db.prisma, config.timeZone),
      // A recorded visa erases its bordereau's cases now rather than at the next hourly run.
      afterVisa: () => afterVisa(),
    };
    let afterVisa = () => {};
    let ready = false;
    const health = async (): Promise<Health> => {
      if (!ready) return 'starting';
      if (connection.unreachable()) return 'slack_unreachable';
      return (await db.ping()) ? 'ok' : 'database_unavailable';
    };
    const slack = buildSlackApp(config, services, health, connection);
    const background = new Background();
    const digests = new DigestScheduler(
      services.digests,
      () => ({
        cron: digestScheduleOf(settings.current(), settings.recorded(), config.digestCron),
        enabled: settings.current().digestsEnabled,
      }),
      now,
      () => dispatcher.kick(),
      background,
    );
    settings.onChange((values, before) => {
      const changed = SETTING_KEYS.filter((k) => !sameValue(values[k], before[k]));
      logger.info({ settings: changed }, 'settings changed');
      // A channel set: what waited for it goes now. A new day, hour or the digests turned on: scheduled again.
      if (changed.some((k) => (CHANNEL_SETTINGS as readonly string[]).includes(k))) dispatcher.releaseHeld();
      if (changed.some((k) => k.startsWith('digest'))) void digests.reschedule();
    });

    // Hourly, and once at start; safe on several instances (see consent-reminders.ts).
    const remind = () =>
      background.run(() =>
        Promise.all([
          remindPendingConsents(
            { cases: services.cases, members: services.members, logger },
            { now: now(), days: settings.current().consentReminderDays },
          ),
          remindOralAgreements(
            { cases: services.cases, members: services.members, logger, timeZone: config.timeZone },
            { now: now(), days: settings.current().oralConsentDays },
          ),
          remindReviews(
            { cases: services.cases, members: services.members, logger, timeZone: config.timeZone },
            { now: now() },
          ),
          remindOperators(
            {
              cases: services.cases,
              members: services.members,
              sheets: new LiaisonSheets(db.prisma),
              logger,
              actionTitles,
              render: { sheetNoAnswer: services.caseRender.sheetNoAnswer, sheetReminder },
            },
            { now: now(), days: settings.current().operatorReminderDays },
          ),
        ])
          .then((counts) => counts.reduce((a, b) => a + b, 0))
          .then(
            (n) => n > 0 && dispatcher.kick(),
            (error: unknown) => logger.warn({ err: error }, 'consent reminders failed; will retry'),
          ),
      );
    const retentionDeps = {
      level1: new Level1Store(db.prisma, keys, config.timeZone),
      get erasure() {
        return erasureContext(lists.all());
      },
      render: retentionRender(config.timeZone),
      batches: services.batches,
      coordinators: () => services.members.coordinatorIds(),
      logger,
    };
    const retain = () =>
      background.run(() =>
        runRetention(retentionDeps, {
          now: now(),
          retention: retentionOf(settings.current(), config.backupDays),
          dryRun: false,
        }).then(
          () => dispatcher.kick(),
          (error: unknown) => logger.warn({ err: error }, 'retention failed; will retry'),
        ),
      );
    afterVisa = () => void retain();
    const hourly = () => Promise.all([remind(), retain()]);

    // The first click must be as fast as the hundredth: the start-up jobs (reminders, retention, a due digest) run
    // and the app warms up before it reports ready (/healthz answers 503 "starting" until then in HTTP mode; in
    // Socket Mode, the socket connects after). Jobs still running after STARTUP_JOBS_WAIT_MS go on in the background.
    let port = config.port;
    let self: { url: string; signingSecret: string } | undefined;
    if (config.slack.kind === 'http') {
      const server = (await slack.app.start({ port: config.port, host: config.host })) as Server;
      port = (server.address() as AddressInfo).port;
      const host = !config.host || config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      self = {
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/slack/events`,
        signingSecret: config.slack.signingSecret,
      };
    }
    dispatcher.start();
    const startupJobs = Promise.all([hourly(), digests.start()]);
    await Promise.race([startupJobs, new Promise((r) => setTimeout(r, STARTUP_JOBS_WAIT_MS).unref())]);
    await warmUp(slack.app, services, logger, { self, slackReached: connection.current() !== undefined });
    if (config.slack.kind === 'socket') {
      port = await slack.startHealthServer();
      // The socket opens once Slack answers (at once, unless it was unreachable at start).
      const openSocket = () => slack.app.start();
      if (connection.current()) await openSocket();
      else
        void connection.connected().then(openSocket, (error: unknown) => {
          logger.error({ err: error }, 'slack: the socket could not open');
        });
    }
    ready = true;
    const unwatch = watchEventLoop(logger);
    const reminders = setInterval(() => void hourly(), 60 * 60 * 1000);
    reminders.unref();
    logger.info(
      { port, mode: config.slack.kind, database: config.database.kind },
      `pre-referrals is running (${config.slack.kind === 'http' ? `HTTP on port ${port}` : 'Socket Mode'})`,
    );

    let stopping: Promise<void> | undefined;
    return {
      config,
      db,
      logger,
      port,
      health,
      dispatcher,
      settings,
      lists,
      jobs: { remindPendingConsents: remind, retention: retain, weeklyDigest: () => digests.run() },
      stop: () => {
        stopping ??= (async () => {
          clearInterval(reminders);
          unwatch();
          for (const stop of unlisten) stop();
          settings.stop();
          lists.stop();
          connection.stop();
          digests.stop();
          await slack.app.stop().catch(() => {});
          await slack.stopHealthServer();
          await Promise.race([slack.idle(), new Promise((r) => setTimeout(r, 10_000))]);
          await background.drain();
          await dispatcher.stop();
          await instance.unregister().catch(() => {});
          await db.close();
          logger.info('pre-referrals stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    connection.stop();
    await db.close().catch(() => {});
    throw error;
  }
}

function resolveKeys(config: Config, logger: Logger): string[] {
  // With DATABASE_URL the config already required a key; only embedded mode may create one.
  const { material, created, moved } = resolveKeyMaterial(config.encryptionKeys, config.dataDir, config.keyFile, true);
  if (moved) {
    logger.warn(
      `the generated key was moved out of the data directory, to ${config.keyFile} (mode 0600): ` +
        'back it up apart from the data',
    );
  }
  if (created) {
    logger.warn(
      `no PRE_ENCRYPTION_KEY set: generated one in ${config.keyFile} (mode 0600), outside the data directory. ` +
        'Back it up apart from the data: without it the nominative data cannot be read.',
    );
  }
  return material;
}

function warnAboutChannels(values: SettingValues, logger: Logger) {
  const missing = CHANNEL_SETTINGS.filter((key) => !values[key]);
  for (const key of missing) {
    logger.warn(
      { setting: key },
      `${SETTING_KINDS[key].env} is not set and no channel was chosen in Réglages (Slack): its messages wait in the outbox until one is`,
    );
  }
}
