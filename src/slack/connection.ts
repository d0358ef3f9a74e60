// The bot token, checked with Slack (auth.test) before the app serves anyone. A token Slack refuses stops the start
// with one clear message; a Slack that does not answer (network, proxy, outage) leaves the app up, /healthz at 503
// "slack_unreachable", and the check retried with a growing delay until Slack answers.
import { ErrorCode, WebClient } from '@slack/web-api';
import type { Logger } from '../log.js';
import { libraryLogger } from '../log.js';

/** Who the app is in the workspace, as auth.test says. */
export interface SlackIdentity {
  botId: string;
  botUserId: string;
  teamId?: string;
}

/** auth.test's errors that mean the token itself is refused: retrying cannot help, the operator must act. */
const REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'ekm_access_denied',
]);

export class SlackCredentialsError extends Error {
  constructor(readonly slackError: string) {
    super(
      `Slack refused SLACK_BOT_TOKEN (${slackError}). Copy the "Bot User OAuth Token" (xoxb-…) from the app's ` +
        'OAuth & Permissions page on api.slack.com, after installing the app in the workspace (README.md, "Slack setup").',
    );
  }
}

type Check =
  | { kind: 'accepted'; identity: SlackIdentity }
  | { kind: 'refused'; error: string }
  | { kind: 'unreachable'; reason: string };

export interface ConnectionOptions {
  botToken: string;
  apiUrl?: string;
  logger: Logger;
  /** The delays between checks while Slack does not answer: doubling from the first up to the last. */
  retryMs?: { first: number; max: number };
}

export class SlackConnection {
  private identity: SlackIdentity | undefined;
  private reason: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly client: WebClient;
  private readonly retry: { first: number; max: number };
  private readonly waiters: ((identity: SlackIdentity) => void)[] = [];

  constructor(private readonly options: ConnectionOptions) {
    // No retries of the client's own: a failed check is answered at once, and retried here on its schedule.
    this.client = new WebClient(options.botToken, {
      slackApiUrl: options.apiUrl,
      retryConfig: { retries: 0 },
      timeout: 10_000,
      logger: libraryLogger(options.logger, 'slack-auth'),
    });
    this.retry = options.retryMs ?? { first: 1000, max: 60_000 };
  }

  /** The app's identity once Slack accepted the token; undefined while Slack has not answered. */
  current(): SlackIdentity | undefined {
    return this.identity;
  }

  /** Why Slack is not reached yet, for /healthz and the log. */
  unreachable(): string | undefined {
    return this.identity ? undefined : this.reason;
  }

  /**
   * The first check. Resolves once Slack accepted the token, or at once when Slack does not answer (the checks go on
   * in the background); throws SlackCredentialsError when Slack refuses the token.
   */
  async connect(): Promise<void> {
    const check = await this.check();
    if (check.kind === 'refused') throw new SlackCredentialsError(check.error);
    if (check.kind === 'unreachable') this.retryAfter(this.retry.first);
  }

  /** Resolves with the identity once Slack accepted the token. */
  connected(): Promise<SlackIdentity> {
    if (this.identity) return Promise.resolve(this.identity);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private retryAfter(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      const check = await this.check();
      if (check.kind === 'accepted') return;
      if (check.kind === 'refused') {
        // Slack answers again, and refuses the token (revoked meanwhile): say it once, keep /healthz at 503.
        this.options.logger.error({ slackError: check.error }, new SlackCredentialsError(check.error).message);
        this.reason = `token_refused: ${check.error}`;
      }
      this.retryAfter(Math.min(delayMs * 2, this.retry.max));
    }, delayMs);
    this.timer.unref();
  }

  private async check(): Promise<Check> {
    let result: Check;
    try {
      const answer = await this.client.auth.test();
      result =
        answer.bot_id && answer.user_id
          ? {
              kind: 'accepted',
              identity: {
                botId: answer.bot_id,
                botUserId: answer.user_id,
                ...(answer.team_id ? { teamId: answer.team_id } : {}),
              },
            }
          : // A user token (xoxp-) is accepted by auth.test but is not the bot's.
            { kind: 'refused', error: 'not_a_bot_token' };
    } catch (error) {
      const code = (error as { code?: string }).code;
      const slackError = (error as { data?: { error?: string } }).data?.error;
      if (code === ErrorCode.PlatformError && slackError && REFUSED.has(slackError))
        result = { kind: 'refused', error: slackError };
      else
        result = {
          kind: 'unreachable',
          reason: slackError ?? (error instanceof Error ? error.message : String(error)),
        };
    }
    if (result.kind === 'accepted') {
      const wasUnreachable = this.reason !== undefined;
      this.identity = result.identity;
      this.reason = undefined;
      if (wasUnreachable) this.options.logger.info('slack: reached, the bot token is accepted');
      for (const resolve of this.waiters.splice(0)) resolve(result.identity);
    } else if (result.kind === 'unreachable') {
      if (this.reason === undefined)
        this.options.logger.warn(
          { reason: result.reason },
          'slack: not reachable; /healthz answers 503 and the token check is retried until Slack answers',
        );
      this.reason = result.reason;
    }
    return result;
  }
}
