import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CustomRoute, HTTPReceiver, LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Config } from '../config.js';
import { errorSummary, type Logger } from '../log.js';
import { registerListeners } from './listeners/index.js';
import type { AppServices } from './services.js';

/** Slack bodies are a few kilobytes; anything far larger is refused before it is parsed. */
export const BODY_LIMIT_BYTES = 256 * 1024;

export interface SlackApp {
  app: App;
  /** Resolves when every listener that started has finished (for graceful shutdown). */
  idle(): Promise<void>;
}

/** What /healthz answers: 200 only once the app has warmed up and its database answers. */
export type Health = 'ok' | 'starting' | 'database_unavailable';

export function buildSlackApp(config: Config, services: AppServices, health: () => Promise<Health>): SlackApp {
  const logger = boltLogger(services.logger);
  const customRoutes: CustomRoute[] = [{ path: '/healthz', method: ['GET'], handler: healthRoute(health) }];
  const clientOptions = { slackApiUrl: config.slack.apiUrl };
  const slack = config.slack;
  const app =
    slack.kind === 'socket'
      ? new App({
          token: slack.botToken,
          appToken: slack.appToken,
          socketMode: true,
          port: config.port,
          customRoutes,
          logger,
          clientOptions,
        })
      : new App({
          token: slack.botToken,
          logger,
          clientOptions,
          receiver: new HTTPReceiver({
            signingSecret: slack.signingSecret,
            endpoints: ['/slack/events'],
            customRoutes,
            logger,
            bodyLimit: BODY_LIMIT_BYTES,
          }),
        });

  let inFlight = 0;
  const waiters: (() => void)[] = [];
  app.use(async ({ next }) => {
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
      if (inFlight === 0) for (const w of waiters.splice(0)) w();
    }
  });

  registerListeners(app, services);

  // One place for what escaped a listener: the log gets a code, never the payload; the user already got an answer
  // or Slack's own error.
  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    services.logger.error({ err: original, boltCode: error.code }, 'slack: a listener failed');
  });

  return {
    app,
    idle: () =>
      inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push(resolve);
          }),
  };
}

function healthRoute(health: () => Promise<Health>) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    void health().then(
      (status) => {
        res.writeHead(status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status }));
      },
      () => {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'database_unavailable' }));
      },
    );
  };
}

/** Bolt and the Slack SDK log through our JSON logger (and its redaction). */
function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  const fmt = (args: unknown[]) =>
    args.map((a) => (a instanceof Error ? JSON.stringify(errorSummary(a)) : String(a))).join(' ');
  return {
    debug: (...args) => child.debug(fmt(args)),
    info: (...args) => child.info(fmt(args)),
    warn: (...args) => child.warn(fmt(args)),
    error: (...args) => child.error(fmt(args)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
