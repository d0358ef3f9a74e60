import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AnyMiddlewareArgs, App, type CustomRoute, HTTPReceiver, type Middleware } from '@slack/bolt';
import type { Config } from '../config.js';
import { fr } from '../i18n/fr.js';
import { libraryLogger } from '../log.js';
import { directSends } from '../store/outbox.js';
import { acknowledgeEveryRequest } from './bolt-patch.js';
import type { SlackConnection } from './connection.js';
import { registerListeners } from './listeners/index.js';
import type { AppServices } from './services.js';
import { messageModal } from './views/modals.js';

/** Slack bodies are a few kilobytes; anything far larger is refused before it is parsed. */
export const BODY_LIMIT_BYTES = 256 * 1024;

export interface SlackApp {
  app: App;
  /**
   * Socket Mode: Bolt's receiver would serve /healthz on every interface whatever HOST says, so the app serves it
   * itself, on HOST and PORT. Resolves with the port it listens on.
   */
  startHealthServer(): Promise<number>;
  stopHealthServer(): Promise<void>;
  /** Resolves when every listener that started has finished (for graceful shutdown). */
  idle(): Promise<void>;
}

/** What /healthz answers: 200 only once the app has warmed up, Slack accepted its token and its database answers. */
export type Health = 'ok' | 'starting' | 'slack_unreachable' | 'database_unavailable';

export function buildSlackApp(
  config: Config,
  services: AppServices,
  health: () => Promise<Health>,
  connection: SlackConnection,
): SlackApp {
  const logger = libraryLogger(services.logger, 'bolt');
  const customRoutes: CustomRoute[] = [{ path: '/healthz', method: ['GET'], handler: healthRoute(health) }];
  const clientOptions = { slackApiUrl: config.slack.apiUrl };
  const slack = config.slack;
  // The token as checked at start (slack/connection.ts): Bolt's own check would run once, and a Slack unreachable
  // at that moment would leave every request failing until a restart.
  const authorize = async () => {
    const identity = connection.current();
    if (!identity) throw new Error(`slack not reachable yet: ${connection.unreachable() ?? 'not checked'}`);
    return { botToken: slack.botToken, ...identity };
  };
  const app =
    slack.kind === 'socket'
      ? new App({
          authorize,
          appToken: slack.appToken,
          socketMode: true,
          logger,
          clientOptions,
        })
      : new App({
          authorize,
          logger,
          clientOptions,
          receiver: new HTTPReceiver({
            signingSecret: slack.signingSecret,
            endpoints: ['/slack/events'],
            customRoutes,
            logger,
            bodyLimit: BODY_LIMIT_BYTES,
            // The signature and its timestamp, for the replay check below.
            customPropertiesExtractor: (req) => ({
              requestSignature: String(req.headers['x-slack-signature'] ?? ''),
              requestTimestamp: String(req.headers['x-slack-request-timestamp'] ?? ''),
            }),
          }),
        });

  // Slack not reached yet: nothing can be opened or posted. A command gets a word; a form stays open under a
  // message (the user's input is kept); anything else is acknowledged and does nothing.
  acknowledgeEveryRequest(
    app,
    () => connection.current() !== undefined,
    (body) => {
      const words = fr.slackUnreachable;
      if (body.command) return { response_type: 'ephemeral', text: words.command };
      if (body.type === 'view_submission')
        return { response_action: 'push', view: messageModal(words.title, words.form) };
      return undefined;
    },
  );

  let inFlight = 0;
  const waiters: (() => void)[] = [];
  app.use(async ({ next }) => {
    inFlight += 1;
    // What the request enqueues is sent by this instance as soon as the listener says so (services.kickOutbox),
    // and what is left at its end then.
    const enqueued = { keys: [] as string[] };
    try {
      await directSends.run(enqueued, async () => {
        try {
          await next();
        } finally {
          if (enqueued.keys.length > 0) services.kickOutbox();
        }
      });
    } finally {
      inFlight -= 1;
      if (inFlight === 0) for (const w of waiters.splice(0)) w();
    }
  });

  app.use(replayGuard(services));

  registerListeners(app, services);

  // One place for what escaped a listener: the log gets a code, never the payload; the user already got an answer
  // or Slack's own error.
  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    services.logger.error({ err: original, boltCode: error.code }, 'slack: a listener failed');
  });

  let healthServer: Server | undefined;
  return {
    app,
    startHealthServer: async () => {
      const route = healthRoute(health);
      const server = createServer((req, res) => {
        if (req.method === 'GET' && req.url === '/healthz') return route(req, res);
        res.writeHead(404).end();
      });
      healthServer = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, resolve);
      });
      return (server.address() as AddressInfo).port;
    },
    stopHealthServer: async () => {
      const server = healthServer;
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    idle: () =>
      inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push(resolve);
          }),
  };
}

/** How long the replay check may take before the request goes on unchecked: the 3 s are the listener's. */
const REPLAY_CHECK_MS = 500;

/**
 * A signed request is taken once (Slack accepts a signature for five minutes: a captured request could be sent again
 * within them). A request already taken is acknowledged and does nothing more, on any instance. Should the database
 * not answer in time, the request goes on: every change still checks the case's version, so a replay changes nothing
 * twice; the listener then tells the user the database is unavailable.
 */
function replayGuard(services: AppServices): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { requestSignature, requestTimestamp } = args.context as {
      requestSignature?: string;
      requestTimestamp?: string;
    };
    if (!requestSignature || !requestTimestamp) return args.next();
    const check = services.takenRequests
      .take(requestSignature, requestTimestamp, new Date())
      .catch((error: unknown) => {
        services.logger.warn({ err: error }, 'slack: the replay check failed; the request goes on');
        return undefined;
      });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), REPLAY_CHECK_MS);
    });
    const taken = await Promise.race([check, late]);
    clearTimeout(timer);
    if (taken === false) {
      services.logger.warn({ timestamp: requestTimestamp }, 'slack: a signed request was sent again; ignored');
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  };
}

/** `health()` as /healthz answers it: 200 when ready, 503 with the reason otherwise; a failing check is a 503. */
export async function healthAnswer(health: () => Promise<Health>): Promise<{ code: 200 | 503; status: Health }> {
  const status = await health().catch((): Health => 'database_unavailable');
  return { code: status === 'ok' ? 200 : 503, status };
}

function healthRoute(health: () => Promise<Health>) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    void healthAnswer(health).then(({ code, status }) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status }));
    });
  };
}
