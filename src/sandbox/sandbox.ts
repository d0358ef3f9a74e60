// The sandbox: `npm start` with no Slack variable at all (and NODE_ENV not production) runs the real app against the
// built-in Slack emulator, on a demo data directory of its own, with a web page on 127.0.0.1 standing in for Slack.
// Every click on the page becomes the signed HTTP request Slack would send; everything the app shows comes from
// its Web API calls to the emulator.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { addMinutes } from 'date-fns/addMinutes';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import type { DestinationStream } from 'pino';
import { type RunningApp, startApp } from '../bootstrap.js';
import type { SandboxConfig } from '../config.js';
import { lastCompletedWeek } from '../domain/iso-week.js';
import { SlackDriver } from '../slack-emulator/driver.js';
import { type EmulatorState, SlackEmulator } from '../slack-emulator/emulator.js';
import { channelsOf, DEMO_CHANNELS, DEMO_MEMBERS } from './demo.js';
import { type PageServer, startPageServer } from './page-server.js';
import { DAY_MS, seed } from './seed.js';

export interface Sandbox {
  /** The page's address. */
  url: string;
  app: RunningApp;
  slack: SlackEmulator;
  driver: SlackDriver;
  /** Posts last week's digests again, as the demo coordinator would with `/reperage synthese renvoyer`. */
  publishDigests(): Promise<number>;
  stop(): Promise<void>;
}

/** Words `/reperage synthese renvoyer` takes for each audience. */
const DIGEST_AUDIENCES = ['cellule', 'scolarite', 'parentalite', 'sante'] as const;
/** The same audiences as the digest runs record them. */
const STORED = { cellule: 'cellule', scolarite: 'schooling', parentalite: 'parenting', sante: 'health' } as const;

/** Where `--fresh` keeps its programme: beside the demo's, never the demo's own. */
export const freshDataDir = (dataDir: string) => `${resolve(dataDir).replace(/[/\\]+$/, '')}-fresh`;

export async function startSandbox(
  config: SandboxConfig,
  options: {
    logDestination?: DestinationStream;
    /** Slack's 3 s unless a test relaxes it (a busy machine must not lose a modal in a test about something else). */
    triggerTtlMs?: number;
  } = {},
): Promise<Sandbox> {
  const botToken = `xoxb-sandbox-${randomBytes(8).toString('hex')}`;
  const signingSecret = randomBytes(24).toString('hex');
  const slack = await new SlackEmulator({
    botToken,
    channels: Object.values(DEMO_CHANNELS).map((c) => c.id),
    users: Object.values(DEMO_MEMBERS),
    members: Object.fromEntries(
      Object.values(DEMO_CHANNELS).map((c) => [
        c.id,
        Object.values(DEMO_MEMBERS)
          .filter((m) => channelsOf(m.id).includes(c.id))
          .map((m) => m.id),
      ]),
    ),
    triggerTtlMs: options.triggerTtlMs,
    // The demo coordinator installed the app: on a fresh programme, App Home offers them the role.
    admins: [DEMO_MEMBERS.coordinator.id],
  }).start();
  const dataDir = config.fresh ? freshDataDir(config.dataDir) : resolve(config.dataDir);
  if (config.fresh)
    for (const path of [dataDir, `${dataDir}.key`, `${dataDir}.keys`]) rmSync(path, { recursive: true, force: true });
  // The demo cases are dated in the past by moving the app's clock while they are entered, then putting it back.
  // On the first start the app starts early on a Monday three weeks back, before the weekly digest's hour, so that
  // its catch-up does not post an empty digest for last week before the demo cases exist.
  const firstStart = !existsSync(dataDir);
  let offsetMs =
    firstStart && !config.fresh ? earlyMondayBefore(new Date(), config.timeZone).getTime() - Date.now() : 0;
  const now = () => new Date(Date.now() + offsetMs);
  // The demo workspace's messages live beside the demo database, so that a restart finds the cards it left.
  const workspace = new WorkspaceFile(join(dataDir, 'slack-workspace.json'), slack);
  workspace.load();
  let app: RunningApp | undefined;
  let page: PageServer | undefined;
  const stop = async () => {
    await page?.stop();
    await app?.stop();
    workspace.stop();
    await slack.stop();
  };
  try {
    app = await startApp(
      {
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.url,
        HOST: '127.0.0.1',
        PORT: '0',
        PRE_DATA_DIR: dataDir,
        // A fresh programme has nothing but Slack and its database: the coordinator sets the rest up from Slack.
        ...(config.fresh
          ? {}
          : {
              PRE_CELLULE_CHANNEL: DEMO_CHANNELS.cellule.id,
              PRE_GROUP_SCHOOLING_CHANNEL: DEMO_CHANNELS.schooling.id,
              PRE_GROUP_PARENTING_CHANNEL: DEMO_CHANNELS.parenting.id,
              PRE_GROUP_HEALTH_CHANNEL: DEMO_CHANNELS.health.id,
              PRE_COORDINATORS: DEMO_MEMBERS.coordinator.id,
            }),
        PRE_TIMEZONE: config.timeZone,
        PRE_LISTS_FILE: config.listsFile,
        PRE_LOG_LEVEL: config.logLevel,
        PRE_OUTBOX_INTERVAL_MS: '300',
      },
      { now, logDestination: options.logDestination },
    );
    const driver = new SlackDriver(`http://127.0.0.1:${app.port}/slack/events`, signingSecret, slack);
    // Last week's digests, for the audiences not served yet (as the Monday run would): a click never posts the
    // same figures again. Returns how many were posted.
    const publishDigests = async () => {
      const week = lastCompletedWeek(now(), config.timeZone).id;
      let posted = 0;
      for (const audience of DIGEST_AUDIENCES) {
        const done = await app?.db.prisma.digestRun.count({ where: { audience: STORED[audience], isoWeek: week } });
        if (done) continue;
        await driver.slashCommand(DEMO_MEMBERS.coordinator.id, `synthese renvoyer ${week} ${audience}`);
        posted += 1;
      }
      return posted;
    };
    if (!config.fresh && (await app.db.prisma.referral.count()) === 0) {
      await seed(app, slack, driver, (ms) => {
        offsetMs = ms;
      });
      // The programme's use of the app began with its first case (the demo year's child, months ago), as the
      // migrations record it for a database that already held cases: last month's tables are the programme's to
      // publish.
      const first = await app.db.prisma.referral.findFirst({ orderBy: { referredAt: 'asc' } });
      if (first) await app.db.prisma.installation.update({ where: { id: 1 }, data: { installedAt: first.referredAt } });
      await publishDigests();
    }
    offsetMs = 0;
    page = await startPageServer({ port: config.port, slack, driver, publishDigests, health: app.health });
    return { url: page.url, app, slack, driver, publishDigests, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Saves the emulator's workspace (messages, App Home tabs) a moment after each change, and once more at the end. */
class WorkspaceFile {
  private readonly timer: NodeJS.Timeout;
  private saved = -1;

  constructor(
    private readonly file: string,
    private readonly slack: SlackEmulator,
  ) {
    this.timer = setInterval(() => this.save(), 1000);
    this.timer.unref();
  }

  load(): void {
    if (!existsSync(this.file)) return;
    try {
      this.slack.importState(JSON.parse(readFileSync(this.file, 'utf8')) as EmulatorState);
      this.saved = this.slack.revision;
    } catch {
      // A damaged file only loses the demo messages; the demo database is intact.
    }
  }

  save(): void {
    if (this.saved === this.slack.revision) return;
    this.saved = this.slack.revision;
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.slack.exportState()), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }

  stop(): void {
    clearInterval(this.timer);
    this.save();
  }
}

/** 00:30 on the Monday of the ISO week three weeks before `date`, in `timeZone`. */
function earlyMondayBefore(date: Date, timeZone: string): Date {
  const monday = startOfISOWeek(new TZDate(date.getTime() - 21 * DAY_MS, timeZone));
  return addMinutes(monday, 30);
}
