/**
 * Slack's Block Kit rules, checked the way Slack checks them: a view or message that breaks one is refused, with one
 * message per problem ending in a JSON pointer, as Slack's `response_metadata.messages` do. The rules come from
 * Slack's own published models: `@slack/types` doc comments (block-kit/*.d.ts, views.d.ts), python-slack-sdk
 * `slack_sdk/models/blocks` and `views`, and the Web API method pages (`view_too_large`). Only the block and element
 * types this app uses are known; anything else is refused too, so that a new type gets its rules written here first.
 */

type Json = Record<string, unknown>;
type Surface = 'modal' | 'home' | 'message';
type Container = 'actions' | 'input' | 'section';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Slack answers `view_too_large` above 250 kB (views.open, views.push, views.update, views.publish). */
export const VIEW_MAX_BYTES = 250 * 1024;

/** Where each element type may stand (Slack's block reference: "Available in surfaces" / compatible blocks). */
const ALLOWED_IN: Record<string, readonly Container[]> = {
  button: ['actions', 'section'],
  plain_text_input: ['input'],
  datepicker: ['actions', 'input', 'section'],
  static_select: ['actions', 'input', 'section'],
  multi_static_select: ['actions', 'input', 'section'],
  users_select: ['actions', 'input', 'section'],
  multi_users_select: ['actions', 'input', 'section'],
  conversations_select: ['actions', 'input', 'section'],
  checkboxes: ['actions', 'input', 'section'],
  radio_buttons: ['actions', 'input', 'section'],
};

/** Select menus take plain_text options only; radio buttons and checkboxes take plain_text or mrkdwn. */
const PLAIN_OPTIONS_ONLY = new Set(['static_select', 'multi_static_select']);

class Problems {
  readonly list: string[] = [];
  /** Counted across the whole view: Slack allows one element with focus_on_load per view. */
  focusOnLoad = 0;
  add(pointer: string, message: string) {
    this.list.push(`${message} [json-pointer:${pointer}]`);
  }
}

function text(p: Problems, path: string, value: unknown, opts: { max: number; plainOnly?: boolean }) {
  if (!isObject(value)) return p.add(path, 'must be a text object');
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn')
    return p.add(`${path}/type`, 'text type must be plain_text or mrkdwn');
  if (opts.plainOnly && value.type !== 'plain_text') p.add(`${path}/type`, 'must be plain_text');
  // `emoji` belongs to plain_text, `verbatim` to mrkdwn (@slack/types PlainTextElement / MrkdwnElement).
  if (value.type === 'mrkdwn' && value.emoji !== undefined) p.add(`${path}/emoji`, 'emoji is only for plain_text');
  if (value.type === 'plain_text' && value.verbatim !== undefined)
    p.add(`${path}/verbatim`, 'verbatim is only for mrkdwn');
  if (typeof value.text !== 'string' || value.text.length === 0)
    return p.add(`${path}/text`, 'text must be a non-empty string');
  if (value.text.length > opts.max)
    p.add(`${path}/text`, `must be at most ${opts.max} characters (got ${value.text.length})`);
}

/**
 * A confirmation dialog (@slack/types ConfirmationDialog; python-slack-sdk ConfirmObject): title ≤ 100 plain_text,
 * text ≤ 300 (required), confirm and deny ≤ 30 plain_text, style primary or danger.
 */
function confirmDialog(p: Problems, path: string, c: unknown) {
  if (!isObject(c)) return p.add(path, 'confirm must be an object');
  text(p, `${path}/text`, c.text, { max: 300 });
  if (c.title !== undefined) text(p, `${path}/title`, c.title, { max: 100, plainOnly: true });
  if (c.confirm !== undefined) text(p, `${path}/confirm`, c.confirm, { max: 30, plainOnly: true });
  if (c.deny !== undefined) text(p, `${path}/deny`, c.deny, { max: 30, plainOnly: true });
  if (c.style !== undefined && c.style !== 'primary' && c.style !== 'danger')
    p.add(`${path}/style`, 'bad confirm style');
}

function option(p: Problems, path: string, o: unknown, plainOnly: boolean) {
  if (!isObject(o)) return p.add(path, 'option must be an object');
  text(p, `${path}/text`, o.text, { max: 75, plainOnly });
  // @slack/types OptionDescriptor: value and description text at most 75 characters each.
  if (typeof o.value !== 'string' || o.value.length === 0 || o.value.length > 75)
    p.add(`${path}/value`, 'value must be 1 to 75 characters');
  if (o.description !== undefined) text(p, `${path}/description`, o.description, { max: 75, plainOnly: true });
}

/** The options of a select, radio group or checkbox group; returns them for the initial-option check. */
function options(p: Problems, path: string, el: Json, max: number): Json[] {
  const plainOnly = PLAIN_OPTIONS_ONLY.has(String(el.type));
  if (el.options !== undefined && el.option_groups !== undefined) {
    p.add(`${path}/options`, 'options and option_groups cannot both be set');
    return [];
  }
  const all: Json[] = [];
  const values = new Set<string>();
  const collect = (list: unknown, listPath: string, listMax: number) => {
    if (!Array.isArray(list) || list.length === 0) return p.add(listPath, 'must be a non-empty array');
    if (list.length > listMax) p.add(listPath, `at most ${listMax} options (got ${list.length})`);
    for (const [i, o] of list.entries()) {
      option(p, `${listPath}/${i}`, o, plainOnly);
      if (!isObject(o)) continue;
      if (typeof o.value === 'string' && values.has(o.value)) p.add(`${listPath}/${i}/value`, 'duplicate option value');
      if (typeof o.value === 'string') values.add(o.value);
      all.push(o);
    }
  };
  if (el.option_groups !== undefined) {
    if (!PLAIN_OPTIONS_ONLY.has(String(el.type))) p.add(`${path}/option_groups`, 'option_groups is for select menus');
    const groups = el.option_groups;
    if (!Array.isArray(groups) || groups.length === 0 || groups.length > 100)
      p.add(`${path}/option_groups`, 'must hold 1 to 100 groups');
    else
      for (const [g, group] of groups.entries()) {
        const groupPath = `${path}/option_groups/${g}`;
        if (!isObject(group)) {
          p.add(groupPath, 'option group must be an object');
          continue;
        }
        text(p, `${groupPath}/label`, group.label, { max: 75, plainOnly: true });
        collect(group.options, `${groupPath}/options`, 100);
      }
  } else {
    collect(el.options, `${path}/options`, max);
  }
  return all;
}

/** Slack compares an initial option with the offered ones as a whole: same value and same text. */
function initialOptions(p: Problems, path: string, el: Json, offered: Json[], many: boolean) {
  const key = many ? 'initial_options' : 'initial_option';
  const initial = el[key];
  if (initial === undefined) return;
  const list = many ? initial : [initial];
  if (!Array.isArray(list)) return p.add(`${path}/${key}`, 'must be an array of options');
  const known = new Set(offered.map((o) => JSON.stringify(o)));
  for (const [i, o] of list.entries()) {
    const at = many ? `${path}/${key}/${i}` : `${path}/${key}`;
    if (!known.has(JSON.stringify(o))) p.add(at, 'must equal one of the options exactly (value and text)');
  }
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function actionId(p: Problems, path: string, el: Json, seen: Set<string>) {
  if (el.action_id === undefined) return;
  if (typeof el.action_id !== 'string' || el.action_id.length > 255)
    return p.add(`${path}/action_id`, 'action_id ≤ 255 characters');
  if (seen.has(el.action_id)) p.add(`${path}/action_id`, `action_id "${el.action_id}" is not unique in its block`);
  seen.add(el.action_id);
}

function placeholder(p: Problems, path: string, el: Json) {
  if (el.placeholder !== undefined) text(p, `${path}/placeholder`, el.placeholder, { max: 150, plainOnly: true });
}

function element(p: Problems, path: string, el: unknown, seen: Set<string>, container: Container) {
  if (!isObject(el)) return p.add(path, 'element must be an object');
  const type = String(el.type);
  const allowed = ALLOWED_IN[type];
  if (!allowed) return p.add(`${path}/type`, `unsupported element type "${type}"`);
  if (!allowed.includes(container)) p.add(`${path}/type`, `${type} is not allowed in blocks of type ${container}`);
  actionId(p, path, el, seen);
  if (el.focus_on_load === true && ++p.focusOnLoad > 1)
    p.add(`${path}/focus_on_load`, 'only one element per view may set focus_on_load');
  switch (type) {
    case 'button':
      text(p, `${path}/text`, el.text, { max: 75, plainOnly: true });
      if (el.value !== undefined && (typeof el.value !== 'string' || el.value.length > 2000))
        p.add(`${path}/value`, 'button value ≤ 2000 characters');
      if (el.url !== undefined && (typeof el.url !== 'string' || el.url.length > 3000))
        p.add(`${path}/url`, 'button url ≤ 3000 characters');
      if (
        el.accessibility_label !== undefined &&
        (typeof el.accessibility_label !== 'string' || el.accessibility_label.length > 75)
      )
        p.add(`${path}/accessibility_label`, 'accessibility_label ≤ 75 characters');
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger')
        p.add(`${path}/style`, 'bad button style');
      if (el.confirm !== undefined) confirmDialog(p, `${path}/confirm`, el.confirm);
      return;
    case 'plain_text_input': {
      const { min_length: min, max_length: max } = el;
      if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 3000))
        p.add(`${path}/max_length`, 'max_length 1..3000');
      if (min !== undefined && (typeof min !== 'number' || min < 0 || min > 3000))
        p.add(`${path}/min_length`, 'min_length 0..3000');
      if (typeof min === 'number' && typeof max === 'number' && min > max)
        p.add(`${path}/min_length`, 'min_length must not exceed max_length');
      if (el.initial_value !== undefined) {
        if (typeof el.initial_value !== 'string') p.add(`${path}/initial_value`, 'initial_value must be a string');
        else if (el.initial_value.length > (typeof max === 'number' ? max : 3000))
          p.add(`${path}/initial_value`, 'initial_value longer than max_length');
      }
      placeholder(p, path, el);
      return;
    }
    case 'datepicker':
      if (el.initial_date !== undefined && !isCalendarDate(String(el.initial_date)))
        p.add(`${path}/initial_date`, 'initial_date must be a real date as YYYY-MM-DD');
      placeholder(p, path, el);
      return;
    case 'static_select':
    case 'multi_static_select': {
      placeholder(p, path, el);
      const offered = options(p, path, el, 100);
      initialOptions(p, path, el, offered, type === 'multi_static_select');
      if (
        el.max_selected_items !== undefined &&
        (typeof el.max_selected_items !== 'number' || el.max_selected_items < 1)
      )
        p.add(`${path}/max_selected_items`, 'max_selected_items must be at least 1');
      return;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const offered = options(p, path, el, 10);
      initialOptions(p, path, el, offered, type === 'checkboxes');
      return;
    }
    case 'users_select':
      placeholder(p, path, el);
      if (el.initial_user !== undefined && !/^[UW][A-Z0-9]+$/.test(String(el.initial_user)))
        p.add(`${path}/initial_user`, 'initial_user must be a user id');
      return;
    // @slack/types MultiUsersSelect: initial_users (user ids), max_selected_items ≥ 1.
    case 'multi_users_select':
      placeholder(p, path, el);
      if (
        el.initial_users !== undefined &&
        (!Array.isArray(el.initial_users) || el.initial_users.some((u) => !/^[UW][A-Z0-9]+$/.test(String(u))))
      )
        p.add(`${path}/initial_users`, 'initial_users must be an array of user ids');
      if (
        el.max_selected_items !== undefined &&
        (typeof el.max_selected_items !== 'number' || el.max_selected_items < 1)
      )
        p.add(`${path}/max_selected_items`, 'max_selected_items must be at least 1');
      return;
    // @slack/types ConversationsSelect: initial_conversation (an id), filter.include among im/mpim/private/public.
    case 'conversations_select': {
      placeholder(p, path, el);
      if (el.initial_conversation !== undefined && !/^[CGD][A-Z0-9]+$/.test(String(el.initial_conversation)))
        p.add(`${path}/initial_conversation`, 'initial_conversation must be a conversation id');
      const filter = el.filter;
      if (filter !== undefined) {
        if (!isObject(filter)) p.add(`${path}/filter`, 'filter must be an object');
        else {
          const include = filter.include;
          const kinds = new Set(['im', 'mpim', 'private', 'public']);
          if (
            include !== undefined &&
            (!Array.isArray(include) || include.length === 0 || include.some((k) => !kinds.has(String(k))))
          )
            p.add(`${path}/filter/include`, 'filter.include must list im, mpim, private or public');
          for (const flag of ['exclude_external_shared_channels', 'exclude_bot_users'])
            if (filter[flag] !== undefined && typeof filter[flag] !== 'boolean')
              p.add(`${path}/filter/${flag}`, `${flag} must be a boolean`);
        }
      }
      if (el.response_url_enabled !== undefined && typeof el.response_url_enabled !== 'boolean')
        p.add(`${path}/response_url_enabled`, 'response_url_enabled must be a boolean');
      return;
    }
  }
}

function block(p: Problems, path: string, b: unknown, surface: Surface, blockIds: Set<string>) {
  if (!isObject(b)) return p.add(path, 'block must be an object');
  if (b.block_id !== undefined) {
    if (typeof b.block_id !== 'string' || b.block_id.length > 255)
      p.add(`${path}/block_id`, 'block_id ≤ 255 characters');
    else if (blockIds.has(b.block_id)) p.add(`${path}/block_id`, `block_id "${b.block_id}" is not unique`);
    else blockIds.add(b.block_id);
  }
  const seen = new Set<string>();
  switch (b.type) {
    case 'header':
      text(p, `${path}/text`, b.text, { max: 150, plainOnly: true });
      return;
    case 'divider':
      return;
    case 'section':
      if (b.text === undefined && b.fields === undefined) p.add(path, 'section needs text or fields');
      if (b.text !== undefined) text(p, `${path}/text`, b.text, { max: 3000 });
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields) || b.fields.length > 10) p.add(`${path}/fields`, 'at most 10 fields');
        else for (const [i, f] of b.fields.entries()) text(p, `${path}/fields/${i}`, f, { max: 2000 });
      }
      if (b.accessory !== undefined) element(p, `${path}/accessory`, b.accessory, seen, 'section');
      return;
    case 'context':
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10)
        return p.add(`${path}/elements`, 'context needs 1..10 elements');
      for (const [i, e] of b.elements.entries()) text(p, `${path}/elements/${i}`, e, { max: 3000 });
      return;
    case 'actions':
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25)
        return p.add(`${path}/elements`, 'actions needs 1..25 elements');
      for (const [i, e] of b.elements.entries()) element(p, `${path}/elements/${i}`, e, seen, 'actions');
      return;
    case 'input':
      if (surface === 'message') p.add(path, 'input blocks are not allowed in messages');
      text(p, `${path}/label`, b.label, { max: 2000, plainOnly: true });
      if (b.hint !== undefined) text(p, `${path}/hint`, b.hint, { max: 2000, plainOnly: true });
      element(p, `${path}/element`, b.element, seen, 'input');
      return;
    default:
      p.add(`${path}/type`, `unsupported block type "${String(b.type)}"`);
  }
}

function blocks(p: Problems, base: string, value: unknown, surface: Surface) {
  if (value === undefined) return;
  if (!Array.isArray(value)) return p.add(`${base}/blocks`, 'must be an array');
  const max = surface === 'message' ? 50 : 100;
  if (value.length > max) p.add(`${base}/blocks`, `at most ${max} blocks (got ${value.length})`);
  const ids = new Set<string>();
  for (const [i, b] of value.entries()) block(p, `${base}/blocks/${i}`, b, surface, ids);
}

export function viewProblems(view: unknown, expected: 'modal' | 'home'): string[] {
  const p = new Problems();
  if (!isObject(view)) return ['view must be an object [json-pointer:/view]'];
  if (JSON.stringify(view).length > VIEW_MAX_BYTES) p.add('/view', `view_too_large: over ${VIEW_MAX_BYTES} bytes`);
  if (view.type !== expected) p.add('/view/type', `must be "${expected}"`);
  if (expected === 'modal') {
    text(p, '/view/title', view.title, { max: 24, plainOnly: true });
    if (view.submit !== undefined) text(p, '/view/submit', view.submit, { max: 24, plainOnly: true });
    if (view.close !== undefined) text(p, '/view/close', view.close, { max: 24, plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) p.add('/view/submit', 'required when the view has input blocks');
    if (Array.isArray(view.blocks) && view.blocks.length === 0) p.add('/view/blocks', 'a modal needs a block');
  } else {
    // A Home tab has no buttons of its own (@slack/types HomeView: no title, submit or close).
    for (const key of ['title', 'submit', 'close'] as const)
      if (view[key] !== undefined) p.add(`/view/${key}`, `a home tab has no ${key}`);
  }
  if (view.private_metadata !== undefined && String(view.private_metadata).length > 3000)
    p.add('/view/private_metadata', 'at most 3000 characters');
  if (view.callback_id !== undefined && String(view.callback_id).length > 255) p.add('/view/callback_id', '≤ 255');
  if (!Array.isArray(view.blocks)) p.add('/view/blocks', 'required');
  blocks(p, '/view', view.blocks, expected);
  return p.list;
}

/**
 * A message for chat.postMessage, chat.update, chat.postEphemeral, a response_url or a command's answer. Slack
 * itself accepts `blocks` without `text` but warns: notifications and screen readers then show nothing. The emulator
 * refuses it, so that no test passes with a message a user would be notified of as blank.
 */
export function messageProblems(args: Json): string[] {
  const p = new Problems();
  const hasText = typeof args.text === 'string' && args.text.trim().length > 0;
  if (!hasText && args.blocks === undefined) p.add('/text', 'text or blocks required');
  if (!hasText && args.blocks !== undefined)
    p.add('/text', 'text is required with blocks: notifications and screen readers show it');
  if (typeof args.text === 'string' && args.text.length > 40_000) p.add('/text', 'at most 40000 characters');
  blocks(p, '', args.blocks, 'message');
  return p.list;
}

/**
 * chat.update: @slack/types (Block.block_id) asks for a new block_id on every iteration of a message, so that a
 * client holding the old block cannot mistake its state for the new one's. A block_id of the message being replaced
 * may come back only on the very same block (a redraw that changes nothing in it).
 */
export function updateProblems(previous: unknown[] | undefined, next: unknown): string[] {
  if (!Array.isArray(next) || !previous) return [];
  const before = new Map(
    previous.filter(isObject).flatMap((b) => (typeof b.block_id === 'string' ? [[b.block_id, JSON.stringify(b)]] : [])),
  );
  const p = new Problems();
  for (const [i, b] of next.entries()) {
    if (!isObject(b) || typeof b.block_id !== 'string') continue;
    const old = before.get(b.block_id);
    if (old !== undefined && old !== JSON.stringify(b))
      p.add(`/blocks/${i}/block_id`, `block_id "${b.block_id}" names a changed block of the previous iteration`);
  }
  return p.list;
}

/**
 * An answer to a view submission with `response_action: "errors"` may name only input blocks of the submitted view
 * (Slack otherwise refuses the answer and the user sees a generic error).
 */
export function submissionErrorsProblems(view: unknown, errors: unknown): string[] {
  const p = new Problems();
  if (!isObject(errors)) return ['errors must be an object [json-pointer:/errors]'];
  const inputs = new Set(
    (isObject(view) && Array.isArray(view.blocks) ? view.blocks : [])
      .filter((b): b is Json => isObject(b) && b.type === 'input' && typeof b.block_id === 'string')
      .map((b) => b.block_id),
  );
  for (const [blockId, message] of Object.entries(errors)) {
    if (!inputs.has(blockId)) p.add(`/errors/${blockId}`, `"${blockId}" is not an input block of this view`);
    if (typeof message !== 'string' || message.length === 0)
      p.add(`/errors/${blockId}`, 'an error message must be a non-empty string');
  }
  return p.list;
}
