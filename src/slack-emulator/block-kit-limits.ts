/**
 * Slack's documented Block Kit limits, checked the way Slack checks them: a view or message that breaks one is
 * refused with `invalid_arguments`. Only the block and element types this app uses are known; anything else is
 * refused too, so that a new type gets its limits written here before it is used.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Problems {
  readonly list: string[] = [];
  add(path: string, message: string) {
    this.list.push(`${path}: ${message}`);
  }
}

function text(p: Problems, path: string, value: unknown, opts: { max: number; plainOnly?: boolean }) {
  if (!isObject(value)) return p.add(path, 'must be a text object');
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn')
    return p.add(path, 'text type must be plain_text or mrkdwn');
  if (opts.plainOnly && value.type !== 'plain_text') p.add(path, 'must be plain_text');
  if (typeof value.text !== 'string' || value.text.length === 0) return p.add(path, 'text must be a non-empty string');
  if (value.text.length > opts.max) p.add(path, `must be at most ${opts.max} characters (got ${value.text.length})`);
}

function options(p: Problems, path: string, value: unknown, max: number) {
  if (!Array.isArray(value) || value.length === 0) return p.add(path, 'options must be a non-empty array');
  if (value.length > max) p.add(path, `at most ${max} options (got ${value.length})`);
  const values = new Set<string>();
  for (const [i, o] of value.entries()) {
    if (!isObject(o)) {
      p.add(`${path}[${i}]`, 'option must be an object');
      continue;
    }
    text(p, `${path}[${i}].text`, o.text, { max: 75 });
    if (typeof o.value !== 'string' || o.value.length > 150) p.add(`${path}[${i}].value`, 'value ≤ 150 characters');
    else if (values.has(o.value)) p.add(`${path}[${i}].value`, 'duplicate option value');
    else values.add(o.value);
  }
}

function actionId(p: Problems, path: string, el: Json, seen: Set<string>) {
  if (el.action_id === undefined) return;
  if (typeof el.action_id !== 'string' || el.action_id.length > 255) return p.add(path, 'action_id ≤ 255 characters');
  if (seen.has(el.action_id)) p.add(path, `action_id "${el.action_id}" is not unique in its block`);
  seen.add(el.action_id);
}

function element(p: Problems, path: string, el: unknown, seen: Set<string>) {
  if (!isObject(el)) return p.add(path, 'element must be an object');
  actionId(p, path, el, seen);
  switch (el.type) {
    case 'button':
      text(p, `${path}.text`, el.text, { max: 75, plainOnly: true });
      if (el.value !== undefined && (typeof el.value !== 'string' || el.value.length > 2000))
        p.add(path, 'button value ≤ 2000 characters');
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') p.add(path, 'bad button style');
      return;
    case 'plain_text_input': {
      const max = el.max_length;
      if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 3000)) p.add(path, 'max_length 1..3000');
      if (el.initial_value !== undefined) {
        if (typeof el.initial_value !== 'string') p.add(path, 'initial_value must be a string');
        else if (el.initial_value.length > (typeof max === 'number' ? max : 3000))
          p.add(path, 'initial_value longer than max_length');
      }
      if (el.placeholder !== undefined) text(p, `${path}.placeholder`, el.placeholder, { max: 150, plainOnly: true });
      return;
    }
    case 'datepicker':
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date)))
        p.add(path, 'initial_date must be YYYY-MM-DD');
      if (el.placeholder !== undefined) text(p, `${path}.placeholder`, el.placeholder, { max: 150, plainOnly: true });
      return;
    case 'static_select':
    case 'multi_static_select':
      if (el.placeholder !== undefined) text(p, `${path}.placeholder`, el.placeholder, { max: 150, plainOnly: true });
      options(p, `${path}.options`, el.options, 100);
      return;
    case 'checkboxes':
    case 'radio_buttons':
      options(p, `${path}.options`, el.options, 10);
      return;
    case 'users_select':
      if (el.placeholder !== undefined) text(p, `${path}.placeholder`, el.placeholder, { max: 150, plainOnly: true });
      if (el.initial_user !== undefined && !/^[UW][A-Z0-9]+$/.test(String(el.initial_user)))
        p.add(path, 'initial_user must be a user id');
      return;
    default:
      p.add(path, `unsupported element type "${String(el.type)}"`);
  }
}

function block(p: Problems, path: string, b: unknown, surface: 'modal' | 'home' | 'message', blockIds: Set<string>) {
  if (!isObject(b)) return p.add(path, 'block must be an object');
  if (b.block_id !== undefined) {
    if (typeof b.block_id !== 'string' || b.block_id.length > 255) p.add(path, 'block_id ≤ 255 characters');
    else if (blockIds.has(b.block_id)) p.add(path, `block_id "${b.block_id}" is not unique`);
    else blockIds.add(b.block_id);
  }
  const seen = new Set<string>();
  switch (b.type) {
    case 'header':
      text(p, `${path}.text`, b.text, { max: 150, plainOnly: true });
      return;
    case 'divider':
      return;
    case 'section':
      if (b.text === undefined && b.fields === undefined) p.add(path, 'section needs text or fields');
      if (b.text !== undefined) text(p, `${path}.text`, b.text, { max: 3000 });
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields) || b.fields.length > 10) p.add(path, 'at most 10 fields');
        else for (const [i, f] of b.fields.entries()) text(p, `${path}.fields[${i}]`, f, { max: 2000 });
      }
      if (b.accessory !== undefined) element(p, `${path}.accessory`, b.accessory, seen);
      return;
    case 'context':
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10)
        return p.add(path, 'context needs 1..10 elements');
      for (const [i, e] of b.elements.entries()) text(p, `${path}.elements[${i}]`, e, { max: 3000 });
      return;
    case 'actions':
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25)
        return p.add(path, 'actions needs 1..25 elements');
      for (const [i, e] of b.elements.entries()) element(p, `${path}.elements[${i}]`, e, seen);
      return;
    case 'input':
      if (surface === 'message') p.add(path, 'input blocks are not allowed in messages');
      text(p, `${path}.label`, b.label, { max: 2000, plainOnly: true });
      if (b.hint !== undefined) text(p, `${path}.hint`, b.hint, { max: 2000, plainOnly: true });
      element(p, `${path}.element`, b.element, seen);
      return;
    default:
      p.add(path, `unsupported block type "${String(b.type)}"`);
  }
}

function blocks(p: Problems, value: unknown, surface: 'modal' | 'home' | 'message') {
  if (value === undefined) return;
  if (!Array.isArray(value)) return p.add('blocks', 'must be an array');
  const max = surface === 'message' ? 50 : 100;
  if (value.length > max) p.add('blocks', `at most ${max} blocks (got ${value.length})`);
  const ids = new Set<string>();
  for (const [i, b] of value.entries()) block(p, `blocks[${i}]`, b, surface, ids);
}

export function viewProblems(view: unknown, expected: 'modal' | 'home'): string[] {
  const p = new Problems();
  if (!isObject(view)) return ['view must be an object'];
  if (view.type !== expected) p.add('type', `must be "${expected}"`);
  if (expected === 'modal') {
    text(p, 'title', view.title, { max: 24, plainOnly: true });
    if (view.submit !== undefined) text(p, 'submit', view.submit, { max: 24, plainOnly: true });
    if (view.close !== undefined) text(p, 'close', view.close, { max: 24, plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) p.add('submit', 'required when the view has input blocks');
  }
  if (view.private_metadata !== undefined && String(view.private_metadata).length > 3000)
    p.add('private_metadata', 'at most 3000 characters');
  if (view.callback_id !== undefined && String(view.callback_id).length > 255) p.add('callback_id', '≤ 255');
  if (!Array.isArray(view.blocks)) p.add('blocks', 'required');
  blocks(p, view.blocks, expected);
  return p.list;
}

export function messageProblems(args: Json): string[] {
  const p = new Problems();
  const hasText = typeof args.text === 'string' && args.text.length > 0;
  if (!hasText && args.blocks === undefined) p.add('text', 'text or blocks required');
  if (typeof args.text === 'string' && args.text.length > 40_000) p.add('text', 'at most 40000 characters');
  blocks(p, args.blocks, 'message');
  return p.list;
}
