import type { App } from '@slack/bolt';
import { ReferralWeek, toCaseSummary } from '../domain/case-summary.js';
import { localDay } from '../domain/dates.js';
import { validateIntake } from '../domain/referral.js';
import type { Logger } from '../log.js';
import { requestSignature } from './request-signature.js';
import type { AppServices } from './services.js';
import { intakeModal } from './views/intake-modal.js';

/** Nobody: a user id no workspace gives out, so that the reads below find nothing. */
const NOBODY = 'UWARMUP000';
/** How many times the first clicks' paths run before the app says it is ready, and for how long at most. */
const ROUNDS = 20;
const ROUNDS_MS = 400;

/**
 * Runs, before the app reports ready, what the first clicks will run: the intake and card paths' reads, the modal
 * and card builders, the intake validation and Bolt's own handling of a command (`/reperage
 * aide`, answered by ack alone, so nothing reaches Slack or a user). A trigger_id dies 3 s after the click: without
 * this, the first `/reperage` after a start pays for cold code and cold database pages and can miss it.
 * Nothing is written. Whatever fails here is logged and left to the first real request.
 */
export async function warmUp(
  app: App,
  s: AppServices,
  logger: Logger,
  options: {
    /** HTTP mode, once listening: the command goes through the real receiver (signature, body parsing) too. */
    self?: { url: string; signingSecret: string };
    /** Slack answered the token check: the Web API is called once too (not while Slack cannot be reached). */
    slackReached: boolean;
    budgetMs?: number;
  },
): Promise<void> {
  const { self, slackReached, budgetMs = 5000 } = options;
  const round = async (n: number) => {
    const now = s.now();
    await Promise.all([
      s.members.profile(NOBODY),
      s.cases.load('PRE-0000-0000'),
      s.cases.assignedTo(NOBODY),
      s.cases.referredBy(NOBODY),
      s.catalogue.all(),
      s.referrals.findByViewId('VWARMUP000'),
    ]);
    JSON.stringify(intakeModal(s.lists, {}));
    validateIntake({}, { today: localDay(now, s.config.timeZone), lists: s.lists });
    const summary = toCaseSummary({
      reference: 'PRE-0000-0000',
      status: 'referred',
      version: 1,
      referredWeek: new ReferralWeek(now),
      ageBand: '6-10',
      schoolStage: 'elementaire',
      axes: ['schooling'],
      preReferral: false,
      consent: 'not_requested',
      orientations: [],
      offered: ['take'],
    });
    JSON.stringify([s.render.celluleCard(summary), s.render.receipt(summary)]);
    const command = {
      token: 'warm-up',
      command: '/reperage',
      text: 'aide',
      user_id: NOBODY,
      user_name: 'warm-up',
      channel_id: 'CWARMUP000',
      team_id: 'TWARMUP000',
      // Each round its own request: the same body signed in the same second would be refused as a replay.
      trigger_id: `warm-up-${n}`,
      response_url: 'http://127.0.0.1/warm-up',
    };
    if (self) await signedRequest(self.url, self.signingSecret, new URLSearchParams(command).toString());
    else await app.processEvent({ body: command, ack: async () => {} });
  };
  // Once is not warm: V8 compiles a function to faster code after it has run a few times. Rounds until ROUNDS or
  // ROUNDS_MS, then one Web API call with the bot token (the WebClient code the listeners' clients run, and a
  // connection to Slack kept alive for the first views.open; auth.test changes nothing).
  const work = async () => {
    const from = performance.now();
    for (let i = 0; i < ROUNDS && performance.now() - from < ROUNDS_MS; i += 1) await round(i);
    // Bolt's listeners are given a client for the token `authorize` returns; app.client has none of its own.
    if (slackReached) await app.client.auth.test({ token: s.config.slack.botToken });
  };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`warm-up took over ${budgetMs} ms`)), budgetMs);
      }),
    ]);
    logger.debug({ ms: Math.round(performance.now() - started) }, 'warm-up done');
  } catch (error) {
    logger.warn({ err: error }, 'warm-up incomplete; the first requests will be slower');
  } finally {
    clearTimeout(timer);
  }
}

/** A request signed as Slack signs them. */
async function signedRequest(url: string, secret: string, body: string): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': requestSignature(secret, timestamp, body),
    },
    body,
  });
  await res.text();
  if (!res.ok) throw new Error(`warm-up request answered ${res.status}`);
}
