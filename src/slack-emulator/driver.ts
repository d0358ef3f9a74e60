import { randomBytes } from 'node:crypto';
import { requestSignature } from '../slack/request-signature.js';
import { messageProblems, submissionErrorsProblems, viewProblems } from './block-kit-limits.js';
import { directChannelOf, type SlackEmulator, type StoredMessage, type StoredView } from './emulator.js';

/**
 * Plays Slack's side of the HTTP protocol: correctly signed (v0, HMAC-SHA256) form-encoded requests for slash
 * commands, shortcuts, block actions and view submissions, as Slack sends them to the app's Request URL.
 */

type Json = Record<string, unknown>;

export interface AppResponse {
  status: number;
  text: string;
  json?: Json;
  ms: number;
  /** The request it answered (its raw body), so that a scan knows who acted and what they typed. */
  request: string;
}

/** A form value as a user would set it: text, a date, one choice (id), or several choices (ids). */
export type FormValue = string | string[] | undefined;

const TEAM = { id: 'TPRE0001', domain: 'pre-aubervilliers' };

export class SlackDriver {
  /** Every answer the app gave, to scan for level-1 data along with the Web API calls. */
  readonly responses: AppResponse[] = [];
  /** What Slack would have refused in the app's answers (an ack's message, view or errors), with a pointer. */
  readonly answerProblems: string[] = [];

  constructor(
    private readonly endpoint: string,
    private readonly signingSecret: string,
    private readonly slack: SlackEmulator,
  ) {}

  async send(
    body: string,
    opts: { timestamp?: number; secret?: string; headers?: Record<string, string> } = {},
  ): Promise<AppResponse> {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const started = performance.now();
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': requestSignature(opts.secret ?? this.signingSecret, timestamp, body),
        ...opts.headers,
      },
      body,
    });
    const text = await res.text();
    let json: Json | undefined;
    try {
      json = text ? (JSON.parse(text) as Json) : undefined;
    } catch {
      json = undefined;
    }
    const response = { status: res.status, text, json, ms: performance.now() - started, request: body };
    this.responses.push(response);
    if (res.status === 200 && json) this.answerProblems.push(...answerProblems(body, json, this.slack));
    return response;
  }

  /** An Events API callback (JSON body, signed like every request). */
  event(event: Json): Promise<AppResponse> {
    return this.send(
      JSON.stringify({
        token: 'legacy-verification-token',
        team_id: TEAM.id,
        api_app_id: 'APRE0001',
        type: 'event_callback',
        event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
        event_time: Math.floor(Date.now() / 1000),
        event,
      }),
      { headers: { 'content-type': 'application/json' } },
    );
  }

  /** The user shares a file with the app in their direct messages: stored by Slack, then file_shared sent. */
  shareFile(
    userId: string,
    name: string,
    bytes: Buffer,
    filetype = name.split('.').at(-1) ?? '',
  ): Promise<AppResponse> {
    const id = this.slack.userShares(userId, name, bytes, filetype);
    return this.event({
      type: 'file_shared',
      file_id: id,
      user_id: userId,
      file: { id },
      channel_id: directChannelOf(userId),
      event_ts: `${Date.now() / 1000}`,
    });
  }

  slashCommandBody(userId: string, text = '', channelId = 'CWORK0001'): string {
    return new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: channelId,
      channel_name: 'general',
      user_id: userId,
      user_name: userId.toLowerCase(),
      command: '/reperage',
      text,
      api_app_id: 'APRE0001',
      is_enterprise_install: 'false',
      response_url: `http://127.0.0.1:${this.slack.port}/commands/${randomBytes(4).toString('hex')}`,
      trigger_id: this.slack.mintTrigger(userId),
    }).toString();
  }

  slashCommand(userId: string, text = '', channelId?: string): Promise<AppResponse> {
    return this.send(this.slashCommandBody(userId, text, channelId));
  }

  interactiveBody(payload: Json): string {
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }

  globalShortcut(userId: string, callbackId: string): Promise<AppResponse> {
    return this.send(this.interactiveBody(this.shortcut('shortcut', userId, callbackId)));
  }

  messageShortcut(
    userId: string,
    callbackId: string,
    messageText: string,
    channelId = 'CWORK0001',
    /** The message the shortcut is used on (a test's made-up one by default). */
    on: { ts: string; user: string } = { ts: '1700000000.000100', user: 'UOTHER001' },
  ) {
    return this.send(
      this.interactiveBody({
        ...this.shortcut('message_action', userId, callbackId),
        channel: { id: channelId, name: 'general' },
        message_ts: on.ts,
        message: { type: 'message', user: on.user, ts: on.ts, text: messageText },
        response_url: `http://127.0.0.1:${this.slack.port}/actions/${randomBytes(4).toString('hex')}`,
      }),
    );
  }

  /** What a global shortcut and a message shortcut both carry: who, which shortcut, a fresh trigger. */
  private shortcut(type: 'shortcut' | 'message_action', userId: string, callbackId: string): Json {
    return {
      type,
      token: 'legacy-verification-token',
      action_ts: `${Date.now() / 1000}`,
      team: TEAM,
      user: { id: userId, username: userId.toLowerCase(), team_id: TEAM.id },
      callback_id: callbackId,
      trigger_id: this.slack.mintTrigger(userId),
    };
  }

  blockActionsPayload(userId: string, message: StoredMessage, actionId: string): Json {
    const found = findButton(message.blocks ?? [], actionId);
    if (!found) throw new Error(`driver: no button ${actionId} on message ${message.ts}`);
    return this.blockActions(userId, { message }, { actionId, ...found });
  }

  /** A block_actions payload for a click on an element of a message, of a modal or of the App Home. */
  blockActions(
    userId: string,
    where: { message: StoredMessage } | { view: StoredView } | { home: Json },
    action: { actionId: string; blockId: string; value?: string; text?: unknown },
  ): Json {
    const container =
      'message' in where
        ? {
            container: {
              type: 'message',
              message_ts: where.message.ts,
              channel_id: where.message.channel,
              is_ephemeral: false,
            },
            channel: { id: where.message.channel, name: where.message.channel.toLowerCase() },
            message: {
              type: 'message',
              ts: where.message.ts,
              text: where.message.text,
              blocks: where.message.blocks,
              user: where.message.user,
            },
          }
        : 'view' in where
          ? {
              container: { type: 'view', view_id: where.view.id },
              view: { ...where.view.view, id: where.view.id, hash: where.view.hash, state: { values: {} } },
            }
          : { container: { type: 'view', view_id: String(where.home.id ?? '') }, view: where.home };
    return {
      type: 'block_actions',
      token: 'legacy-verification-token',
      team: TEAM,
      user: { id: userId, username: userId.toLowerCase(), team_id: TEAM.id },
      api_app_id: 'APRE0001',
      trigger_id: this.slack.mintTrigger(userId, 0, 'view' in where ? where.view.id : undefined),
      response_url: `http://127.0.0.1:${this.slack.port}/actions/${randomBytes(4).toString('hex')}`,
      ...container,
      actions: [
        {
          type: 'button',
          action_id: action.actionId,
          block_id: action.blockId,
          value: action.value,
          text: action.text,
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
  }

  /** Clicks a button on a message as it stands in the emulator (so an outdated copy can be clicked too). */
  clickButton(userId: string, message: StoredMessage, actionId: string): Promise<AppResponse> {
    return this.send(this.interactiveBody(this.blockActionsPayload(userId, message, actionId)));
  }

  /**
   * Clicks a button of an ephemeral message (one the app answered an ack or response_url with): Slack sends the
   * container with `is_ephemeral` and no copy of the message.
   */
  clickEphemeral(userId: string, blocks: unknown[], actionId: string, channelId = 'CWORK0001'): Promise<AppResponse> {
    const found = findButton(blocks, actionId);
    if (!found) throw new Error(`driver: no button ${actionId} in the ephemeral message`);
    const payload = this.blockActions(
      userId,
      { message: { ts: `${Date.now() / 1000}`, channel: channelId, text: '', blocks: [] } as unknown as StoredMessage },
      { actionId, ...found },
    );
    const container = {
      type: 'message',
      message_ts: (payload.container as Json).message_ts,
      channel_id: channelId,
      is_ephemeral: true,
    };
    const { message: _omitted, ...rest } = payload;
    return this.send(this.interactiveBody({ ...rest, container }));
  }

  /**
   * Chooses `value` in a radio group of an open modal whose input block dispatches actions (`dispatch_action`), as
   * Slack sends it: a block_actions payload with the selected option and the view's id and hash.
   */
  chooseInView(userId: string, viewId: string, blockId: string, value: string): Promise<AppResponse> {
    return this.send(this.interactiveBody(this.choicePayload(userId, viewId, blockId, value)));
  }

  /** The block_actions payload of `chooseInView` (for Socket Mode, sent as an envelope). */
  choicePayload(userId: string, viewId: string, blockId: string, value: string): Json {
    const stored = this.slack.views.get(viewId);
    if (!stored) throw new Error(`driver: no open view ${viewId}`);
    const block = ((stored.view.blocks as Json[]) ?? []).find((b) => b.block_id === blockId);
    const element = block?.element as Json | undefined;
    if (block?.dispatch_action !== true || !element)
      throw new Error(`driver: block ${blockId} of view ${viewId} does not dispatch actions`);
    const option = ((element.options as Json[]) ?? []).find((o) => o.value === value);
    if (!option) throw new Error(`driver: no option ${value} in block ${blockId}`);
    const payload = this.blockActions(userId, { view: stored }, { actionId: String(element.action_id), blockId });
    const [action] = payload.actions as Json[];
    // Slack sends what the form holds at that moment with the action, the new choice included.
    const view = { ...(payload.view as Json), state: { values: stateOf(stored.view, { [blockId]: value }) } };
    return {
      ...payload,
      view,
      actions: [{ ...action, type: element.type, selected_option: option, value: undefined, text: undefined }],
    };
  }

  /** Clicks a button of the user's App Home as the app last published it. */
  clickInHome(userId: string, actionId: string, value?: string): Promise<AppResponse> {
    const home = this.slack.homeViews.get(userId);
    if (!home) throw new Error(`driver: no App Home published for ${userId}`);
    const found = findButton((home.blocks as unknown[]) ?? [], actionId, value);
    if (!found) throw new Error(`driver: no button ${actionId} in the App Home of ${userId}`);
    return this.send(this.interactiveBody(this.blockActions(userId, { home }, { actionId, ...found })));
  }

  /** Clicks a button inside an open modal as it stands in the emulator. */
  clickInView(userId: string, viewId: string, actionId: string, value?: string): Promise<AppResponse> {
    const stored = this.slack.views.get(viewId);
    if (!stored) throw new Error(`driver: no open view ${viewId}`);
    const found = findButton((stored.view.blocks as unknown[]) ?? [], actionId, value);
    if (!found) throw new Error(`driver: no button ${actionId} in view ${viewId}`);
    return this.send(this.interactiveBody(this.blockActions(userId, { view: stored }, { actionId, ...found })));
  }

  /** Picks an option of a select in an actions block of an open modal (it dispatches at once, as Slack does). */
  selectInView(userId: string, viewId: string, actionId: string, value: string): Promise<AppResponse> {
    const stored = this.slack.views.get(viewId);
    if (!stored) throw new Error(`driver: no open view ${viewId}`);
    const blocks = ((stored.view.blocks as Json[]) ?? []).filter((b) => b.type === 'actions');
    for (const block of blocks)
      for (const element of (block.elements as Json[]) ?? []) {
        if (element.action_id !== actionId) continue;
        const option = ((element.options as Json[]) ?? []).find((o) => o.value === value);
        if (!option) throw new Error(`driver: no option ${value} in select ${actionId}`);
        const payload = this.blockActions(
          userId,
          { view: stored },
          { actionId, blockId: String(block.block_id ?? '') },
        );
        const [action] = payload.actions as Json[];
        return this.send(
          this.interactiveBody({
            ...payload,
            actions: [{ ...action, type: element.type, selected_option: option, value: undefined, text: undefined }],
          }),
        );
      }
    throw new Error(`driver: no select ${actionId} in an actions block of view ${viewId}`);
  }

  /** Builds the view_submission Slack would send after the user filled `values` (by block id) in a stored view. */
  viewSubmissionPayload(viewId: string, values: Record<string, FormValue>): Json {
    const stored = this.slack.views.get(viewId);
    if (!stored) throw new Error(`driver: no open view ${viewId}`);
    // Slack closes a modal when the app acknowledges its submission with nothing more to show.
    if (stored.closed) throw new Error(`driver: view ${viewId} was closed; it cannot be submitted again`);
    // What the user typed before stays in the form (an update that kept its inputs), under what they type now.
    const typed = Object.fromEntries([...(stored.typed ?? [])].map(([blockId, entry]) => [blockId, entry.value]));
    const state = stateOf(stored.view, { ...typed, ...values });
    stored.typed = new Map(
      Object.entries({ ...typed, ...values }).flatMap(([blockId, value]) => {
        const block = ((stored.view.blocks as Json[]) ?? []).find((b) => b.type === 'input' && b.block_id === blockId);
        const actionId = (block?.element as Json | undefined)?.action_id;
        return typeof actionId === 'string' ? [[blockId, { actionId, value }] as const] : [];
      }),
    );
    return {
      type: 'view_submission',
      token: 'legacy-verification-token',
      team: TEAM,
      user: { id: stored.userId, username: stored.userId.toLowerCase(), team_id: TEAM.id },
      api_app_id: 'APRE0001',
      trigger_id: this.slack.mintTrigger(stored.userId),
      view: {
        ...stored.view,
        id: stored.id,
        hash: stored.hash,
        team_id: TEAM.id,
        app_id: 'APRE0001',
        root_view_id: stored.rootViewId,
        previous_view_id: stored.pushedOver ?? null,
        state: { values: state },
      },
      response_urls: [],
    };
  }

  async submitView(viewId: string, values: Record<string, FormValue>): Promise<AppResponse> {
    const response = await this.send(this.interactiveBody(this.viewSubmissionPayload(viewId, values)));
    const action = response.json?.response_action;
    if (action === 'push' && response.json?.view) {
      const { problems } = this.slack.pushAckView(viewId, response.json.view as Json);
      if (problems.length > 0) throw new Error(`driver: the app answered with an invalid view: ${problems.join('; ')}`);
    } else if (action === 'update' && response.json?.view) {
      const problems = this.slack.recordAckView(viewId, response.json.view as Json);
      if (problems.length > 0) throw new Error(`driver: the app answered with an invalid view: ${problems.join('; ')}`);
    } else if (response.status === 200 && action === 'clear') {
      this.slack.closeView(viewId);
    } else if (response.status === 200 && action === undefined) {
      this.slack.closeSubmitted(viewId);
    }
    return response;
  }
}

/**
 * Checks an ack's body as Slack would: a slash command's answer is a message; a view submission's answer may update
 * or push a valid view, or name errors on input blocks of the submitted view only.
 */
function answerProblems(body: string, answer: Json, slack: SlackEmulator): string[] {
  const form = new URLSearchParams(body);
  const where = (kind: string) => (problems: string[]) => problems.map((p) => `${kind}: ${p}`);
  if (form.has('command')) return where('slash command answer')(messageProblems(answer));
  const raw = form.get('payload');
  if (!raw) return [];
  let payload: Json;
  try {
    payload = JSON.parse(raw) as Json;
  } catch {
    return [];
  }
  if (payload.type !== 'view_submission') return [];
  // Errors are checked against the view Slack holds: a forged payload (the fuzz tests') names a view Slack never
  // showed, and Slack would never have delivered it.
  const viewId = (payload.view as Json | undefined)?.id;
  const shown = typeof viewId === 'string' ? slack.views.get(viewId)?.view : undefined;
  const action = answer.response_action;
  if (action === 'errors')
    return shown ? where('view submission errors')(submissionErrorsProblems(shown, answer.errors)) : [];
  if (action === 'update' || action === 'push')
    return where(`view submission ${action}`)(viewProblems(answer.view, 'modal'));
  if (action === 'clear' || action === undefined) return [];
  return [`view submission: unknown response_action "${String(action)}"`];
}

/** view.state.values as Slack sends it: each input block's value, `values` over what the view shows initially. */
function stateOf(view: Json, values: Record<string, FormValue>): Record<string, Record<string, Json>> {
  const state: Record<string, Record<string, Json>> = {};
  for (const block of (view.blocks as Json[]) ?? []) {
    if (block.type !== 'input') continue;
    const blockId = String(block.block_id);
    const element = block.element as Json;
    const actionId = String(element.action_id);
    const value = blockId in values ? values[blockId] : initialValue(element);
    state[blockId] = { [actionId]: elementState(element, value) };
  }
  return state;
}

/** A button by action id (in an actions block or as a section's accessory), and by value when several share it. */
function findButton(blocks: unknown[], actionId: string, value?: string) {
  for (const block of blocks as Json[]) {
    const accessory = block.accessory as Json | undefined;
    for (const el of [...((block.elements as Json[] | undefined) ?? []), ...(accessory ? [accessory] : [])]) {
      if (el.type === 'button' && el.action_id === actionId && (value === undefined || el.value === value))
        return { blockId: String(block.block_id), value: el.value as string, text: el.text };
    }
  }
  return undefined;
}

function initialValue(element: Json): FormValue {
  if (typeof element.initial_value === 'string') return element.initial_value;
  if (typeof element.initial_date === 'string') return element.initial_date;
  if (typeof element.initial_user === 'string') return element.initial_user;
  if (typeof element.initial_conversation === 'string') return element.initial_conversation;
  if (Array.isArray(element.initial_users)) return element.initial_users.map(String);
  const option = element.initial_option as Json | undefined;
  if (option) return String(option.value);
  const options = element.initial_options as Json[] | undefined;
  if (options) return options.map((o) => String(o.value));
  return undefined;
}

function optionFor(element: Json, value: string): Json {
  // Options come flat or in option_groups (each with its own options).
  const all = [
    ...((element.options as Json[]) ?? []),
    ...((element.option_groups as Json[]) ?? []).flatMap((g) => (g.options as Json[]) ?? []),
  ];
  const option = all.find((o) => o.value === value);
  if (!option) throw new Error(`driver: "${value}" is not an option of ${String(element.action_id)}`);
  return option;
}

function elementState(element: Json, value: FormValue): Json {
  switch (element.type) {
    case 'plain_text_input':
      return { type: 'plain_text_input', value: typeof value === 'string' ? value : null };
    case 'datepicker':
      return { type: 'datepicker', selected_date: typeof value === 'string' ? value : null };
    case 'static_select':
    case 'radio_buttons':
      return { type: element.type, selected_option: typeof value === 'string' ? optionFor(element, value) : null };
    case 'users_select':
      return { type: 'users_select', selected_user: typeof value === 'string' ? value : null };
    case 'multi_users_select':
      return { type: 'multi_users_select', selected_users: Array.isArray(value) ? value : value ? [value] : [] };
    case 'conversations_select':
      return { type: 'conversations_select', selected_conversation: typeof value === 'string' ? value : null };
    case 'checkboxes':
    case 'multi_static_select': {
      const list = Array.isArray(value) ? value : value ? [value] : [];
      return { type: element.type, selected_options: list.map((v) => optionFor(element, v)) };
    }
    default:
      throw new Error(`driver: unsupported element ${String(element.type)}`);
  }
}
