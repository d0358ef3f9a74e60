import { randomUUID } from 'node:crypto';
import { ErrorCode, type WebAPICallResult, type WebClient } from '@slack/web-api';
import type { DigestAudience } from '../domain/digest.js';
import type { Logger } from '../log.js';
import type { OperatorRepository } from '../store/operators.js';
import {
  type ClaimedMessage,
  type Destination,
  directSends,
  type OutboxEntry,
  type OutboxStore,
  UNKNOWN_OUTCOME,
} from '../store/outbox.js';
import { outsideJobs } from '../store/pool.js';

const BATCH = 20;
/** Lanes (a case's messages, one after the other) sent side by side, by the loop and the direct sends together. */
const PARALLEL_LANES = 4;
const LEASE_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;

// Slack answers these when the message itself is wrong: sending it again cannot help, an operator must look.
const PERMANENT_ERRORS = new Set([
  'invalid_arguments',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_ts_latest',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
]);

/** The metadata every message the outbox posts carries: which outbox row it is (a number, nothing about a child). */
export const OUTBOX_EVENT = 'pre_referrals_outbox';
/** How many pages of a channel's history a look for an earlier copy reads at most (200 messages each). */
const LOOKUP_PAGES = 10;

interface PostedCopy {
  ts: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: { outbox_id?: unknown } };
}

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
  postponed: number;
}

/**
 * Sends the outbox to Slack after the fact, so that a Slack outage delays messages and loses none. The WebClient
 * here must not retry on its own (retries: 0, rejectRateLimitedCalls): this loop owns retries, so that a retry
 * survives a restart and honours Retry-After without holding a request open.
 */
export class OutboxDispatcher {
  private readonly worker = `worker-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /**
   * While Slack says it is down or rate-limited, new messages do not wake the dispatcher: each wake-up would cost the
   * database a claim (on the embedded database, the same connection the intakes wait for) and Slack a refused call.
   */
  private holdUntil = 0;
  /** A channel Slack rate-limited (429 on a post there): its messages wait, other channels' go on. */
  private readonly channelHolds = new Map<string, number>();
  private readonly warned = new Set<string>();
  /** The lanes being sent by this instance: a lane claimed again goes after the one in flight (order kept). */
  private readonly lanes = new Map<string, Promise<void>>();
  /** Lanes allowed to send now, and the lanes waiting for a place. */
  private sending = 0;
  private readonly waiting: (() => void)[] = [];
  /** The newest redraw of each card, sheet or message this instance holds: an older one is not sent. */
  private readonly newestRedraw = new Map<string, bigint>();

  constructor(
    private readonly store: OutboxStore,
    private readonly client: WebClient,
    /** The channel of the cellule or of a reflection group, as the settings in force say (none: held). */
    private readonly channelOf: (audience: DigestAudience | `group:${string}`) => string | undefined,
    /** Where an operator's messages go: its channel, as the coordinator set it. */
    private readonly operators: Pick<OperatorRepository, 'channelOf'>,
    private readonly logger: Logger,
    private readonly intervalMs: number,
    /** The app's bot id (auth.test), to tell its own messages from others' when it looks for an earlier copy. */
    private readonly selfBotId: () => string | undefined = () => undefined,
  ) {}

  start(): void {
    this.stopped = false;
    // A channel configured at this start delivers what was held for it now, not after the hold's 30 s.
    this.releaseHeld();
    this.schedule(0);
  }

  /** A destination was just configured: what was held for it is due now. */
  releaseHeld(): void {
    this.store.releaseHeld().then(
      () => this.kick(),
      (error: unknown) => this.logger.warn({ err: error }, 'outbox: could not release held messages'),
    );
  }

  /** Something was just enqueued: send now rather than at the next tick. */
  kick(): void {
    if (this.stopped) return;
    // While Slack refuses, a new message waits for the next regular poll; rescheduling here would also postpone
    // what that poll is due to retry, and each message keeps its own backoff.
    if (this.held() > 0) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /**
   * Sends at once what the current request enqueued (after its commit: a row is claimed only once it is written),
   * on this instance; what it cannot claim (another round took it) or did not enqueue is the loop's, as before.
   */
  sendEnqueued(): void {
    const batch = directSends.getStore();
    const keys = batch?.keys.splice(0) ?? [];
    if (keys.length === 0 || this.stopped || this.held() > 0) {
      this.kick();
      return;
    }
    this.sendNow(keys).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'outbox: direct send failed; the outbox will send');
      this.kick();
    });
  }

  /** Claims these messages (by dedupe key) and sends them now. Exposed for tests. */
  async sendNow(keys: readonly string[]): Promise<DispatchReport> {
    const claimed = await this.store.claimKeys(this.worker, keys, LEASE_MS);
    return this.dispatch(claimed);
  }

  /** How long until Slack may be called again (0 when it may now). */
  private held(): number {
    return Math.max(0, this.holdUntil - Date.now());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    // The round is nobody's request and no job's, whoever woke it (a timer keeps the context it was set in).
    this.timer = setTimeout(() => {
      this.running = ownContext(() => this.loop()).finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(this.again ? 0 : this.intervalMs);
        this.again = false;
      });
    }, delay);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    try {
      let report: DispatchReport;
      do {
        report = await this.dispatchOnce();
      } while (!this.stopped && report.sent + report.retried + report.failed + report.postponed === BATCH);
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox: dispatch round failed; will retry');
    }
  }

  /**
   * One batch: claim, send, record. Messages of one case go one after the other, in the order they were written (a
   * card before its updates and thread lines); different cases go side by side, a few at a time, so that one slow
   * answer from Slack does not hold every other message. Exposed for tests and the benchmark.
   */
  async dispatchOnce(): Promise<DispatchReport> {
    return this.dispatch(await this.store.claim(this.worker, BATCH, LEASE_MS));
  }

  private async dispatch(claimed: readonly ClaimedMessage[]): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retried: 0, failed: 0, postponed: 0 };
    const lanes = new Map<string, ClaimedMessage[]>();
    for (const message of claimed) {
      const key = laneOf(message);
      const lane = lanes.get(key);
      if (lane) lane.push(message);
      else lanes.set(key, [message]);
      const redraw = redrawOf(message.entry);
      if (redraw && (this.newestRedraw.get(redraw) ?? -1n) < message.id) this.newestRedraw.set(redraw, message.id);
    }
    await Promise.all([...lanes].map(([key, lane]) => this.inLane(key, () => this.sendLane(lane, report))));
    return report;
  }

  /** Runs `work` after what this instance is already sending in that lane, and within the lanes' limit. */
  private inLane(key: string, work: () => Promise<void>): Promise<void> {
    const previous = this.lanes.get(key) ?? Promise.resolve();
    const run = previous.then(async () => {
      // A place: a free one, or the one a finished lane hands over (so that none is taken twice).
      if (this.sending < PARALLEL_LANES) this.sending += 1;
      else await new Promise<void>((resolve) => this.waiting.push(resolve));
      try {
        await work();
      } finally {
        const next = this.waiting.shift();
        if (next) next();
        else this.sending -= 1;
      }
    });
    this.lanes.set(key, run);
    const forget = () => {
      if (this.lanes.get(key) === run) this.lanes.delete(key);
    };
    run.then(forget, forget);
    return run;
  }

  private async sendLane(lane: readonly ClaimedMessage[], report: DispatchReport): Promise<void> {
    // What was sent without effects is recorded at the lane's end, in one statement (a died instance leaves those
    // rows in flight: the next attempt looks in Slack before posting, and a redraw is the same drawn again).
    const sent: SentRecord[] = [];
    try {
      for (const message of lane) {
        if (this.stopped) {
          await this.store.postpone(message.id, 0, 'shutdown');
          report.postponed += 1;
          continue;
        }
        // Redraws of one card coalesce: one that a newer redraw held here replaces is done without a call.
        const redraw = redrawOf(message.entry);
        const newest = redraw ? this.newestRedraw.get(redraw) : undefined;
        if (newest !== undefined && newest > message.id) {
          sent.push({ id: message.id, result: { supersededBy: String(newest) } });
          report.sent += 1;
          continue;
        }
        report[await this.send(message, sent)] += 1;
        if (redraw && this.newestRedraw.get(redraw) === message.id) this.newestRedraw.delete(redraw);
      }
    } finally {
      await this.store.markAllSent(sent);
    }
  }

  private async send(message: ClaimedMessage, sent: SentRecord[]): Promise<keyof DispatchReport> {
    const { entry } = message;
    let args: Record<string, unknown>;
    let method: string;
    /** Where a new message lands (channel, and thread if a reply): where to look for an earlier copy of it. */
    let posting: { channel: string; threadTs?: string; userId?: string } | undefined;
    if (entry.kind === 'file_upload') return this.upload(message, entry);
    if (entry.kind === 'delete') return this.remove(message, entry);
    if (entry.kind === 'post') {
      const channel = await this.resolve(entry.destination);
      if (!channel) return this.waitFor(message, `destination ${describe(entry.destination)} is not configured`);
      method = 'chat.postMessage';
      args = { channel, text: entry.message.text, blocks: entry.message.blocks, unfurl_links: false };
      posting = { channel, ...(entry.destination.kind === 'user' ? { userId: entry.destination.userId } : {}) };
    } else if (entry.kind === 'message_update') {
      const posted = await this.store.postedAs(entry.of);
      if (!posted) return this.waitFor(message, 'message to update not posted yet');
      method = 'chat.update';
      args = { ...posted, text: entry.message.text, blocks: entry.message.blocks };
    } else if (entry.kind === 'sheet_update' || entry.kind === 'sheet_reply') {
      const sheet = await this.store.sheetOf(entry.orientationId);
      // A sheet still waiting for its operator's channel: its update waits as long.
      if (!sheet) return this.waitFor(message, 'destination of a liaison sheet is not configured');
      const { text, blocks } = entry.message;
      method = entry.kind === 'sheet_update' ? 'chat.update' : 'chat.postMessage';
      args =
        entry.kind === 'sheet_update'
          ? { channel: sheet.channel, ts: sheet.ts, text, blocks }
          : { channel: sheet.channel, thread_ts: sheet.ts, text, blocks };
      if (entry.kind === 'sheet_reply') posting = { channel: sheet.channel, threadTs: sheet.ts };
    } else {
      const card = message.card ?? (await this.store.cardOf(entry.referralId));
      if (!card) return this.waitFor(message, 'card not posted yet');
      if (entry.kind === 'card_update') {
        method = 'chat.update';
        args = { channel: card.channel, ts: card.ts, text: entry.message.text, blocks: entry.message.blocks };
      } else {
        method = 'chat.postMessage';
        args = { channel: card.channel, thread_ts: card.ts, text: entry.message.text, blocks: entry.message.blocks };
        posting = { channel: card.channel, threadTs: card.ts };
      }
    }
    const effects = entry.kind === 'post' ? { cardOf: entry.cardOf, sheetOf: entry.sheetOf } : {};
    const channel = String(args.channel);
    const channelHeld = (this.channelHolds.get(channel) ?? 0) - Date.now();
    if (channelHeld > 0) {
      await this.store.postpone(message.id, channelHeld, 'channel rate-limited by Slack');
      return 'postponed';
    }
    let result: { channel?: string; ts?: string };
    try {
      if (posting) {
        // Slack has no idempotency key for chat.postMessage: each message carries its outbox id, and one whose
        // earlier attempt may have reached Slack is looked for first (the app's own messages since it was written).
        args.metadata = { event_type: OUTBOX_EVENT, event_payload: { outbox_id: String(message.id) } };
        if (message.outcomeUnknown) {
          method = posting.threadTs ? 'conversations.replies' : 'conversations.history';
          const found = await this.findPosted(message, posting);
          if (found) {
            await this.store.markSent(message.id, found, effects);
            this.logger.info({ outboxId: String(message.id) }, 'outbox: already in Slack from an earlier attempt');
            return 'sent';
          }
          method = 'chat.postMessage';
        }
      }
      result = (await this.client.apiCall(method, args)) as WebAPICallResult & { channel?: string; ts?: string };
    } catch (error) {
      return this.failed(message, method, error, posting !== undefined, channel);
    }
    // Not in the try: a database that fails here leaves the row "in flight", and the next attempt looks first. A
    // post is recorded at once (what follows it in its lane may need where it is: a card's update, a digest's redraw).
    if (entry.kind === 'post')
      await this.store.markSent(message.id, { channel: result.channel, ts: result.ts }, effects);
    else sent.push({ id: message.id, result: { channel: result.channel, ts: result.ts } });
    if (entry.kind === 'post' && entry.cardOf && result.channel && result.ts)
      await this.rememberCardLink(entry.cardOf, result.channel, result.ts);
    return 'sent';
  }

  /** A card just posted: its permalink, for the lists that link to it. Best effort: a list without it still works. */
  private async rememberCardLink(referralId: string, channel: string, ts: string): Promise<void> {
    try {
      const answer = (await this.client.apiCall('chat.getPermalink', { channel, message_ts: ts })) as {
        permalink?: string;
      };
      if (answer.permalink?.startsWith('https://')) await this.store.rememberCardLink(referralId, answer.permalink);
    } catch (error) {
      this.logger.warn({ err: error, referralId }, 'outbox: no permalink for a card (its lists show no link)');
    }
  }

  /**
   * The earliest copy of a message that an earlier attempt posted, if any: the app's own messages carrying its
   * outbox id, in the channel (or the thread) since the message was written. Copies after the first are deleted.
   */
  private async findPosted(
    message: ClaimedMessage,
    posting: { channel: string; threadTs?: string; userId?: string },
  ): Promise<{ channel: string; ts: string } | undefined> {
    const self = this.selfBotId();
    let channel = posting.channel;
    if (posting.userId) {
      // A direct message: posted to the user's id, it lives in the direct channel, which history needs.
      const opened = (await this.client.apiCall('conversations.open', { users: posting.userId })) as {
        channel?: { id?: string };
      };
      channel = opened.channel?.id ?? channel;
    }
    const oldest = (Math.floor(message.createdAt.getTime() / 1000) - 1).toFixed(6);
    const copies: PostedCopy[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < LOOKUP_PAGES; page += 1) {
      const answer = (await this.client.apiCall(posting.threadTs ? 'conversations.replies' : 'conversations.history', {
        channel,
        ...(posting.threadTs ? { ts: posting.threadTs } : {}),
        oldest,
        limit: 200,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      })) as { messages?: PostedCopy[]; response_metadata?: { next_cursor?: string } };
      for (const m of answer.messages ?? []) {
        const mine = self === undefined || m.bot_id === self;
        if (
          mine &&
          m.metadata?.event_type === OUTBOX_EVENT &&
          m.metadata.event_payload?.outbox_id === String(message.id)
        )
          copies.push(m);
      }
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    copies.sort((a, b) => Number(a.ts) - Number(b.ts));
    for (const extra of copies.slice(1)) {
      await this.client.apiCall('chat.delete', { channel, ts: extra.ts }).then(
        () => this.logger.warn({ outboxId: String(message.id) }, 'outbox: a doubled message was deleted'),
        (error: unknown) =>
          this.logger.warn({ err: error, outboxId: String(message.id) }, 'outbox: could not delete a doubled message'),
      );
    }
    const first = copies[0];
    return first ? { channel, ts: first.ts } : undefined;
  }

  /** A message the app posted, deleted; one already gone (deleted by hand, or by an earlier attempt) is done. */
  private async remove(
    message: ClaimedMessage,
    entry: Extract<OutboxEntry, { kind: 'delete' }>,
  ): Promise<keyof DispatchReport> {
    try {
      await this.client.apiCall('chat.delete', { channel: entry.channel, ts: entry.ts });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code !== 'message_not_found') return this.failed(message, 'chat.delete', error, false);
    }
    await this.store.markSent(message.id, {});
    return 'sent';
  }

  /**
   * Slack's upload flow, all steps again on a retry (an upload never completed is dropped by Slack): the direct
   * channel, then for each file an upload URL and its bytes, then one completion that shares them with the comment.
   */
  private async upload(
    message: ClaimedMessage,
    entry: Extract<OutboxEntry, { kind: 'file_upload' }>,
  ): Promise<keyof DispatchReport> {
    let method = 'conversations.open';
    let channel: string | undefined;
    if (entry.destination.kind !== 'user') {
      channel = await this.resolve(entry.destination);
      if (!channel) return this.waitFor(message, `destination ${describe(entry.destination)} is not configured`);
    }
    try {
      if (entry.destination.kind === 'user') {
        const opened = (await this.client.apiCall(method, { users: entry.destination.userId })) as {
          channel?: { id?: string };
        };
        channel = opened.channel?.id;
      }
      if (!channel) throw new Error('no channel to share the files in');
      const uploaded: { id: string; title: string }[] = [];
      for (const file of entry.files) {
        const bytes = Buffer.from(file.base64, 'base64');
        method = 'files.getUploadURLExternal';
        const target = (await this.client.apiCall(method, {
          filename: file.filename,
          length: bytes.length,
          ...(file.altText ? { alt_txt: file.altText } : {}),
        })) as { upload_url?: string; file_id?: string };
        if (!target.upload_url || !target.file_id) throw new Error('no upload url');
        method = 'file upload';
        const res = await fetch(target.upload_url, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: bytes,
          signal: AbortSignal.timeout(30_000),
        });
        if (!res.ok)
          throw Object.assign(new Error(`upload ${res.status}`), { code: ErrorCode.HTTPError, statusCode: res.status });
        uploaded.push({ id: target.file_id, title: file.title });
      }
      method = 'files.completeUploadExternal';
      const result = (await this.client.apiCall(method, {
        files: JSON.stringify(uploaded),
        channel_id: channel,
        initial_comment: entry.comment,
      })) as WebAPICallResult;
      await this.store.markSent(message.id, { channel, ts: String((result as { ts?: string }).ts ?? '') });
      return 'sent';
    } catch (error) {
      return this.failed(message, method, error);
    }
  }

  private async resolve(destination: Destination): Promise<string | undefined> {
    switch (destination.kind) {
      case 'cellule':
        return this.channelOf('cellule');
      case 'group':
        return this.channelOf(destination.axis);
      case 'reflection_group':
        return this.channelOf(`group:${destination.group}`);
      case 'user':
        return destination.userId;
      case 'operator':
        return this.operators.channelOf(destination.operator);
    }
  }

  private async waitFor(message: ClaimedMessage, reason: string): Promise<'postponed'> {
    if (!this.warned.has(reason)) {
      this.warned.add(reason);
      this.logger.warn({ outboxId: String(message.id) }, `outbox: holding messages: ${reason}`);
    }
    await this.store.postpone(message.id, reason.startsWith('destination') ? 30_000 : 1_000, reason);
    return 'postponed';
  }

  private async failed(
    message: ClaimedMessage,
    method: string,
    error: unknown,
    /** A new message (chat.postMessage): an attempt without Slack's answer may have posted it. */
    posts = false,
    /** Where it was going (a rate limit on posts is Slack's per channel). */
    channel?: string,
  ): Promise<'retried' | 'failed'> {
    const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
    const slackError = e.data?.error;
    const cause =
      e.code === ErrorCode.RateLimitedError
        ? `rate_limited (retry after ${e.retryAfter}s)`
        : e.code === ErrorCode.HTTPError
          ? `http_${e.statusCode}`
          : (slackError ?? e.code ?? 'unknown_error');
    // Without Slack's answer (the connection failed or timed out) the message may be posted; an answer, even a 5xx
    // or a 429, says it was not. A look that failed leaves the earlier attempt's outcome as unknown as it was.
    const noAnswer = e.code === ErrorCode.RequestError;
    const unknown =
      posts &&
      ((noAnswer && method === 'chat.postMessage') || (message.outcomeUnknown && method !== 'chat.postMessage'));
    const reason = unknown ? `${UNKNOWN_OUTCOME}${cause}` : cause;
    if (slackError && PERMANENT_ERRORS.has(slackError)) {
      await this.store.markFailed(message.id, reason);
      this.logger.error({ outboxId: String(message.id), method, reason }, 'outbox: Slack rejected a message for good');
      return 'failed';
    }
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(message.attempts - 1, 16));
    const delay = e.code === ErrorCode.RateLimitedError && e.retryAfter ? e.retryAfter * 1000 : jitter(backoff);
    // Slack refusing for now: a 429 on a post holds that channel (Slack's limit on posts is per channel), on any
    // other call, or a 5xx, the dispatcher rests (a second at most for an outage).
    if (e.code === ErrorCode.RateLimitedError && method === 'chat.postMessage' && channel)
      this.channelHolds.set(channel, Math.max(this.channelHolds.get(channel) ?? 0, Date.now() + delay));
    else if (e.code === ErrorCode.RateLimitedError || (e.code === ErrorCode.HTTPError && (e.statusCode ?? 0) >= 500))
      this.holdUntil = Math.max(this.holdUntil, Date.now() + (e.code === ErrorCode.RateLimitedError ? delay : 1000));
    await this.store.retryLater(message.id, delay, reason);
    this.logger.warn(
      { outboxId: String(message.id), method, reason, retryInMs: delay },
      'outbox: send failed, will retry',
    );
    return 'retried';
  }
}

type SentRecord = Parameters<OutboxStore['markAllSent']>[0][number];

/** Runs outside any request's or job's context (see directSends and asJob). */
function ownContext<T>(work: () => T): T {
  return outsideJobs(() => directSends.exit(work));
}

/** What a redraw draws again (a card, a sheet, a message): of two redraws of one thing, only the newer counts. */
function redrawOf(entry: OutboxEntry): string | undefined {
  if (entry.kind === 'card_update') return `card:${entry.referralId}`;
  if (entry.kind === 'sheet_update') return `sheet:${entry.orientationId}`;
  if (entry.kind === 'message_update') return `message:${entry.of}`;
  return undefined;
}

/** Messages that must keep their order share a lane: those of one case. Others have a lane of their own. */
function laneOf({ id, entry }: ClaimedMessage): string {
  if (entry.kind === 'file_upload') return entry.lane ?? `message:${id}`;
  if (entry.kind === 'delete') return `message:${id}`;
  if (entry.kind === 'message_update') return entry.lane;
  if (entry.kind === 'post' && entry.lane) return entry.lane;
  if (entry.kind === 'sheet_update' || entry.kind === 'sheet_reply') return `sheet:${entry.orientationId}`;
  if (entry.kind !== 'post') return `case:${entry.referralId}`;
  if (entry.sheetOf) return `sheet:${entry.sheetOf}`;
  return entry.cardOf ? `case:${entry.cardOf}` : `message:${id}`;
}

function jitter(ms: number): number {
  return Math.round(ms * (0.8 + Math.random() * 0.4));
}

function describe(destination: Destination): string {
  if (destination.kind === 'operator') return `operator:${destination.operator}`;
  if (destination.kind === 'reflection_group') return `reflection_group:${destination.group}`;
  return destination.kind === 'group' ? `group:${destination.axis}` : destination.kind;
}
