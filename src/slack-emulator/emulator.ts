import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { messageProblems, updateProblems, viewProblems } from './block-kit-limits.js';

/**
 * An offline Slack: the Web API methods the app calls, in Slack's response shapes, with Slack's limits enforced,
 * plus a Socket Mode endpoint. It records every call so tests can assert on what the app sent. The tests, the
 * benchmark and the sandbox (`npm start` without Slack credentials) all use it.
 */

type Json = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  args: Json;
  token?: string;
  at: number;
  status: number;
  response: Json;
  /** For a response_url call: the path it was posted to (its last segment identifies the interaction). */
  path?: string;
  /** Answered by a fault a test injected, not by Slack's rules. */
  injected?: boolean;
  /** For a socket_ack: the envelope's payload it answers, and who acted in it. */
  request?: Json;
  user?: string;
}

export interface Fault {
  /** An HTTP failure, or 200 with `error`: Slack refusing the call itself (`invalid_blocks`, `channel_not_found`…). */
  status: 200 | 429 | 500 | 502 | 503;
  error?: string;
  retryAfterSeconds?: number;
  /** Answer this many calls with the fault, or */
  times?: number;
  /** every call until this time (ms since epoch). */
  until?: number;
  /**
   * The call is carried out as Slack would (a message is posted) but its answer never arrives: the connection is
   * cut, as when the network or the app's process fails between Slack's answer and the app reading it.
   */
  answerLost?: boolean;
}

/** A fault as the emulator holds it: what it was asked, and how many calls it has answered so far. */
export interface InjectedFault extends Fault {
  method: string;
  served: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  user: string;
  edited?: boolean;
  /** When it was posted (ms since epoch), to place it among a user's private notices. */
  at?: number;
  /** Files shared with the message (files.completeUploadExternal). */
  files?: { id: string; title: string; name: string }[];
  /** The app's message metadata (chat.postMessage `metadata`), returned by history only when asked for. */
  metadata?: { event_type: string; event_payload: Json };
  /** The app that posted it (every message the emulator stores is the app's). */
  bot_id?: string;
}

/** A file uploaded through files.getUploadURLExternal, its bytes, and where it was shared. */
export interface StoredFile {
  id: string;
  name: string;
  length: number;
  altText?: string;
  title?: string;
  bytes?: Buffer;
  channel?: string;
  completed: boolean;
  /** Shared by a user (driver.shareFile), not uploaded by the app: who, and its type as Slack names it. */
  user?: string;
  filetype?: string;
}

export interface StoredView {
  id: string;
  hash: string;
  userId: string;
  view: Json;
  rootViewId: string;
  /** Set when the user closed the modal or the app cleared it. */
  closed?: boolean;
  /**
   * What the user typed or chose in the view's input blocks, by block id (with the element's action id): Slack keeps
   * it when the view is updated with an input of the same block_id and action_id, and drops it otherwise.
   */
  typed?: Map<string, { actionId: string; value: string | string[] | undefined }>;
  /** A view pushed over another (response_action: push): closing it shows that one again. */
  pushedOver?: string;
}

/** The typed values an updated view keeps: those of inputs it still has under the same block_id and action_id. */
function keptEntries(stored: StoredView, view: Json): void {
  if (!stored.typed) return;
  const inputs = new Map<string, unknown>();
  for (const block of (view.blocks as Json[] | undefined) ?? [])
    if (block.type === 'input') inputs.set(String(block.block_id), (block.element as Json | undefined)?.action_id);
  for (const [blockId, entry] of stored.typed) if (inputs.get(blockId) !== entry.actionId) stored.typed.delete(blockId);
}

export interface EmulatorState {
  messages: StoredMessage[];
  homeViews: Record<string, Json>;
  tsCounter: number;
}

export interface EmulatorOptions {
  botToken: string;
  appToken?: string;
  channels?: string[];
  /** Names users.info answers with (the sandbox's demo members); others get a generic name. */
  users?: { id: string; name: string }[];
  /** Who administers the workspace (users.info: is_admin): the one who installed the app, in the tests. */
  admins?: readonly string[];
  /**
   * How long a trigger_id lives: Slack's 3 s by default. Tests whose subject is not that rule relax it, so that a
   * busy machine does not turn a slow test into a lost modal.
   */
  triggerTtlMs?: number;
  /**
   * Who is in which channel, where a test or the sandbox says so: chat.postEphemeral to someone outside the channel
   * fails as in Slack (`user_not_in_channel`). A channel not listed here takes anyone.
   */
  members?: Record<string, readonly string[]>;
  /** Private channels: Slack hides them from an app that is not in them (conversations.info: channel_not_found). */
  privateChannels?: readonly string[];
}

/** Slack accepts at most five posts to one response_url, within 30 minutes of the interaction. */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

/** Slack's own lifetime of a trigger_id. */
export const TRIGGER_TTL_MS = 3000;

export class SlackEmulator {
  readonly calls: RecordedCall[] = [];
  /** Called on every recorded call (the benchmark times arrivals with it). */
  readonly onCall: ((call: RecordedCall) => void)[] = [];
  readonly messages: StoredMessage[] = [];
  readonly views = new Map<string, StoredView>();
  readonly homeViews = new Map<string, Json>();
  readonly ephemerals: Json[] = [];
  readonly files = new Map<string, StoredFile>();
  readonly botUserId = 'UBOTPRE01';
  /** Each trigger_id, and the modal whose interaction minted it (views.push stacks the new view over it). */
  private readonly triggers = new Map<string, { userId: string; mintedAt: number; used: boolean; fromView?: string }>();
  /** Injected faults in the order given: one is served at a time per method, then the next. */
  readonly faults: InjectedFault[] = [];
  private readonly channels: Set<string>;
  /** Channels the app was removed from (or never invited to): Slack refuses its posts there. */
  private readonly appOutside = new Set<string>();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private sockets = new Set<WebSocket>();
  private pendingAcks = new Map<string, (payload: Json | undefined) => void>();
  private readonly envelopes = new Map<string, Json>();
  private tsCounter = 0;
  /** First use and count of each response_url (by path). */
  private readonly responseUrls = new Map<string, { first: number; uses: number }>();
  port = 0;
  /** Grows with every call and every change made from outside (a closed modal): watchers compare it. */
  revision = 0;

  constructor(private readonly options: EmulatorOptions) {
    this.channels = new Set(options.channels ?? []);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      this.wss?.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** A trigger_id as Slack mints one with each user interaction: single use, valid 3 s. */
  mintTrigger(userId: string, ageMs = 0, fromView?: string): string {
    const id = `${Date.now()}.${randomBytes(6).toString('hex')}`;
    this.triggers.set(id, { userId, mintedAt: Date.now() - ageMs, used: false, fromView });
    return id;
  }

  /** The user a view call was for: the one whose click minted its trigger_id, or the owner of the view it updates. */
  viewUserOf(call: RecordedCall): string | undefined {
    const trigger = this.triggers.get(String(call.args.trigger_id ?? ''));
    if (trigger) return trigger.userId;
    return this.views.get(String(call.args.view_id ?? ''))?.userId;
  }

  /**
   * Make `method` ('*' for all) fail as Slack does under load or during an outage. Faults queue: a second one for
   * the same method is served once the first is used up (`times`) or over (`until`).
   */
  inject(method: string, fault: Fault): InjectedFault {
    const injected = { ...fault, method, served: 0 };
    this.faults.push(injected);
    return injected;
  }

  clearFaults(): void {
    this.faults.splice(0, this.faults.length);
  }

  /** Faults with a count that never answered a call: a test that injects one expects it to be met. */
  unservedFaults(): InjectedFault[] {
    return this.faults.filter((f) => f.served === 0 || (f.times !== undefined && f.served < f.times));
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls Slack would refuse for their content (Block Kit rules), with the problems it would name. */
  blockKitRefusals(): string[] {
    return this.calls
      .filter((c) => !c.injected && (c.response.error === 'invalid_arguments' || c.response.error === 'invalid_blocks'))
      .flatMap((c) => {
        const messages = (c.response.response_metadata as { messages?: string[] } | undefined)?.messages;
        return (messages ?? [String(c.response.error)]).map((m) => `${c.method}: ${m}`);
      });
  }

  /** Successful calls only: what Slack actually accepted. */
  accepted(method: string): RecordedCall[] {
    return this.callsTo(method).filter((c) => c.status === 200 && c.response.ok === true);
  }

  messagesIn(channel: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.thread_ts);
  }

  /** A person writes in a channel (the sandbox's composer): a message of theirs, not the app's. */
  postAsUser(channel: string, user: string, text: string): StoredMessage {
    const message: StoredMessage = { channel, ts: this.nextTs(), text, user, at: Date.now() };
    this.messages.push(message);
    this.revision += 1;
    return message;
  }

  threadOf(channel: string, ts: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.thread_ts === ts);
  }

  /** What a workspace keeps between two runs: messages and App Home tabs (the sandbox saves it with its data). */
  exportState(): EmulatorState {
    return { messages: this.messages, homeViews: Object.fromEntries(this.homeViews), tsCounter: this.tsCounter };
  }

  importState(state: EmulatorState): void {
    this.messages.splice(0, this.messages.length, ...state.messages);
    this.homeViews.clear();
    for (const [user, view] of Object.entries(state.homeViews)) this.homeViews.set(user, view);
    this.tsCounter = state.tsCounter;
    this.revision += 1;
  }

  /** The modal `userId` has on screen: the latest one opened for them and not closed. */
  modalOf(userId: string): StoredView | undefined {
    return [...this.views.values()].reverse().find((v) => v.userId === userId && !v.closed);
  }

  /** The user closed the modal (or the app answered a submission with nothing more to show): its stack goes. */
  closeView(viewId: string): void {
    const root = this.views.get(viewId)?.rootViewId;
    for (const view of this.views.values()) if (view.rootViewId === root) view.closed = true;
    this.revision += 1;
  }

  /** A submitted view closed by an empty ack: a pushed one gives way to the view under it, a first one closes all. */
  closeSubmitted(viewId: string): void {
    const stored = this.views.get(viewId);
    if (!stored?.pushedOver) {
      this.closeView(viewId);
      return;
    }
    stored.closed = true;
    this.revision += 1;
  }

  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 60_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`emulator: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Does `action` (a click, a command) and returns the view the app then opened or pushed (`method`): its id and what
   * it says.
   */
  async opened(
    action: () => Promise<unknown>,
    what = 'views.open',
    method: 'views.open' | 'views.push' = 'views.open',
  ): Promise<{ id: string; text: string }> {
    const before = this.accepted(method).length;
    await action();
    const call = await this.waitFor(() => this.accepted(method)[before], 60_000, what);
    return { id: String((call.response.view as { id: string }).id), text: String(call.args.view) };
  }

  /** Sends a Socket Mode envelope to the connected app and resolves with its ack payload. */
  async sendEnvelope(type: string, payload: Json, timeoutMs = 3000): Promise<Json | undefined> {
    const ws = [...this.sockets][0];
    if (!ws) throw new Error('emulator: no Socket Mode connection');
    const envelopeId = randomBytes(8).toString('hex');
    const acked = new Promise<Json | undefined>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('emulator: envelope not acknowledged in time')), timeoutMs);
      this.pendingAcks.set(envelopeId, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
    this.envelopes.set(envelopeId, payload);
    ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }));
    return acked;
  }

  get socketConnected(): boolean {
    return this.sockets.size > 0;
  }

  private onSocket(ws: WebSocket) {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      let msg: Json;
      try {
        msg = JSON.parse(String(data)) as Json;
      } catch {
        return;
      }
      const id = typeof msg.envelope_id === 'string' ? msg.envelope_id : undefined;
      if (id) {
        // What the app answered over the socket is recorded like its HTTP answers, for the tests' scans.
        const request = this.envelopes.get(id);
        this.envelopes.delete(id);
        const actor = (request?.user as Json | undefined)?.id ?? request?.user_id;
        const call: RecordedCall = {
          method: 'socket_ack',
          args: (msg.payload as Json | undefined) ?? {},
          at: Date.now(),
          status: 200,
          response: { ok: true },
          request,
          user: typeof actor === 'string' ? actor : undefined,
        };
        this.record(call);
        this.pendingAcks.get(id)?.(msg.payload as Json | undefined);
        this.pendingAcks.delete(id);
      }
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'APRE0001' } }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    if (req.url?.startsWith('/upload/')) return this.receiveUpload(req, res);
    if (req.url?.startsWith('/files-pri/')) return this.download(req, res);
    const raw = await readBody(req);
    if (req.url?.startsWith('/commands/') || req.url?.startsWith('/actions/')) {
      // A response_url: Slack shows the message to the user who acted.
      const args = (safeJson(raw) as Json) ?? {};
      const now = Date.now();
      const use = this.responseUrls.get(req.url) ?? { first: now, uses: 0 };
      use.uses += 1;
      this.responseUrls.set(req.url, use);
      const expired = use.uses > RESPONSE_URL_MAX_USES || now - use.first > RESPONSE_URL_TTL_MS;
      const problems = expired ? [] : messageProblems(withParsedBlocks(args));
      const response = expired
        ? { ok: false, error: 'expired_url' }
        : problems.length > 0
          ? this.invalid(problems, 'invalid_blocks')
          : { ok: true };
      const status = expired ? 404 : problems.length > 0 ? 400 : 200;
      const call = { method: 'response_url', args, at: now, status, response, path: req.url };
      this.record(call);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(response));
      return;
    }
    const method = req.url?.replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = parseArgs(raw, req.headers['content-type']);
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/, '') || (args.token as string | undefined);
    const fault = this.takeFault(method);
    let status = 200;
    let response: Json;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (fault && !fault.answerLost) {
      status = fault.status;
      const error = fault.error ?? (status === 429 ? 'ratelimited' : 'service_unavailable');
      response = { ok: false, error };
      if (status === 429) headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
    } else {
      response = this.dispatch(method, args, token);
    }
    const call: RecordedCall = { method, args, token, at: Date.now(), status, response, injected: fault !== undefined };
    this.record(call);
    if (fault?.answerLost) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(status, headers);
    res.end(JSON.stringify(response));
  }

  /** Every call, answer and socket ack goes through here: recorded, counted, and told to whoever watches. */
  private record(call: RecordedCall): void {
    this.calls.push(call);
    this.revision += 1;
    for (const listener of this.onCall) listener(call);
  }

  private takeFault(method: string): Fault | undefined {
    const now = Date.now();
    for (const key of [method, '*']) {
      const fault = this.faults.find(
        (f) => f.method === key && (f.until !== undefined ? now < f.until : f.served < (f.times ?? 1)),
      );
      if (!fault) continue;
      fault.served += 1;
      return fault;
    }
    return undefined;
  }

  private dispatch(method: string, args: Json, token: string | undefined): Json {
    if (method === 'apps.connections.open') {
      if (!this.options.appToken || token !== this.options.appToken) return { ok: false, error: 'invalid_auth' };
      return { ok: true, url: `ws://127.0.0.1:${this.port}/socket?ticket=${randomBytes(4).toString('hex')}` };
    }
    if (token !== this.options.botToken) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://pre-aubervilliers.slack.com/',
          team: 'PRE Aubervilliers',
          user: 'pre-referrals',
          team_id: 'TPRE0001',
          user_id: this.botUserId,
          bot_id: BOT_ID,
        };
      default: {
        const handler = this.methods[method];
        return handler ? handler(args) : { ok: false, error: 'unknown_method' };
      }
    }
  }

  /** The Web API methods the app calls, each served by its handler below. */
  private readonly methods: Readonly<Record<string, (args: Json) => Json>> = {
    'views.open': (a) => this.openView(a),
    'views.push': (a) => this.openView(a, true),
    'views.update': (a) => this.updateView(a),
    'views.publish': (a) => this.publishView(a),
    'chat.postMessage': (a) => this.postMessage(a),
    'chat.update': (a) => this.updateMessage(a),
    'chat.postEphemeral': (a) => this.postEphemeral(a),
    'chat.delete': (a) => this.deleteMessage(a),
    'chat.getPermalink': (a) => this.permalink(a),
    'conversations.history': (a) => this.history(a),
    'conversations.replies': (a) => this.replies(a),
    'conversations.info': (a) => this.channelInfo(a),
    'users.info': (a) => this.userInfo(a),
    'conversations.open': (a) => this.openConversation(a),
    'files.getUploadURLExternal': (a) => this.uploadUrl(a),
    'files.completeUploadExternal': (a) => this.completeUpload(a),
    'files.info': (a) => this.fileInfo(a),
  };

  /** Slack's refusal: `invalid_arguments` for a view, `invalid_blocks` for a message, each problem with its pointer. */
  private invalid(problems: string[], error: 'invalid_arguments' | 'invalid_blocks' = 'invalid_arguments'): Json {
    return { ok: false, error, response_metadata: { messages: problems.map((m) => `[ERROR] ${m}`) } };
  }

  private parseView(args: Json): Json | undefined {
    const view = typeof args.view === 'string' ? safeJson(args.view) : args.view;
    return view && typeof view === 'object' ? (view as Json) : undefined;
  }

  /** views.open, or views.push (over the modal the trigger came from: same root, three views at most). */
  private openView(args: Json, push = false): Json {
    const triggerId = String(args.trigger_id ?? '');
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used || Date.now() - trigger.mintedAt > (this.options.triggerTtlMs ?? TRIGGER_TTL_MS))
      return { ok: false, error: 'expired_trigger_id' };
    const view = this.parseView(args);
    if (!view) return { ok: false, error: 'invalid_arguments' };
    const problems = viewProblems(view, 'modal');
    if (problems.length > 0) return this.invalid(problems);
    const under = push && trigger.fromView ? this.views.get(trigger.fromView) : undefined;
    if (under && this.depthOf(under) >= 3) return { ok: false, error: 'push_limit_reached' };
    trigger.used = true;
    const id = `V${randomBytes(5).toString('hex').toUpperCase()}`;
    const stored: StoredView = {
      id,
      hash: randomBytes(6).toString('hex'),
      userId: trigger.userId,
      view,
      rootViewId: under?.rootViewId ?? id,
      ...(under ? { pushedOver: under.id } : {}),
    };
    this.views.set(id, stored);
    return { ok: true, view: this.viewResponse(stored) };
  }

  private updateView(args: Json): Json {
    const stored = this.views.get(String(args.view_id ?? ''));
    if (!stored) return { ok: false, error: 'not_found' };
    if (args.hash !== undefined && args.hash !== stored.hash) return { ok: false, error: 'hash_conflict' };
    const view = this.parseView(args);
    if (!view) return { ok: false, error: 'invalid_arguments' };
    const problems = viewProblems(view, 'modal');
    if (problems.length > 0) return this.invalid(problems);
    keptEntries(stored, view);
    stored.view = view;
    stored.hash = randomBytes(6).toString('hex');
    return { ok: true, view: this.viewResponse(stored) };
  }

  private publishView(args: Json): Json {
    const userId = String(args.user_id ?? '');
    if (!/^[UW]/.test(userId)) return { ok: false, error: 'invalid_arguments' };
    const view = this.parseView(args);
    if (!view) return { ok: false, error: 'invalid_arguments' };
    const problems = viewProblems(view, 'home');
    if (problems.length > 0) return this.invalid(problems);
    this.homeViews.set(userId, view);
    return { ok: true, view: { ...view, id: `V${randomBytes(5).toString('hex').toUpperCase()}` } };
  }

  /** Pushes a view the app returned in an HTTP ack over the submitted one (response_action: push); its id. */
  pushAckView(viewId: string, view: Json): { problems: string[]; id?: string } {
    const problems = viewProblems(view, 'modal');
    const under = this.views.get(viewId);
    if (!under || problems.length > 0) return { problems };
    // Slack's view stack holds three views at most.
    if (this.depthOf(under) >= 3) return { problems: ['push_limit_reached: a modal holds at most 3 views'] };
    const id = `V${randomBytes(5).toString('hex').toUpperCase()}`;
    const { userId, rootViewId } = under;
    this.views.set(id, { id, hash: randomBytes(6).toString('hex'), userId, view, rootViewId, pushedOver: viewId });
    this.revision += 1;
    return { problems, id };
  }

  /** How many views the stack holds up to `view` (1: a root). */
  private depthOf(view: StoredView): number {
    let depth = 1;
    for (let v: StoredView | undefined = view; v?.pushedOver; v = this.views.get(v.pushedOver)) depth += 1;
    return depth;
  }

  /** The view last pushed over `viewId`, if any. */
  pushedOver(viewId: string): StoredView | undefined {
    return [...this.views.values()].filter((v) => v.pushedOver === viewId).at(-1);
  }

  /** Records a view the app returned in an HTTP ack (response_action: update). */
  recordAckView(viewId: string, view: Json): string[] {
    const problems = viewProblems(view, 'modal');
    const stored = this.views.get(viewId);
    if (stored && problems.length === 0) {
      keptEntries(stored, view);
      stored.view = view;
      stored.hash = randomBytes(6).toString('hex');
      this.revision += 1;
    }
    return problems;
  }

  private viewResponse(stored: StoredView): Json {
    return {
      ...stored.view,
      id: stored.id,
      hash: stored.hash,
      team_id: 'TPRE0001',
      app_id: 'APRE0001',
      root_view_id: stored.rootViewId,
      previous_view_id: stored.pushedOver ?? null,
      state: { values: {} },
    };
  }

  private resolveChannel(channel: string): string | undefined {
    if (/^[UW]/.test(channel)) return directChannelOf(channel);
    // A direct-message channel (from conversations.open) exists for every user.
    if (/^D[A-Z0-9]+$/.test(channel)) return channel;
    if (this.channels.size > 0 && !this.channels.has(channel)) return undefined;
    return channel;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  /** The app leaves a channel (or was never invited): its posts there fail as in Slack. */
  appLeaves(channel: string): void {
    this.appOutside.add(channel);
  }

  /** `/invite @app` in the channel. */
  appJoins(channel: string): void {
    this.appOutside.delete(channel);
  }

  private isPrivate(channel: string): boolean {
    return this.options.privateChannels?.includes(channel) ?? false;
  }

  private postMessage(args: Json): Json {
    const channel = this.resolveChannel(String(args.channel ?? ''));
    if (!channel) return { ok: false, error: 'channel_not_found' };
    // Slack: a private channel the app is not in does not exist for it; a public one says not_in_channel.
    if (this.appOutside.has(channel))
      return { ok: false, error: this.isPrivate(channel) ? 'channel_not_found' : 'not_in_channel' };
    const parsed = withParsedBlocks(args);
    const problems = messageProblems(parsed);
    if (problems.length > 0) return this.invalid(problems, 'invalid_blocks');
    if (
      parsed.thread_ts !== undefined &&
      !this.messages.some((m) => m.channel === channel && m.ts === parsed.thread_ts)
    )
      return { ok: false, error: 'thread_not_found' };
    const metadata = parsed.metadata === undefined ? undefined : metadataOf(parsed.metadata);
    if (metadata === 'invalid') return { ok: false, error: 'invalid_metadata_format' };
    const message: StoredMessage = {
      channel,
      ts: this.nextTs(),
      text: parsed.text as string | undefined,
      blocks: parsed.blocks as unknown[] | undefined,
      thread_ts: parsed.thread_ts as string | undefined,
      user: this.botUserId,
      bot_id: BOT_ID,
      at: Date.now(),
      ...(metadata ? { metadata } : {}),
    };
    this.messages.push(message);
    return { ok: true, channel, ts: message.ts, message: { ...message, type: 'message' } };
  }

  private updateMessage(args: Json): Json {
    const channel = String(args.channel ?? '');
    const message = this.messages.find((m) => m.channel === channel && m.ts === args.ts);
    if (!message) return { ok: false, error: 'message_not_found' };
    const parsed = withParsedBlocks(args);
    const problems = [...messageProblems(parsed), ...updateProblems(message.blocks, parsed.blocks)];
    if (problems.length > 0) return this.invalid(problems, 'invalid_blocks');
    message.text = parsed.text as string | undefined;
    message.blocks = parsed.blocks as unknown[] | undefined;
    message.edited = true;
    return { ok: true, channel, ts: message.ts, text: message.text };
  }

  /** chat.delete: a bot token deletes only the app's own messages. */
  /** chat.getPermalink: the link Slack gives a message of a channel the app can see. */
  private permalink(args: Json): Json {
    const channel = String(args.channel ?? '');
    const ts = String(args.message_ts ?? '');
    if (!this.messages.some((m) => m.channel === channel && m.ts === ts))
      return { ok: false, error: 'message_not_found' };
    return {
      ok: true,
      channel,
      permalink: `https://pre-aubervilliers.slack.com/archives/${channel}/p${ts.replace('.', '')}`,
    };
  }

  private deleteMessage(args: Json): Json {
    const channel = String(args.channel ?? '');
    const index = this.messages.findIndex((m) => m.channel === channel && m.ts === args.ts);
    if (index < 0) return { ok: false, error: 'message_not_found' };
    if (this.messages[index]?.bot_id !== BOT_ID) return { ok: false, error: 'cant_delete_message' };
    this.messages.splice(index, 1);
    return { ok: true, channel, ts: String(args.ts) };
  }

  /**
   * conversations.history: the channel's messages (not thread replies), newest first, from `oldest` (exclusive) on,
   * `limit` at most 999 (Slack's bound; 100 by default), paged with a cursor; metadata only with include_all_metadata.
   */
  private history(args: Json): Json {
    const channel = this.resolveChannel(String(args.channel ?? ''));
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const found = this.messages.filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts));
    return this.page([...found].reverse(), args);
  }

  /** conversations.replies: the thread's parent, then its replies, oldest first; the same paging and metadata rule. */
  private replies(args: Json): Json {
    const channel = this.resolveChannel(String(args.channel ?? ''));
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const parent = this.messages.find((m) => m.channel === channel && m.ts === args.ts);
    if (!parent) return { ok: false, error: 'thread_not_found' };
    return this.page([parent, ...this.threadOf(channel, parent.ts)], args);
  }

  private page(messages: StoredMessage[], args: Json): Json {
    const limit = args.limit === undefined ? 100 : Number(args.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 999) return { ok: false, error: 'invalid_limit' };
    const oldest = args.oldest === undefined ? 0 : Number(args.oldest);
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const after = messages.filter((m) => Number(m.ts) > oldest);
    const start = args.cursor ? Number(Buffer.from(String(args.cursor), 'base64').toString()) : 0;
    const slice = after.slice(start, start + limit);
    const more = start + limit < after.length;
    return {
      ok: true,
      messages: slice.map(({ metadata, at: _at, ...m }) => ({
        type: 'message',
        ...m,
        ...(withMetadata && metadata ? { metadata } : {}),
      })),
      has_more: more,
      response_metadata: { next_cursor: more ? Buffer.from(String(start + limit)).toString('base64') : '' },
    };
  }

  private postEphemeral(args: Json): Json {
    const channel = this.resolveChannel(String(args.channel ?? ''));
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (typeof args.user !== 'string') return { ok: false, error: 'user_not_in_channel' };
    const members = this.options.members?.[channel];
    if (members && !members.includes(args.user)) return { ok: false, error: 'user_not_in_channel' };
    const parsed = withParsedBlocks(args);
    const problems = messageProblems(parsed);
    if (problems.length > 0) return this.invalid(problems, 'invalid_blocks');
    this.ephemerals.push({ ...parsed, channel });
    return { ok: true, message_ts: this.nextTs() };
  }

  /** conversations.info: what the app may know of a channel (a private one only when it is in it). */
  private channelInfo(args: Json): Json {
    const channel = String(args.channel ?? '');
    if (this.channels.size > 0 && !this.channels.has(channel)) return { ok: false, error: 'channel_not_found' };
    const isPrivate = this.isPrivate(channel);
    const member = !this.appOutside.has(channel);
    if (isPrivate && !member) return { ok: false, error: 'channel_not_found' };
    return {
      ok: true,
      channel: {
        id: channel,
        name: channel.toLowerCase(),
        is_channel: true,
        is_group: false,
        is_private: isPrivate,
        is_archived: false,
        is_ext_shared: false,
        is_member: member,
      },
    };
  }

  /** conversations.open with one user: the app's direct-message channel with them. */
  private openConversation(args: Json): Json {
    const users = String(args.users ?? '')
      .split(',')
      .filter(Boolean);
    if (users.length !== 1 || !/^[UW][A-Z0-9]+$/.test(users[0] ?? '')) return { ok: false, error: 'user_not_found' };
    return { ok: true, channel: { id: directChannelOf(users[0] ?? '') } };
  }

  /**
   * files.getUploadURLExternal: `filename` and `length` (bytes) are required, `alt_txt` at most 1000 characters
   * (Slack's method page); the answer is a URL to POST the bytes to and the file's id.
   */
  private uploadUrl(args: Json): Json {
    const filename = typeof args.filename === 'string' ? args.filename : '';
    const length = Number(args.length);
    if (!filename)
      return {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: ['[ERROR] missing required field: filename'] },
      };
    if (!Number.isInteger(length) || length < 1)
      return {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: ['[ERROR] length must be a positive integer'] },
      };
    const altText = typeof args.alt_txt === 'string' ? args.alt_txt : undefined;
    if (altText !== undefined && altText.length > 1000)
      return {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: ['[ERROR] alt_txt is at most 1000 characters'] },
      };
    const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
    this.files.set(id, { id, name: filename, length, altText, completed: false });
    return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
  }

  /** A user shares a file in their direct messages with the app; its id (the driver sends file_shared). */
  userShares(userId: string, name: string, bytes: Buffer, filetype: string): string {
    const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
    this.files.set(id, {
      id,
      name,
      title: name,
      length: bytes.length,
      bytes,
      completed: true,
      channel: directChannelOf(userId),
      user: userId,
      filetype,
    });
    return id;
  }

  /** files.info (files:read): a file's facts and its private download address. */
  private fileInfo(args: Json): Json {
    const file = this.files.get(String(args.file ?? ''));
    if (!file?.completed) return { ok: false, error: 'file_not_found' };
    const url = `http://127.0.0.1:${this.port}/files-pri/${file.id}/${encodeURIComponent(file.name)}`;
    return {
      ok: true,
      file: {
        id: file.id,
        name: file.name,
        title: file.title ?? file.name,
        filetype: file.filetype ?? file.name.split('.').at(-1) ?? '',
        size: file.length,
        user: file.user ?? this.botUserId,
        url_private: url,
        url_private_download: `${url}?download=1`,
      },
    };
  }

  /** A private file's bytes, for a request that carries the bot token (as Slack asks of url_private_download). */
  private download(req: IncomingMessage, res: ServerResponse) {
    const id = req.url?.slice('/files-pri/'.length).split('/')[0] ?? '';
    const file = this.files.get(id);
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/, '');
    const ok = file?.bytes !== undefined && token === this.options.botToken;
    this.record({
      method: 'file_download',
      args: { file_id: id },
      at: Date.now(),
      status: ok ? 200 : 403,
      response: { ok },
    });
    res.writeHead(ok ? 200 : 403, { 'content-type': ok ? 'application/octet-stream' : 'text/html' });
    res.end(ok ? file?.bytes : '<html>login</html>');
  }

  /** The upload itself: the bytes, exactly as many as announced. */
  private async receiveUpload(req: IncomingMessage, res: ServerResponse) {
    const bytes = await readBytes(req);
    const id = req.url?.slice('/upload/'.length) ?? '';
    const file = this.files.get(id);
    const ok = file !== undefined && !file.completed && bytes.length === file.length;
    if (ok) file.bytes = bytes;
    this.record({
      method: 'file_upload',
      args: { file_id: id, bytes: bytes.length },
      at: Date.now(),
      status: ok ? 200 : 400,
      response: { ok },
    });
    res.writeHead(ok ? 200 : 400, { 'content-type': 'text/plain' });
    res.end(ok ? `OK - ${bytes.length}` : 'upload refused');
  }

  /**
   * files.completeUploadExternal: `files` is a JSON array of `{ id, title }` whose bytes were uploaded; with a
   * `channel_id` the files are shared there, with `initial_comment` as the message.
   */
  private completeUpload(args: Json): Json {
    const list = typeof args.files === 'string' ? safeJson(args.files) : args.files;
    if (!Array.isArray(list) || list.length === 0 || list.length > 10)
      return {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: ['[ERROR] files must list 1 to 10 files'] },
      };
    const files: StoredFile[] = [];
    for (const entry of list as Json[]) {
      const file = this.files.get(String(entry?.id ?? ''));
      if (!file || file.completed || !file.bytes) return { ok: false, error: 'file_not_found' };
      if (entry.title !== undefined && (typeof entry.title !== 'string' || entry.title.length > 255))
        return { ok: false, error: 'invalid_arguments' };
      file.title = typeof entry.title === 'string' ? entry.title : file.name;
      files.push(file);
    }
    const channelId = typeof args.channel_id === 'string' ? args.channel_id : undefined;
    const channel = channelId ? this.resolveChannel(channelId) : undefined;
    if (channelId && !channel) return { ok: false, error: 'channel_not_found' };
    const comment = typeof args.initial_comment === 'string' ? args.initial_comment : undefined;
    if (comment !== undefined && comment.length > 4000) return { ok: false, error: 'msg_too_long' };
    for (const file of files) Object.assign(file, { completed: true, channel });
    const shared = files.map((f) => ({ id: f.id, title: f.title ?? f.name, name: f.name }));
    if (channel) {
      this.messages.push({
        channel,
        ts: this.nextTs(),
        text: comment,
        user: this.botUserId,
        at: Date.now(),
        files: shared,
      });
    }
    return { ok: true, files: shared };
  }

  private userInfo(args: Json): Json {
    const user = String(args.user ?? '');
    if (!/^[UW]/.test(user)) return { ok: false, error: 'user_not_found' };
    const name = this.options.users?.find((u) => u.id === user)?.name ?? `Membre ${user}`;
    return {
      ok: true,
      user: {
        id: user,
        name: user.toLowerCase(),
        real_name: name,
        tz: 'Europe/Paris',
        is_admin: this.options.admins?.includes(user) ?? false,
        is_owner: false,
        profile: { real_name: name },
      },
    };
  }
}

function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The app's id as a bot, on every message it posts (auth.test answers the same). */
const BOT_ID = 'BPRE0001';

/**
 * Message metadata as @slack/types' MessageMetadata describes it: an `event_type` string and an `event_payload`
 * object whose values are strings, numbers, booleans, objects of those or arrays of such objects. Given as JSON
 * text (a form-encoded call) or an object (a JSON call).
 */
function metadataOf(raw: unknown): StoredMessage['metadata'] | 'invalid' {
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  if (!value || typeof value !== 'object') return 'invalid';
  const { event_type, event_payload } = value as { event_type?: unknown; event_payload?: unknown };
  if (typeof event_type !== 'string' || event_type.length === 0) return 'invalid';
  if (!event_payload || typeof event_payload !== 'object' || Array.isArray(event_payload)) return 'invalid';
  const scalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
  const flat = (v: unknown) =>
    !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => scalar(x));
  const ok = Object.values(event_payload).every(
    (v) => scalar(v) || flat(v) || (Array.isArray(v) && v.every((x) => flat(x))),
  );
  return ok ? { event_type, event_payload: event_payload as Json } : 'invalid';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The WebClient sends form fields, with objects (blocks, view) as JSON strings; JSON bodies are accepted too. */
function parseArgs(raw: string, contentType: string | undefined): Json {
  if (contentType?.includes('application/json')) return (safeJson(raw) as Json) ?? {};
  return Object.fromEntries(new URLSearchParams(raw));
}

/** The direct-message channel between the app and a user, as chat.postMessage to a user id resolves it. */
export function directChannelOf(userId: string): string {
  return `D${userId.slice(1)}`;
}

/** Web API arguments with `blocks` parsed when the WebClient sent them as a JSON string. */
export function withParsedBlocks(args: Json): Json {
  const blocks = typeof args.blocks === 'string' ? safeJson(args.blocks) : args.blocks;
  return { ...args, blocks };
}
