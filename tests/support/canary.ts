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

/**
 * The planted values found in what the app sent: every Web API call, every HTTP answer, every log line. Level 1 may
 * appear only in a modal opened for one user (the case file, or the user's own typing), whether opened through the
 * Web API or answered in an ack (response_action update/push).
 */
export function leaksInTraffic(traffic: { calls: RecordedCall[]; responses: AppResponse[]; logs: string[] }): string[] {
  const leaks: string[] = [];
  for (const call of traffic.calls) {
    if (call.method === 'views.open' || call.method === 'views.push' || call.method === 'views.update') continue;
    // An ack over the socket is an answer like an HTTP one: only a modal for the one who acted may carry level 1.
    const action = call.args.response_action;
    if (call.method === 'socket_ack' && (action === 'update' || action === 'push')) continue;
    for (const leak of leaksIn(JSON.stringify(call.args))) leaks.push(`${call.method}: ${leak}`);
  }
  for (const response of traffic.responses) {
    const action = response.json?.response_action;
    if (action === 'update' || action === 'push') continue;
    for (const leak of leaksIn(response.text)) leaks.push(`HTTP answer: ${leak}`);
  }
  for (const line of traffic.logs) for (const leak of leaksIn(line)) leaks.push(`log: ${leak}`);
  return leaks;
}
