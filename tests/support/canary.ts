import { randomBytes } from 'node:crypto';
import type { AppResponse } from '../../src/slack-emulator/driver.js';
import type { RecordedCall } from '../../src/slack-emulator/emulator.js';

/**
 * Level-1 values planted by tests. Each carries a marker no legitimate text contains, so a scan of everything the
 * app sent can tell a leak from a coincidence. Birth dates and phone numbers cannot carry a marker: they are
 * registered with the forms a leak would take (ISO, French, digits only).
 */
const MARKER = 'Qzx';
const planted = new Set<string>();

export function canary(label: string): string {
  const value = `${label}${MARKER}${randomBytes(3).toString('hex')}`;
  planted.add(value);
  return value;
}

export function plantDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  planted.add(iso);
  planted.add(`${d}/${m}/${y}`);
  return iso;
}

export function plantPhone(phone: string): string {
  planted.add(phone.replace(/\D/g, ''));
  planted.add(phone);
  return phone;
}

export function plantedValues(): string[] {
  return [...planted];
}

/** Returns the planted values found in `text` (digits-only forms are searched in a digits-only copy too). */
export function leaksIn(text: string): string[] {
  const digits = text.replace(/\D/g, '');
  const found = [...planted].filter((v) => text.includes(v) || (/^\d{9,}$/.test(v) && digits.includes(v)));
  if (text.includes(MARKER) && found.length === 0) found.push(`${MARKER}…`);
  return found;
}

/** What a scan needs besides the traffic: who was shown each view, and which file reads were granted and logged. */
export interface Traffic {
  calls: RecordedCall[];
  responses: AppResponse[];
  logs: string[];
  /** The user a Web API view call was for (the emulator's `viewUserOf`). */
  viewUserOf: (call: RecordedCall) => string | undefined;
  /** Case files opened after a granted, logged read: by whom, which reference (from access_logs). */
  grantedReads: readonly { userId: string; reference: string }[];
}

type Json = Record<string, unknown>;

const CASE_FILE = 'case_file';
/** What a family agreed to share with an operator, shown to that operator's referent after a logged read. */
const SHEET_FIELDS = 'sheet_fields';
const INTAKE = 'intake';

/** Who sent a request to the app: a slash command's user_id, or an interaction's user. */
function userOfRequest(body: string): string | undefined {
  const form = new URLSearchParams(body);
  const direct = form.get('user_id');
  if (direct) return direct;
  try {
    const payload = JSON.parse(form.get('payload') ?? body) as { user?: { id?: unknown }; event?: { user?: unknown } };
    const id = payload.user?.id ?? payload.event?.user;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

function viewOf(value: unknown): Json | undefined {
  const view = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return view && typeof view === 'object' ? (view as Json) : undefined;
}

/**
 * The planted values found in what the app sent: every Web API call, every HTTP or socket answer, every log line.
 * Level 1 may appear in two places only: the case file modal (or a liaison sheet's shared fields) shown to a user
 * whose read of that case was granted and logged, and the intake modal echoing what that same user typed (or the message they referred from).
 */
export function leaksInTraffic(traffic: Traffic): string[] {
  const typed = new Map<string, Set<string>>();
  const acts: { user: string | undefined; response: AppResponse }[] = traffic.responses.map((response) => ({
    user: userOfRequest(response.request),
    response,
  }));
  for (const { user, response } of acts) {
    if (!user) continue;
    const mine = typed.get(user) ?? new Set<string>();
    // Bodies are form-encoded (a payload is JSON inside a form field): read them as the app does.
    const decoded = [...new URLSearchParams(response.request).values()].join('\n');
    for (const value of leaksIn(decoded)) mine.add(value);
    typed.set(user, mine);
  }
  // What a user sent over the socket counts as typed too.
  for (const call of traffic.calls) {
    if (call.method !== 'socket_ack' || !call.user || !call.request) continue;
    const mine = typed.get(call.user) ?? new Set<string>();
    for (const value of leaksIn(JSON.stringify(call.request))) mine.add(value);
    typed.set(call.user, mine);
  }
  const allowedIn = (view: Json | undefined, user: string | undefined, found: string[]): string[] => {
    if (!view || !user) return found;
    if (view.callback_id === CASE_FILE || view.callback_id === SHEET_FIELDS) {
      const reference = /PRE-\d{4}-\d{4,}/.exec(JSON.stringify(view))?.[0];
      const granted = traffic.grantedReads.some((r) => r.userId === user && r.reference === reference);
      return granted ? [] : found;
    }
    if (view.callback_id === INTAKE) return found.filter((v) => !typed.get(user)?.has(v));
    return found;
  };

  const leaks: string[] = [];
  for (const call of traffic.calls) {
    const found = leaksIn(JSON.stringify(call.args));
    if (found.length === 0) continue;
    if (call.method === 'views.open' || call.method === 'views.push' || call.method === 'views.update') {
      for (const leak of allowedIn(viewOf(call.args.view), traffic.viewUserOf(call), found))
        leaks.push(`${call.method}: ${leak}`);
      continue;
    }
    if (call.method === 'socket_ack') {
      const action = call.args.response_action;
      const view = action === 'update' || action === 'push' ? viewOf(call.args.view) : undefined;
      for (const leak of view ? allowedIn(view, call.user, found) : found) leaks.push(`socket answer: ${leak}`);
      continue;
    }
    for (const leak of found) leaks.push(`${call.method}: ${leak}`);
  }
  for (const { user, response } of acts) {
    const found = leaksIn(response.text);
    if (found.length === 0) continue;
    const action = response.json?.response_action;
    const view = action === 'update' || action === 'push' ? viewOf(response.json?.view) : undefined;
    for (const leak of view ? allowedIn(view, user, found) : found) leaks.push(`HTTP answer: ${leak}`);
  }
  for (const line of traffic.logs) for (const leak of leaksIn(line)) leaks.push(`log: ${leak}`);
  return leaks;
}
