// The sandbox's web page and the small JSON API behind it, on 127.0.0.1 only. The page is a client of the emulator:
// what it shows is what the app sent to the emulator, and each click becomes the signed request Slack would send.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { frSandbox } from '../i18n/fr.js';
import { PROJECT_ROOT } from '../paths.js';
import { type Health, healthAnswer } from '../slack/app.js';
import type { AppResponse, FormValue, SlackDriver } from '../slack-emulator/driver.js';
import {
  directChannelOf,
  type RecordedCall,
  type SlackEmulator,
  type StoredMessage,
  withParsedBlocks,
} from '../slack-emulator/emulator.js';
import { channelsOf, DEMO_CHANNELS, DEMO_MEMBERS } from './demo.js';
import { EMOJI } from './emoji.js';
import { readManifest } from './manifest.js';

export interface PageServer {
  url: string;
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;

/** A private answer shown to one user in one conversation (a command's answer, an ephemeral message). */
interface Notice {
  user: string;
  channel: string;
  text?: string;
  blocks?: unknown[];
  at: number;
}

const MAX_BODY = 256 * 1024;
const memberIds = Object.values(DEMO_MEMBERS).map((m) => m.id) as [string, ...string[]];
const user = z.enum(memberIds);
const channelId = z.string().regex(/^[CD][A-Z0-9]{2,20}$/);
const shortText = z.string().max(3000);

// What the page may send: each request is checked here before anything reaches the app.
/** A modal input as the user set it (see FormValue), null when left empty. */
const formValue = z.union([shortText, z.array(z.string().max(150)).max(100), z.null()]);
const requests = {
  /** A file the user shares in their direct messages with the app (the lists' spreadsheet sent back). */
  share: z.object({
    user,
    name: z.string().min(1).max(200),
    base64: z.base64().max(200_000),
  }),
  command: z.object({ user, channel: channelId, text: z.string().max(1000) }),
  action: z.object({
    user,
    where: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('message'), channel: channelId, ts: z.string().max(30) }),
      z.object({ kind: z.literal('home') }),
      z.object({ kind: z.literal('modal'), viewId: z.string().max(30) }),
    ]),
    actionId: z.string().min(1).max(255),
    blockId: z.string().max(255),
    value: z.string().max(2000).optional(),
  }),
  submit: z.object({
    user,
    viewId: z.string().max(30),
    values: z.record(z.string().max(255), formValue),
  }),
  close: z.object({ user, viewId: z.string().max(30) }),
  choose: z.object({ user, viewId: z.string().max(30), blockId: z.string().max(255), value: z.string().max(150) }),
  home: z.object({ user }),
  digest: z.object({}),
  post: z.object({ user, channel: channelId, text: z.string().trim().min(1).max(4000) }),
  shortcut: z.object({ user, callbackId: z.string().max(255) }),
  messageShortcut: z.object({ user, channel: channelId, ts: z.string().max(30), callbackId: z.string().max(255) }),
};

export async function startPageServer(deps: {
  port: number;
  slack: SlackEmulator;
  driver: SlackDriver;
  /** Last week's digests not yet published; how many were posted. */
  publishDigests(): Promise<number>;
  /** The app's own health: the page's port is the one a user knows, so it answers /healthz too, as the app does. */
  health(): Promise<Health>;
}): Promise<PageServer> {
  const { slack, driver } = deps;
  const notices: Notice[] = [];
  /** Interactions by the id at the end of their response_url, to show a later answer to the one who acted. */
  const interactions = new Map<string, { user: string; channel: string }>();
  const remember = (responseUrl: unknown, who: { user: string; channel: string }) => {
    const id = String(responseUrl ?? '')
      .split('/')
      .pop();
    if (id) interactions.set(id, who);
  };
  const notice = (who: { user: string; channel: string }, message: Json | undefined) => {
    if (!message || (typeof message.text !== 'string' && !Array.isArray(message.blocks))) return;
    notices.push({
      ...who,
      text: typeof message.text === 'string' ? message.text : undefined,
      blocks: Array.isArray(message.blocks) ? message.blocks : undefined,
      at: Date.now(),
    });
    slack.revision += 1;
  };
  const listener = (call: RecordedCall) => {
    if (call.method === 'response_url' && call.response.ok === true) {
      const who = interactions.get(call.path?.split('/').pop() ?? '');
      if (who) notice(who, call.args);
    }
    if (call.method === 'chat.postEphemeral' && call.response.ok === true) {
      notice({ user: String(call.args.user), channel: String(call.args.channel) }, withParsedBlocks(call.args));
    }
  };
  slack.onCall.push(listener);

  /** A member acts only where Slack lets them: their channels and their conversation with the app. */
  const mayUse = (who: string, channel: string) =>
    channel === directChannelOf(who) || channelsOf(who).includes(channel);
  const html = renderPage();
  const clientJs = readFileSync(join(PROJECT_ROOT, 'dist', 'sandbox-page', 'client.js'), 'utf8');
  const css = readFileSync(join(PROJECT_ROOT, 'src', 'sandbox', 'page', 'page.css'), 'utf8');

  const shortcuts = readManifest().shortcuts;
  const shortcutOf = (type: 'global' | 'message', callbackId: string) =>
    shortcuts.find((s) => s.type === type && s.callbackId === callbackId);
  const handlers: Record<string, (body: unknown) => Promise<Json>> = {
    post: async (body) => {
      const r = requests.post.parse(body);
      if (!mayUse(r.user, r.channel)) return { ok: false, problem: frSandbox.notMember };
      const posted = slack.postAsUser(r.channel, r.user, r.text);
      // Written to the app in its messages: Slack tells the app (message.im), which answers what it does instead.
      if (r.channel === directChannelOf(r.user))
        return outcome(
          await driver.event({
            type: 'message',
            channel: r.channel,
            channel_type: 'im',
            user: r.user,
            text: r.text,
            ts: posted.ts,
          }),
        );
      return { ok: true };
    },
    share: async (body) => {
      const r = requests.share.parse(body);
      return outcome(await driver.shareFile(r.user, r.name, Buffer.from(r.base64, 'base64')));
    },
    shortcut: async (body) => {
      const r = requests.shortcut.parse(body);
      if (!shortcutOf('global', r.callbackId)) return { ok: false, problem: frSandbox.badRequest };
      return outcome(await driver.globalShortcut(r.user, r.callbackId));
    },
    messageShortcut: async (body) => {
      const r = requests.messageShortcut.parse(body);
      if (!shortcutOf('message', r.callbackId)) return { ok: false, problem: frSandbox.badRequest };
      if (!mayUse(r.user, r.channel)) return { ok: false, problem: frSandbox.notMember };
      const message = slack.messages.find((m: StoredMessage) => m.channel === r.channel && m.ts === r.ts);
      if (!message) return { ok: false, problem: frSandbox.gone };
      const answer = await driver.messageShortcut(r.user, r.callbackId, message.text ?? '', r.channel, message);
      return outcome(answer);
    },
    command: async (body) => {
      const r = requests.command.parse(body);
      if (!mayUse(r.user, r.channel)) return { ok: false, problem: frSandbox.notMember };
      const payload = driver.slashCommandBody(r.user, r.text, r.channel);
      remember(new URLSearchParams(payload).get('response_url'), r);
      const answer = await driver.send(payload);
      notice(r, answer.json);
      return outcome(answer);
    },
    action: async (body) => {
      const r = requests.action.parse(body);
      const action = { actionId: r.actionId, blockId: r.blockId, value: r.value };
      let payload: Json;
      let channel = directChannelOf(r.user);
      if (r.where.kind === 'message') {
        const { channel: inChannel, ts } = r.where;
        if (!mayUse(r.user, inChannel)) return { ok: false, problem: frSandbox.notMember };
        const message = slack.messages.find((m: StoredMessage) => m.channel === inChannel && m.ts === ts);
        if (!message) return { ok: false, problem: frSandbox.gone };
        payload = driver.blockActions(r.user, { message }, action);
        channel = inChannel;
      } else if (r.where.kind === 'home') {
        const home = slack.homeViews.get(r.user);
        if (!home) return { ok: false, problem: frSandbox.gone };
        payload = driver.blockActions(r.user, { home }, action);
      } else {
        const view = slack.views.get(r.where.viewId);
        if (!view || view.userId !== r.user || view.closed) return { ok: false, problem: frSandbox.gone };
        payload = driver.blockActions(r.user, { view }, action);
      }
      remember(payload.response_url, { user: r.user, channel });
      return outcome(await driver.send(driver.interactiveBody(payload)));
    },
    choose: async (body) => {
      const r = requests.choose.parse(body);
      const view = slack.views.get(r.viewId);
      if (!view || view.userId !== r.user || view.closed) return { ok: false, problem: frSandbox.gone };
      try {
        return outcome(await driver.chooseInView(r.user, r.viewId, r.blockId, r.value));
      } catch {
        return { ok: false, problem: frSandbox.badRequest }; // a choice the modal does not offer
      }
    },
    submit: async (body) => {
      const r = requests.submit.parse(body);
      const view = slack.views.get(r.viewId);
      if (!view || view.userId !== r.user || view.closed) return { ok: false, problem: frSandbox.gone };
      // An empty input stays in the form as undefined, so that its initial value is not put back.
      const values: Record<string, FormValue> = Object.fromEntries(
        Object.entries(r.values).map(([blockId, value]) => [blockId, value ?? undefined]),
      );
      let payload: Json;
      try {
        payload = driver.viewSubmissionPayload(view.id, values);
      } catch {
        return { ok: false, problem: frSandbox.badRequest }; // a choice the modal does not offer
      }
      const answer = await driver.send(driver.interactiveBody(payload));
      if (answer.status !== 200) return outcome(answer);
      const action = answer.json?.response_action;
      if (action === 'errors') return { ok: true, errors: answer.json?.errors ?? {} };
      if ((action === 'update' || action === 'push') && answer.json?.view) {
        const problems = slack.recordAckView(view.id, answer.json.view as Json);
        if (problems.length > 0) return { ok: false, problem: frSandbox.invalidView };
        return { ok: true };
      }
      slack.closeView(view.id);
      return { ok: true };
    },
    close: async (body) => {
      const r = requests.close.parse(body);
      const view = slack.views.get(r.viewId);
      if (view && view.userId === r.user) slack.closeView(view.id);
      return { ok: true };
    },
    home: async (body) => {
      const r = requests.home.parse(body);
      const answer = await driver.event({
        type: 'app_home_opened',
        user: r.user,
        channel: directChannelOf(r.user),
        tab: 'home',
        event_ts: `${Date.now() / 1000}`,
      });
      return outcome(answer);
    },
    digest: async (body) => {
      requests.digest.parse(body);
      const posted = await deps.publishDigests();
      return { ok: true, message: posted > 0 ? frSandbox.page.digestDone : frSandbox.page.digestAlready };
    },
  };

  const server = createServer((req, res) => {
    void route(req, res).catch(() => send(res, 500, { ok: false, problem: frSandbox.failed }));
  });
  async function route(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'GET' && req.url === '/healthz') {
      const { code, status } = await healthAnswer(deps.health);
      return send(res, code, { status });
    }
    // Only this machine's browser, on this page: another host name (DNS rebinding) or a cross-site form post (which
    // cannot send application/json without a preflight this server never grants) is turned away.
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (host !== '127.0.0.1' && host !== 'localhost')
      return send(res, 403, { ok: false, problem: frSandbox.badRequest });
    if (req.method === 'POST' && !req.headers['content-type']?.startsWith('application/json')) {
      return send(res, 415, { ok: false, problem: frSandbox.badRequest });
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/') return sendText(res, 200, 'text/html; charset=utf-8', html);
    if (req.method === 'GET' && url.pathname === '/client.js')
      return sendText(res, 200, 'text/javascript; charset=utf-8', clientJs);
    if (req.method === 'GET' && url.pathname === '/page.css') return sendText(res, 200, 'text/css; charset=utf-8', css);
    // A file shared in a conversation, for a member of that conversation only (as Slack serves files).
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      const who = user.safeParse(url.searchParams.get('user'));
      const file = slack.files.get(url.pathname.slice('/files/'.length));
      const visible =
        who.success &&
        file?.bytes &&
        file.channel &&
        [...channelsOf(who.data), directChannelOf(who.data)].includes(file.channel);
      if (!visible || !file?.bytes) return send(res, 404, { ok: false, problem: frSandbox.gone });
      res.writeHead(200, {
        'content-type': FILE_TYPES[file.name.split('.').pop() ?? ''] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...(file.name.endsWith('.png') ? {} : { 'content-disposition': `attachment; filename="${file.name}"` }),
      });
      res.end(file.bytes);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/state') {
      const who = user.safeParse(url.searchParams.get('user'));
      if (!who.success) return send(res, 400, { ok: false, problem: frSandbox.badRequest });
      return send(res, 200, stateFor(who.data));
    }
    const name = url.pathname.replace(/^\/api\//, '');
    const handler = req.method === 'POST' ? handlers[name] : undefined;
    if (!handler) return send(res, 404, { ok: false, problem: frSandbox.badRequest });
    const raw = await readBody(req);
    if (raw === undefined) return send(res, 413, { ok: false, problem: frSandbox.badRequest });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, { ok: false, problem: frSandbox.badRequest });
    }
    try {
      return send(res, 200, await handler(body));
    } catch (error) {
      if (error instanceof z.ZodError) return send(res, 400, { ok: false, problem: frSandbox.badRequest });
      throw error;
    }
  }

  function stateFor(who: string): Json {
    const conversation = (channel: string) => {
      const inChannel = slack.messages.filter((m) => m.channel === channel);
      // A shared file comes with what the page needs to show it: its alt text, and whether it is a picture.
      const withFiles = <T extends { files?: { id: string; name: string; title: string }[] }>(m: T) =>
        m.files
          ? {
              ...m,
              files: m.files.map((f) => ({
                ...f,
                alt: slack.files.get(f.id)?.altText ?? f.title,
                image: f.name.endsWith('.png'),
              })),
            }
          : m;
      return inChannel
        .filter((m) => !m.thread_ts)
        .map((m) => ({ ...withFiles(m), replies: inChannel.filter((r) => r.thread_ts === m.ts).map(withFiles) }));
    };
    const dm = directChannelOf(who);
    const modal = slack.modalOf(who);
    const mine = channelsOf(who);
    return {
      revision: slack.revision,
      channels: Object.values(DEMO_CHANNELS)
        .filter((c) => mine.includes(c.id))
        .map((c) => ({ ...c, messages: conversation(c.id) })),
      dm: { id: dm, messages: conversation(dm) },
      home: slack.homeViews.get(who) ?? null,
      modal: modal ? { id: modal.id, view: modal.view } : null,
      notices: notices.filter((n) => n.user === who),
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${deps.port} is already in use on 127.0.0.1: set PORT to a free port for the sandbox page`)
          : error,
      ),
    );
    server.listen(deps.port, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      slack.onCall.splice(slack.onCall.indexOf(listener), 1);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What the page needs to know of an answer from the app: whether it went through. */
function outcome(answer: AppResponse): Json {
  if (answer.status === 200) return { ok: true };
  return { ok: false, problem: frSandbox.appAnswered(answer.status) };
}

/** The page, with its French labels and the demo workspace given to the script as JSON. */
function renderPage(): string {
  const app = readManifest();
  const boot = JSON.stringify({
    labels: frSandbox.page,
    members: Object.values(DEMO_MEMBERS).map(({ id, name }) => ({ id, name, channels: channelsOf(id) })),
    channels: Object.values(DEMO_CHANNELS),
    firstUser: DEMO_MEMBERS.teacher.id,
    appName: app.name,
    dmReadOnly: app.dmReadOnly,
    shortcuts: app.shortcuts,
    emoji: EMOJI,
  }).replace(/</g, '\\u003c');
  const t = frSandbox.page;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<link rel="stylesheet" href="/page.css">
</head>
<body>
<div class="banner" role="note">${t.banner}</div>
<div class="layout">
  <nav class="sidebar" aria-label="${t.navigation}">
    <label class="who">${t.youAre}<select id="who"></select></label>
    <h2>${t.channelsHeading}</h2>
    <ul id="channels"></ul>
    <h2>${t.appHeading}</h2>
    <ul id="app-links"></ul>
    <button type="button" id="digest" class="secondary">${t.publishDigest}</button>
    <p class="side-hint">${t.digestHint}</p>
  </nav>
  <main id="main" aria-live="polite"></main>
</div>
<div id="modal-root"></div>
<script id="boot" type="application/json">${boot}</script>
<script type="module" src="/client.js"></script>
</body>
</html>
`;
}

function send(res: ServerResponse, status: number, body: Json) {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

const FILE_TYPES: Record<string, string> = {
  png: 'image/png',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function sendText(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'self'; style-src 'self'; script-src 'self'",
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
