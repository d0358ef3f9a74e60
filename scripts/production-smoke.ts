// `node --import tsx scripts/production-smoke.ts <release folder> [user]`: the deployment guide's last steps on a
// production install (README.md, "Deployment"), run by .ci/run. The release (built by `npm run release`, installed
// with `npm ci --omit=dev`, read-only) runs as the unprivileged user against the Slack emulator on 127.0.0.1:
// migrations as their own step, start, /healthz, one referral through Slack's own protocol, stop on SIGTERM, then
// `rgpd export` of that referral. The release's files must be the same after as before (nothing written in the code).
// DATABASE_URL, when set, is the PostgreSQL database the guide's role owns; otherwise the embedded database.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_CHANNELS, DEMO_MEMBERS, demoReferrals } from '../src/sandbox/demo.js';
import { intakeBlocks } from '../src/slack/ids.js';
import { SlackDriver } from '../src/slack-emulator/driver.js';
import { SlackEmulator } from '../src/slack-emulator/emulator.js';
import { startEnvironment, startNodeFlags } from './start-env.js';

const [releaseArg, user] = process.argv.slice(2);
if (!releaseArg) {
  console.error('usage: node --import tsx scripts/production-smoke.ts <release folder> [user]');
  process.exit(2);
}
const release = resolve(releaseArg);
const step = (what: string) => console.log(`-- ${what}`);

/** Every file of the release with its size, mode and content hash (node_modules included). */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      const stat = statSync(path);
      hash.update(`${path}\0${stat.mode}\0`);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) hash.update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/** The unprivileged user's ids (root starts the app and the commands as that user, as systemd would). */
const ids = user
  ? {
      uid: Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim()),
      gid: Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim()),
    }
  : {};

/** Runs a command of the release with the service's environment only. */
function run(command: string[], env: Record<string, string>): { status: number; stdout: string; stderr: string } {
  const [file, ...args] = command as [string, ...string[]];
  const result = spawnSync(file, args, { cwd: release, env, encoding: 'utf8', ...ids });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr || String(result.error ?? '') };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const before = fingerprint(release);
const state = mkdtempSync(join(tmpdir(), 'pre-production-'));
const dataDir = join(state, 'data');
const exportsDir = join(state, 'exports');
for (const dir of [dataDir, exportsDir]) spawnSync('mkdir', ['-m', '0700', dir]);
if (ids.uid !== undefined && ids.gid !== undefined) {
  for (const dir of [state, dataDir, exportsDir]) chownSync(dir, ids.uid, ids.gid);
}

const botToken = `xoxb-production-${randomBytes(6).toString('hex')}`;
const signingSecret = randomBytes(24).toString('hex');
const slack = await new SlackEmulator({
  botToken,
  channels: Object.values(DEMO_CHANNELS).map((c) => c.id),
  users: Object.values(DEMO_MEMBERS),
}).start();
const port = await new Promise<number>((done) => {
  import('node:net').then(({ createServer }) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
});
const env: Record<string, string> = {
  // As the systemd unit and the image start it (the allocator settings of `npm start`).
  ...startEnvironment(join(release, 'package.json')),
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  NODE_ENV: 'production',
  HOME: state,
  SLACK_BOT_TOKEN: botToken,
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_API_URL: slack.url,
  HOST: '127.0.0.1',
  PORT: String(port),
  PRE_DATA_DIR: dataDir,
  PRE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  PRE_CELLULE_CHANNEL: DEMO_CHANNELS.cellule.id,
  PRE_GROUP_SCHOOLING_CHANNEL: DEMO_CHANNELS.schooling.id,
  PRE_GROUP_PARENTING_CHANNEL: DEMO_CHANNELS.parenting.id,
  PRE_GROUP_HEALTH_CHANNEL: DEMO_CHANNELS.health.id,
  PRE_COORDINATORS: DEMO_MEMBERS.coordinator.id,
  PRE_OUTBOX_INTERVAL_MS: '200',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
};
// As the systemd unit and the image start it (Node's flags of `npm start`).
const node = [process.execPath, ...startNodeFlags(join(release, 'package.json'))];
let app: ChildProcess | undefined;
let failed = false;
try {
  step(`node ${process.version}, release ${release}, user ${user ?? '(this one)'}`);
  step('migrations, as their own step');
  const migrated = run([...node, 'dist/src/cli/migrate.js'], env);
  if (migrated.status !== 0) throw new Error(`migrate exited ${migrated.status}: ${migrated.stderr}`);
  console.log(migrated.stdout.trim());

  step('start');
  let output = '';
  app = spawn(process.execPath, [...node.slice(1), 'dist/src/main.js'], {
    cwd: release,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...ids,
  });
  app.stdout?.on('data', (d) => {
    output += String(d);
  });
  app.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((done) => app?.once('exit', (code) => done(code)));
  await waitFor('/healthz to answer 200', async () => {
    if (app?.exitCode !== null) throw new Error(`the app exited (${app?.exitCode}):\n${output}`);
    const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    return status === 200 ? true : undefined;
  });
  console.log('/healthz: 200');

  step('a referral through Slack');
  const driver = new SlackDriver(`http://127.0.0.1:${port}/slack/events`, signingSecret, slack);
  const teacher = DEMO_MEMBERS.teacher.id;
  const referral = demoReferrals()[0];
  if (!referral) throw new Error('no demo referral');
  await driver.slashCommand(teacher, '', DEMO_CHANNELS.general.id);
  const view = await slack.waitFor(() => slack.modalOf(teacher), 60_000, 'the intake modal');
  const agreement = intakeBlocks.familyAgreement;
  const hash = view.hash;
  await driver.chooseInView(teacher, view.id, agreement, String(referral.form[agreement]));
  await slack.waitFor(() => slack.views.get(view.id)?.hash !== hash, 60_000, 'the form for the answer');
  const answer = await driver.submitView(view.id, referral.form);
  const reference = /PRE-\d{4}-\d{4,}/.exec(answer.text)?.[0];
  if (!reference) throw new Error(`the referral was refused: ${answer.text}`);
  await slack.waitFor(
    () => slack.messagesIn(DEMO_CHANNELS.cellule.id).find((m) => m.text?.includes(reference)),
    60_000,
    `the card of ${reference} in the cellule's channel`,
  );
  console.log(`${reference}: stored, its card posted`);

  step('stop (SIGTERM)');
  app.kill('SIGTERM');
  const code = await exited;
  app = undefined;
  if (code !== 0) throw new Error(`the app exited ${code} on SIGTERM:\n${output}`);

  step(`rgpd export ${reference}`);
  const exportFile = join(exportsDir, `${reference}.json`);
  const exported = run([...node, 'dist/src/cli/rgpd.js', 'export', reference, exportFile], env);
  if (exported.status !== 0) throw new Error(`rgpd export exited ${exported.status}: ${exported.stderr}`);
  const text = readFileSync(exportFile, 'utf8');
  const first = referral.form[intakeBlocks.childFirstName];
  if (typeof first !== 'string' || !text.includes(first)) throw new Error('the export does not hold the child');
  if ((statSync(exportFile).mode & 0o077) !== 0) throw new Error('the export is readable by others');
  console.log(`export written (${text.length} bytes, mode 0600)`);

  step('the code directory is unchanged');
  if (fingerprint(release) !== before) throw new Error('the release changed while it ran');
  console.log('production smoke: passed');
} catch (error) {
  failed = true;
  console.error(`production smoke: FAILED: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (app) {
    app.kill('SIGKILL');
  }
  await slack.stop();
  rmSync(state, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
