import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CustomRoute, HTTPReceiver } from '@slack/bolt';
import type { Config } from '../config.js';
import { libraryLogger } from '../log.js';
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
  const logger = libraryLogger(services.logger, 'bolt');
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

  // Bolt leaves unacknowledged what no listener takes (a body of no known type, an action id the app no longer has)
  // and answers only when its 3 s run out; Slack then shows the user an error. Acknowledge it at once instead.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    let acked = false;
    await processEvent({
      ...event,
      ack: (response) => {
        acked = true;
        return event.ack(response);
      },
    });
    if (!acked) await event.ack();
  };

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
