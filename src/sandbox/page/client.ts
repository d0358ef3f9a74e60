// The sandbox page's script (runs in the browser). It renders what the app sent to the emulator (Block Kit JSON)
// and turns each click into a call to the sandbox API, which sends the signed request Slack would send.
// Plain DOM, no framework; every text from the app goes through textContent, never innerHTML.

type Json = Record<string, unknown>;
type Block = Json & { type: string; block_id?: string };
type Where = { kind: 'message'; channel: string; ts: string } | { kind: 'home' } | { kind: 'modal'; viewId: string };

interface Message {
  channel: string;
  ts: string;
  text?: string;
  blocks?: Block[];
  edited?: boolean;
  at?: number;
  /** Who wrote it: a member for what people write, the app's bot user for the app's messages. */
  user?: string;
  replies?: Message[];
  files?: { id: string; name: string; title: string; alt: string; image: boolean }[];
}
interface Notice {
  channel: string;
  text?: string;
  blocks?: Block[];
  at: number;
}
interface ServerState {
  revision: number;
  channels: { id: string; name: string; messages: Message[] }[];
  dm: { id: string; messages: Message[] };
  home: (Json & { blocks?: Block[] }) | null;
  modal: { id: string; view: Json & { blocks?: Block[] } } | null;
  notices: Notice[];
}
interface Boot {
  labels: Record<string, string>;
  members: { id: string; name: string; channels: string[] }[];
  channels: { id: string; name: string }[];
  firstUser: string;
  /** The app's name from manifest.yml: Slack signs its messages with it. */
  appName: string;
  /** manifest.yml makes the app's messages tab read-only: no composer there. */
  dmReadOnly: boolean;
  /** manifest.yml's shortcuts: global ones by the composer, message ones on people's messages. */
  shortcuts: { name: string; type: 'global' | 'message'; callbackId: string }[];
  /** The emoji codes the app writes, as Slack draws them (src/sandbox/emoji.ts). */
  emoji: Record<string, string>;
}

const boot = JSON.parse(document.getElementById('boot')?.textContent ?? '{}') as Boot;
const t = boot.labels;
const POLL_MS = 700;
/** How long a status line (a problem, "done") stays before it goes, as Slack's toasts do. */
const FLASH_MS = 6000;
/** Slack keeps "only visible to you" messages until the page is reloaded: this page shows those since it loaded. */
const LOADED_AT = Date.now();
const PERSONA_KEY = 'pre-sandbox-persona';

const isMember = (id: string | null) => boot.members.some((m) => m.id === id);
const stored = (() => {
  try {
    return localStorage.getItem(PERSONA_KEY);
  } catch {
    return null;
  }
})();
let user = stored && isMember(stored) ? stored : boot.firstUser;
const channelsOfUser = () => boot.members.find((m) => m.id === user)?.channels ?? [];
type Shown = { kind: 'channel'; id: string } | { kind: 'dm' } | { kind: 'home' };
const firstChannel = (): Shown => {
  const id = channelsOfUser()[0];
  return id ? { kind: 'channel', id } : { kind: 'dm' };
};
let selected: Shown = firstChannel();
let server: ServerState | undefined;
let drawnRevision = -1;
let drawnModal = '';
let flash = '';
let flashTimer: number | undefined;
/** The element that had the focus when the modal opened: it gets it back when the modal closes. */
let modalOpener: HTMLElement | undefined;

// ---------- small DOM helpers ----------

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) if (child !== undefined) node.append(child);
  return node;
}

const textOf = (value: unknown): string =>
  value && typeof value === 'object' ? String((value as Json).text ?? '') : typeof value === 'string' ? value : '';

const memberName = (id: string) => boot.members.find((m) => m.id === id)?.name ?? id;
const channelName = (id: string) => boot.channels.find((c) => c.id === id)?.name ?? id;

/** Slack's mrkdwn, the subset the app writes: *bold*, _italic_, ~strike~, `code`, links, mentions, line breaks. */
function mrkdwn(source: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const parts = source.split(/<([^<>]+)>/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const [target = '', label] = part.split('|');
      if (target.startsWith('@')) out.append(el('span', { class: 'mention' }, `@${memberName(target.slice(1))}`));
      else if (target.startsWith('#')) out.append(el('span', { class: 'mention' }, `#${channelName(target.slice(1))}`));
      else if (/^https?:\/\//.test(target))
        out.append(el('a', { href: target, target: '_blank', rel: 'noopener noreferrer' }, label ?? target));
      else out.append(label ?? target);
      return;
    }
    const plain = part
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/:([a-z_]+):/g, (code, name: string) => boot.emoji[name] ?? code);
    plain.split('\n').forEach((line, n) => {
      if (n > 0) out.append(el('br'));
      for (const piece of line.split(/(\*[^*]+\*|_[^_]+_|~[^~]+~|`[^`]+`)/)) {
        if (!piece) continue;
        const inner = piece.slice(1, -1);
        if (piece.length > 2 && piece.startsWith('*') && piece.endsWith('*')) out.append(el('strong', {}, inner));
        else if (piece.length > 2 && piece.startsWith('_') && piece.endsWith('_')) out.append(el('em', {}, inner));
        else if (piece.length > 2 && piece.startsWith('~') && piece.endsWith('~')) out.append(el('s', {}, inner));
        else if (piece.length > 2 && piece.startsWith('`') && piece.endsWith('`')) out.append(el('code', {}, inner));
        else out.append(piece);
      }
    });
  });
  return out;
}

function richText(value: unknown): Node {
  const o = value as Json | undefined;
  if (o && o.type === 'mrkdwn') return mrkdwn(String(o.text ?? ''));
  return document.createTextNode(textOf(value));
}

// ---------- API ----------

async function api(path: string, body: Json): Promise<Json> {
  try {
    const res = await fetch(`/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as Json;
    if (answer.ok === false) show(String(answer.problem ?? t.failed));
    return answer;
  } catch {
    show(t.failed ?? '');
    return { ok: false };
  } finally {
    void refresh();
  }
}

function show(message: string) {
  flash = message;
  drawnRevision = -1;
  window.clearTimeout(flashTimer);
  flashTimer = window.setTimeout(() => {
    flash = '';
    drawnRevision = -1;
    draw();
  }, FLASH_MS);
  draw();
}

async function refresh() {
  try {
    const res = await fetch(`/api/state?user=${encodeURIComponent(user)}`);
    if (res.ok) server = (await res.json()) as ServerState;
  } catch {
    return;
  }
  draw();
}

// ---------- Block Kit ----------

/** A stable name for a control across redraws, so that the focus stays on it when the conversation is redrawn. */
function keyOf(where: Where, blockId: string, actionId: string): string {
  const place = where.kind === 'message' ? `${where.channel}/${where.ts}` : where.kind;
  // The block id changes with each version of a card; the action does not.
  return `${place}/${blockId.replace(/_v\d+$/, '')}/${actionId}`;
}

function button(element: Json, blockId: string, where: Where): HTMLButtonElement {
  const attrs: Record<string, string> = {
    type: 'button',
    class: `block-button ${String(element.style ?? '')}`,
    'data-key': keyOf(where, blockId, String(element.action_id ?? '')),
  };
  // Slack reads accessibility_label to screen readers instead of the text: "Voir le dossier PRE-2026-0007".
  if (typeof element.accessibility_label === 'string') attrs['aria-label'] = element.accessibility_label;
  const b = el('button', attrs, textOf(element.text));
  b.addEventListener('click', async () => {
    // Slack asks before a button with a confirmation dialog acts: the browser's own dialog stands in for it.
    const confirm = element.confirm as Json | undefined;
    if (confirm && !window.confirm([textOf(confirm.title), textOf(confirm.text)].filter(Boolean).join('\n\n'))) return;
    b.disabled = true;
    await api('action', {
      user,
      where,
      actionId: String(element.action_id ?? ''),
      blockId,
      value: typeof element.value === 'string' ? element.value : undefined,
    });
    b.disabled = false;
  });
  return b;
}

function renderBlock(block: Block, where: Where): HTMLElement | undefined {
  const blockId = String(block.block_id ?? '');
  switch (block.type) {
    case 'header':
      return el('h3', { class: 'block-header' }, textOf(block.text));
    case 'divider':
      return el('hr');
    case 'context':
      return el(
        'div',
        { class: 'block-context' },
        ...((block.elements as Json[] | undefined) ?? []).map((e) => el('span', {}, richText(e))),
      );
    case 'section': {
      const section = el('div', { class: 'block-section' });
      if (block.text) section.append(el('div', {}, richText(block.text)));
      const fields = (block.fields as Json[] | undefined) ?? [];
      if (fields.length > 0)
        section.append(el('div', { class: 'block-fields' }, ...fields.map((f) => el('div', {}, richText(f)))));
      const accessory = block.accessory as Json | undefined;
      if (accessory?.type === 'button') section.append(button(accessory, blockId, where));
      return section;
    }
    case 'actions':
      return el(
        'div',
        { class: 'block-actions' },
        ...((block.elements as Json[] | undefined) ?? [])
          .filter((e) => e.type === 'button')
          .map((e) => button(e, blockId, where)),
      );
    case 'input':
      return renderInput(block);
    default:
      return undefined;
  }
}

function blocks(list: Block[] | undefined, where: Where): HTMLElement[] {
  return (list ?? []).map((b) => renderBlock(b, where)).filter((x): x is HTMLElement => x !== undefined);
}

// ---------- modal inputs ----------

const options = (element: Json): Json[] => {
  const groups = (element.option_groups as Json[] | undefined) ?? [];
  return [...((element.options as Json[] | undefined) ?? []), ...groups.flatMap((g) => (g.options as Json[]) ?? [])];
};
const optionValue = (option: unknown) => String((option as Json | undefined)?.value ?? '');

function renderInput(block: Block): HTMLElement {
  const element = block.element as Json;
  const blockId = String(block.block_id ?? '');
  const id = `in-${blockId}`;
  const wrapper = el('div', { class: 'block-input', 'data-block': blockId });
  const label = textOf(block.label) + (block.optional ? ` ${t.optional}` : '');
  const hint = block.hint ? el('p', { class: 'hint', id: `${id}-hint` }, textOf(block.hint)) : undefined;
  const described = hint ? { 'aria-describedby': `${id}-hint ${id}-error` } : { 'aria-describedby': `${id}-error` };
  const initial = optionValue(element.initial_option);
  const initialMany = ((element.initial_options as Json[] | undefined) ?? []).map(optionValue);
  let control: HTMLElement;
  switch (element.type) {
    case 'plain_text_input': {
      const attrs: Record<string, string> = { id, ...described };
      if (element.max_length) attrs.maxlength = String(element.max_length);
      if (element.placeholder) attrs.placeholder = textOf(element.placeholder);
      const field = element.multiline
        ? el('textarea', { ...attrs, rows: '4' })
        : el('input', { ...attrs, type: 'text' });
      field.value = typeof element.initial_value === 'string' ? element.initial_value : '';
      control = field;
      break;
    }
    case 'datepicker': {
      // Slack shows dates in the user's language, not the browser's: a text field in jj/mm/aaaa, whatever the
      // browser's locale (an <input type=date> would follow the browser).
      const field = el('input', {
        id,
        type: 'text',
        inputmode: 'numeric',
        autocomplete: 'off',
        placeholder: t.dateFormat ?? '',
        'data-date': '',
        ...described,
      });
      field.value = typeof element.initial_date === 'string' ? frenchDate(element.initial_date) : '';
      control = field;
      break;
    }
    case 'static_select':
    case 'multi_static_select':
    case 'users_select':
    case 'multi_users_select':
    case 'conversations_select': {
      const many = element.type === 'multi_static_select' || element.type === 'multi_users_select';
      const select = el('select', { id, ...described, ...(many ? { multiple: '', size: '5' } : {}) });
      if (!many) select.append(el('option', { value: '' }, textOf(element.placeholder) || t.choose));
      // Users and channels come from the workspace, as Slack fills these menus itself.
      const choices =
        element.type === 'users_select' || element.type === 'multi_users_select'
          ? boot.members.map((m) => ({ value: m.id, text: m.name }))
          : element.type === 'conversations_select'
            ? boot.channels.map((c) => ({ value: c.id, text: `#${c.name}` }))
            : options(element).map((o) => ({ value: optionValue(o), text: textOf(o.text) }));
      const chosen = new Set([
        ...(many ? initialMany : [initial]),
        ...(Array.isArray(element.initial_users) ? element.initial_users.map(String) : []),
        ...(typeof element.initial_user === 'string' ? [element.initial_user] : []),
        ...(typeof element.initial_conversation === 'string' ? [element.initial_conversation] : []),
      ]);
      for (const choice of choices) {
        const option = el('option', { value: choice.value }, choice.text);
        option.selected = chosen.has(choice.value);
        select.append(option);
      }
      control = select;
      break;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const kind = element.type === 'checkboxes' ? 'checkbox' : 'radio';
      const set = el('fieldset', { id, class: 'choices', ...described });
      set.append(el('legend', { class: 'visually-hidden' }, label));
      options(element).forEach((o, i) => {
        const input = el('input', { type: kind, name: id, value: optionValue(o), id: `${id}-${i}` });
        input.checked = kind === 'checkbox' ? initialMany.includes(optionValue(o)) : optionValue(o) === initial;
        // An input block with dispatch_action tells the app at once, as Slack does (the app may redraw the form).
        if (block.dispatch_action === true && kind === 'radio') {
          input.addEventListener('change', () => {
            const viewId = server?.modal?.id;
            if (viewId) void api('choose', { user, viewId, blockId, value: optionValue(o) });
          });
        }
        set.append(el('label', { for: `${id}-${i}` }, input, ` ${textOf(o.text)}`));
      });
      control = set;
      break;
    }
    default:
      control = el('p', { class: 'hint' }, String(element.type));
  }
  const isGroup = element.type === 'checkboxes' || element.type === 'radio_buttons';
  wrapper.append(isGroup ? el('p', { class: 'label' }, label) : el('label', { for: id, class: 'label' }, label));
  wrapper.append(control);
  if (hint) wrapper.append(hint);
  wrapper.append(el('p', { class: 'error', id: `${id}-error`, role: 'alert' }));
  return wrapper;
}

/** 2017-02-03 → 03/02/2017. */
function frenchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** 3/2/2017 or 03/02/2017 → 2017-02-03; undefined when it is no date of the calendar. */
function isoDate(french: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(french.trim());
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * What the user set in each input of the modal, by block id: text, a date or one choice (its value), several
 * choices, or null for nothing. The sandbox server turns it into Slack's view state, as the tests' driver does.
 */
function collect(view: Json & { blocks?: Block[] }): Record<string, string | string[] | null> {
  const values: Record<string, string | string[] | null> = {};
  for (const block of view.blocks ?? []) {
    if (block.type !== 'input') continue;
    const blockId = String(block.block_id ?? '');
    const node = document.getElementById(`in-${blockId}`);
    let value: string | string[] | undefined;
    if (node instanceof HTMLInputElement && node.dataset.date !== undefined)
      value = node.value.trim() === '' ? '' : (isoDate(node.value) ?? node.value);
    else if (node instanceof HTMLSelectElement && node.multiple) value = [...node.selectedOptions].map((o) => o.value);
    else if (
      node instanceof HTMLInputElement ||
      node instanceof HTMLTextAreaElement ||
      node instanceof HTMLSelectElement
    )
      value = node.value;
    else if ((block.element as Json).type === 'checkboxes')
      value = [...(node?.querySelectorAll<HTMLInputElement>('input:checked') ?? [])].map((i) => i.value);
    else value = node?.querySelector<HTMLInputElement>('input:checked')?.value;
    values[blockId] = value === undefined || value === '' ? null : value;
  }
  return values;
}

function drawModal() {
  const root = document.getElementById('modal-root');
  if (!root) return;
  const modal = server?.modal ?? null;
  const key = modal ? `${modal.id}:${JSON.stringify(modal.view)}` : '';
  if (key === drawnModal) return;
  const wasOpen = root.childElementCount > 0;
  drawnModal = key;
  root.replaceChildren();
  if (!modal) {
    // Back where the user was before the modal, as Slack does.
    if (wasOpen && modalOpener?.isConnected) modalOpener.focus();
    modalOpener = undefined;
    return;
  }
  if (!wasOpen && document.activeElement instanceof HTMLElement && document.activeElement !== document.body)
    modalOpener = document.activeElement;
  const view = modal.view;
  const form = el(
    'form',
    { class: 'modal-body', novalidate: '' },
    ...blocks(view.blocks, { kind: 'modal', viewId: modal.id }),
  );
  const closeLabel = textOf(view.close) || t.cancel;
  const cancel = el('button', { type: 'button', class: 'secondary' }, closeLabel);
  cancel.addEventListener('click', () => void api('close', { user, viewId: modal.id }));
  const footer = el('div', { class: 'modal-footer' }, cancel);
  if (view.submit)
    footer.append(el('button', { type: 'submit', form: 'modal-form', class: 'primary' }, textOf(view.submit)));
  form.id = 'modal-form';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const p of form.querySelectorAll('.error')) p.textContent = '';
    // A date Slack's date picker could not have produced never leaves the page.
    const badDate = [...form.querySelectorAll<HTMLInputElement>('input[data-date]')].find(
      (f) => f.value.trim() !== '' && isoDate(f.value) === undefined,
    );
    if (badDate) {
      const slot = document.getElementById(`${badDate.id}-error`);
      if (slot) slot.textContent = t.badDate ?? '';
      badDate.focus();
      return;
    }
    // Slack's client does not send a form with a required field left empty: it says so under the field.
    const values = collect(view);
    const missing = (view.blocks ?? []).filter(
      (block) => block.type === 'input' && block.optional !== true && values[String(block.block_id ?? '')] == null,
    );
    if (missing.length > 0) {
      for (const block of missing) {
        const slot = document.getElementById(`in-${String(block.block_id)}-error`);
        if (slot) slot.textContent = t.required ?? '';
      }
      document.getElementById(`in-${String(missing[0]?.block_id)}`)?.focus();
      return;
    }
    const submit = footer.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = true;
    const answer = await api('submit', { user, viewId: modal.id, values });
    if (submit) submit.disabled = false;
    const errors = (answer.errors ?? {}) as Record<string, string>;
    let first: HTMLElement | undefined;
    for (const [blockId, message] of Object.entries(errors)) {
      const slot = document.getElementById(`in-${blockId}-error`);
      if (slot) slot.textContent = message;
      first ??= document.getElementById(`in-${blockId}`) ?? undefined;
    }
    first?.focus();
  });
  const dialog = el(
    'div',
    { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-title' },
    el('h2', { id: 'modal-title' }, textOf(view.title)),
    form,
    footer,
  );
  root.append(el('div', { class: 'overlay' }, dialog));
  // The first field, or the dialog itself; never the page behind.
  const first = dialog.querySelector<HTMLElement>('input, select, textarea, button');
  if (first) first.focus();
  else {
    dialog.tabIndex = -1;
    dialog.focus();
  }
}

/** While a modal is open, Tab and Shift+Tab stay inside it and Escape closes it, wherever the focus is. */
function onKeydown(event: KeyboardEvent) {
  const dialog = document.querySelector<HTMLElement>('#modal-root [role=dialog]');
  const modal = server?.modal;
  if (!dialog || !modal) return;
  if (event.key === 'Escape') {
    event.preventDefault();
    void api('close', { user, viewId: modal.id });
    return;
  }
  if (event.key !== 'Tab') return;
  const focusable = [
    ...dialog.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href], [tabindex="0"]'),
  ].filter((node) => !(node as HTMLButtonElement).disabled && node.offsetParent !== null);
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const inside = dialog.contains(document.activeElement);
  if (event.shiftKey && (document.activeElement === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}

// ---------- conversations ----------

/** The app's message shortcuts on a message, as buttons (Slack lists them under "More actions"). */
function messageShortcuts(m: Message): HTMLElement {
  const bar = el('div', { class: 'message-shortcuts' });
  for (const shortcut of boot.shortcuts.filter((s) => s.type === 'message')) {
    const b = el('button', { type: 'button', class: 'secondary small' }, `⚡ ${shortcut.name}`);
    b.addEventListener(
      'click',
      () => void api('messageShortcut', { user, channel: m.channel, ts: m.ts, callbackId: shortcut.callbackId }),
    );
    bar.append(b);
  }
  return bar;
}

function messageNode(m: Message, where: Where): HTMLElement {
  const byPerson = m.user !== undefined && isMember(m.user);
  const body = m.blocks && m.blocks.length > 0 ? blocks(m.blocks, where) : [el('div', {}, mrkdwn(m.text ?? ''))];
  const node = el(
    'article',
    { class: 'message' },
    el(
      'div',
      { class: 'author' },
      byPerson ? memberName(m.user ?? '') : boot.appName,
      m.edited ? el('span', { class: 'edited' }, ` ${t.edited}`) : undefined,
    ),
    ...body,
    // Slack offers the app's message shortcuts on what people write (its "More actions" menu).
    ...(byPerson && where.kind === 'message' ? [messageShortcuts(m)] : []),
    // Shared files: a picture is shown with its alt text; a workbook or a CSV is a link to download it.
    ...(m.files ?? []).map((f) =>
      f.image
        ? el('img', {
            class: 'shared-image',
            src: `/files/${encodeURIComponent(f.id)}?user=${encodeURIComponent(user)}`,
            alt: f.alt,
          })
        : el(
            'a',
            {
              class: 'shared-file',
              href: `/files/${encodeURIComponent(f.id)}?user=${encodeURIComponent(user)}`,
              download: f.name,
            },
            `📎 ${f.title}`,
          ),
    ),
  );
  const replies = m.replies ?? [];
  if (replies.length > 0) {
    const thread = el('div', { class: 'thread', role: 'group', 'aria-label': t.thread ?? '' });
    for (const r of replies) thread.append(messageNode(r, { kind: 'message', channel: r.channel, ts: r.ts }));
    node.append(thread);
  }
  return node;
}

/** When a message was posted: its own time, or its ts (seconds) for a workspace saved before messages had one. */
const postedAt = (m: Message) => m.at ?? Number(m.ts.split('.')[0]) * 1000;

function conversation(id: string, messages: Message[]): HTMLElement[] {
  const list = el('div', { class: 'messages' });
  const notices = (server?.notices ?? []).filter((x) => x.channel === id && x.at >= LOADED_AT);
  // One timeline, as Slack shows it: a private answer sits where it came, among the messages.
  const items = [
    ...messages.map((m) => ({
      at: postedAt(m),
      node: () => messageNode(m, { kind: 'message', channel: m.channel, ts: m.ts }),
    })),
    ...notices.map((n) => ({
      at: n.at,
      node: () =>
        el(
          'article',
          { class: 'message notice' },
          el('div', { class: 'author' }, `${boot.appName} — ${t.onlyYou}`),
          ...(n.blocks && n.blocks.length > 0
            ? blocks(n.blocks, { kind: 'home' })
            : [el('div', {}, mrkdwn(n.text ?? ''))]),
        ),
    })),
  ].sort((a, b) => a.at - b.at);
  for (const item of items) list.append(item.node());
  if (list.childElementCount === 0) list.append(el('p', { class: 'hint' }, t.empty));
  return [list];
}

function composer(channel: string): HTMLElement {
  const input = el('input', {
    type: 'text',
    id: 'composer',
    placeholder: t.composerPlaceholder ?? '',
    autocomplete: 'off',
  });
  // The app's global shortcuts, as Slack offers them from the composer's shortcut button.
  const shortcuts = boot.shortcuts
    .filter((s) => s.type === 'global')
    .map((shortcut) => {
      const b = el('button', { type: 'button', class: 'secondary' }, `⚡ ${shortcut.name}`);
      b.addEventListener('click', () => void api('shortcut', { user, callbackId: shortcut.callbackId }));
      return b;
    });
  // In the app's direct messages, a file can be sent to it (the lists' spreadsheet, changed).
  const attach: HTMLElement[] = [];
  if (channel === server?.dm.id) {
    const picker = el('input', { type: 'file', id: 'attach', class: 'visually-hidden' }) as HTMLInputElement;
    picker.addEventListener('change', () => {
      const file = picker.files?.[0];
      picker.value = '';
      if (!file) return;
      void file.arrayBuffer().then((buffer) => {
        let binary = '';
        for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
        return api('share', { user, name: file.name, base64: btoa(binary) });
      });
    });
    attach.push(picker, el('label', { for: 'attach', class: 'secondary button-like' }, `📎 ${t.attach}`));
  }
  const form = el(
    'form',
    { class: 'composer' },
    el('label', { for: 'composer', class: 'visually-hidden' }, t.composerLabel),
    input,
    el('button', { type: 'submit', class: 'primary' }, t.send),
    ...attach,
    ...shortcuts,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    const match = /^\/reperage(?:\s+(.*))?$/i.exec(text);
    if (text.startsWith('/') && !match) return show(t.onlyCommand ?? '');
    input.value = '';
    if (match) void api('command', { user, channel, text: match[1] ?? '' });
    else void api('post', { user, channel, text });
  });
  return form;
}

function draw() {
  drawModal();
  if (!server || server.revision === drawnRevision) return;
  drawnRevision = server.revision;
  const main = document.getElementById('main');
  if (!main) return;
  const current = selected;
  const list: HTMLElement[] = [];
  let title = '';
  let channelForComposer: string | undefined;
  if (current.kind === 'channel') {
    const channel = server.channels.find((c) => c.id === current.id);
    title = `# ${channel?.name ?? ''}`;
    list.push(...conversation(current.id, channel?.messages ?? []));
    channelForComposer = current.id;
  } else if (current.kind === 'dm') {
    title = t.directMessages ?? '';
    list.push(...conversation(server.dm.id, server.dm.messages));
    if (boot.dmReadOnly) list.push(el('p', { class: 'hint read-only' }, t.dmReadOnly));
    else channelForComposer = server.dm.id;
  } else {
    title = t.home ?? '';
    list.push(
      server.home
        ? el('div', { class: 'home' }, ...blocks(server.home.blocks, { kind: 'home' }))
        : el('p', { class: 'hint' }, t.homeEmpty),
    );
  }
  // The composer keeps what is being typed: it is only rebuilt when the conversation changes.
  const existing = main.querySelector<HTMLFormElement>('form.composer');
  const keep = existing && existing.dataset.channel === channelForComposer ? existing : undefined;
  const typing = document.activeElement?.id === 'composer';
  // What a redraw must not take from the user: the control they are on, and where they have scrolled to.
  const focusedKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
  const old = main.querySelector<HTMLElement>('.scroller');
  const sameView = main.dataset.view === viewKey(current);
  const atBottom = !old || old.scrollHeight - old.scrollTop - old.clientHeight < 24;
  const oldTop = old?.scrollTop ?? 0;
  const flashNode = flash ? el('p', { class: 'flash', role: 'status' }, flash) : undefined;
  const header = el('h1', {}, title);
  const scroller = el('div', { class: 'scroller' }, ...list);
  main.replaceChildren(header, ...(flashNode ? [flashNode] : []), scroller);
  main.dataset.view = viewKey(current);
  if (channelForComposer) {
    const form = keep ?? composer(channelForComposer);
    form.dataset.channel = channelForComposer;
    main.append(form);
    if (typing) form.querySelector('input')?.focus({ preventScroll: true });
  }
  // A new conversation, or a reader already at the end, follows the end; anyone reading higher up stays there.
  scroller.scrollTop = sameView && !atBottom ? oldTop : scroller.scrollHeight;
  if (focusedKey && !document.querySelector('#modal-root [role=dialog]')) {
    const again = [...scroller.querySelectorAll<HTMLElement>('[data-key]')].find((n) => n.dataset.key === focusedKey);
    again?.focus({ preventScroll: true });
  }
  drawNavigation();
}

const viewKey = (v: Shown) => (v.kind === 'channel' ? `channel:${v.id}` : v.kind);

function drawNavigation() {
  const link = (label: string, active: boolean, onClick: () => void) => {
    const b = el('button', { type: 'button', class: active ? 'nav active' : 'nav' }, label);
    if (active) b.setAttribute('aria-current', 'page');
    b.addEventListener('click', onClick);
    return el('li', {}, b);
  };
  const go = (next: Shown) => {
    selected = next;
    flash = '';
    drawnRevision = -1;
    if (next.kind === 'home') void api('home', { user });
    draw();
  };
  document
    .getElementById('channels')
    ?.replaceChildren(
      ...boot.channels
        .filter((c) => channelsOfUser().includes(c.id))
        .map((c) =>
          link(`# ${c.name}`, selected.kind === 'channel' && selected.id === c.id, () =>
            go({ kind: 'channel', id: c.id }),
          ),
        ),
    );
  document.getElementById('app-links')?.replaceChildren(
    link(t.directMessages ?? '', selected.kind === 'dm', () => go({ kind: 'dm' })),
    link(t.home ?? '', selected.kind === 'home', () => go({ kind: 'home' })),
  );
}

function start() {
  const who = document.getElementById('who') as HTMLSelectElement | null;
  if (who) {
    for (const m of boot.members) who.append(el('option', { value: m.id }, m.name));
    who.value = user;
    who.addEventListener('change', () => {
      user = who.value;
      try {
        localStorage.setItem(PERSONA_KEY, user);
      } catch {
        // Private browsing: the choice lasts until the reload.
      }
      if (selected.kind === 'channel' && !channelsOfUser().includes(selected.id)) selected = firstChannel();
      flash = '';
      drawnRevision = -1;
      // The other persona's open form is theirs: it leaves the screen with them (Slack shows each person their own).
      drawnModal = '';
      modalOpener = undefined;
      document.getElementById('modal-root')?.replaceChildren();
      if (server) server = { ...server, modal: null };
      if (selected.kind === 'home') void api('home', { user });
      else void refresh();
    });
  }
  document.getElementById('digest')?.addEventListener('click', async () => {
    const answer = await api('digest', {});
    if (answer.ok) show(typeof answer.message === 'string' ? answer.message : (t.digestDone ?? ''));
  });
  document.addEventListener('keydown', onKeydown);
  drawNavigation();
  void refresh();
  setInterval(() => void refresh(), POLL_MS);
}

start();
