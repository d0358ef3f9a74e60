// The command line: loads .env, starts the app (or the sandbox when no Slack variable is set), stops on a signal.
import { pathToFileURL } from 'node:url';
import { startApp } from './bootstrap.js';
import { ConfigError, formatConfigError, loadSandboxConfig, sandboxRequested } from './config.js';
import type { Logger } from './log.js';
import { SlackCredentialsError } from './slack/connection.js';
import { DataDirectoryInUseError } from './store/db.js';
import { KeyFileError } from './store/key-ring.js';

async function main() {
  const { config: loadDotenv } = await import('dotenv');
  // DOTENV_CONFIG_PATH is dotenv's own variable: another file than ./.env, or a missing one to load none.
  loadDotenv({ quiet: true, path: process.env.DOTENV_CONFIG_PATH });
  let running: { stop(): Promise<void>; logger: Logger };
  try {
    running = sandboxRequested(process.env) ? await startSandboxFromCli() : await startApp(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${formatConfigError(error)}\n`);
      process.exit(2);
    }
    if (
      error instanceof DataDirectoryInUseError ||
      error instanceof KeyFileError ||
      error instanceof SlackCredentialsError
    ) {
      process.stderr.write(`pre-referrals cannot start: ${error.message}\n`);
      process.exit(2);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`pre-referrals cannot start: ${message}\n`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    running.logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** No Slack variable at all, outside production: the demo sandbox (loaded only then; see src/sandbox). */
async function startSandboxFromCli(): Promise<{ stop(): Promise<void>; logger: Logger }> {
  const config = { ...loadSandboxConfig(process.env), fresh: process.argv.includes('--fresh') };
  const { startSandbox, freshDataDir } = await import('./sandbox/sandbox.js');
  const sandbox = await startSandbox(config);
  process.stdout.write(
    [
      '',
      'SANDBOX: no Slack variable is set, so pre-referrals runs against its built-in Slack emulator.',
      config.fresh
        ? `  A programme just installed (--fresh), in ${freshDataDir(config.dataDir)}, emptied at each start: open App Home as the coordinator to set it up.`
        : `  Demo data only, kept in ${config.dataDir} (delete it to start afresh; npm start -- --fresh for a programme to set up). Nothing reaches a real Slack.`,
      `  Open ${sandbox.url} in a browser to use the app as the demo members.`,
      '  To connect a real workspace: create the app from manifest.yml and set SLACK_BOT_TOKEN and',
      '  SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode); see README.md, "Slack setup".',
      '',
    ].join('\n'),
  );
  return { stop: () => sandbox.stop(), logger: sandbox.app.logger };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
