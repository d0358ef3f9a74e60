import { describe, expect, it } from 'vitest';
import type { AppResponse } from '../src/slack-emulator/driver.js';
import type { RecordedCall } from '../src/slack-emulator/emulator.js';
import { canary, leaksInTraffic } from './support/canary.js';

/** The scan's own rules, on hand-made traffic: where level 1 may go, and where it may not. */
const secret = canary('Prénom');
const fileView = (reference: string) =>
  JSON.stringify({
    type: 'modal',
    callback_id: 'case_file',
    title: { type: 'plain_text', text: `Dossier ${reference}` },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: secret } }],
  });
const intakeView = JSON.stringify({
  type: 'modal',
  callback_id: 'intake',
  blocks: [{ type: 'input', element: { initial_value: secret } }],
});
const viewsOpen = (view: string, trigger: string): RecordedCall => ({
  method: 'views.open',
  args: { trigger_id: trigger, view },
  at: 0,
  status: 200,
  response: { ok: true },
});
const answer = (request: string, json: Record<string, unknown>): AppResponse => ({
  status: 200,
  text: JSON.stringify(json),
  json,
  ms: 1,
  request,
});
const users: Record<string, string> = { T1: 'U1', T2: 'U2' };
const scan = (
  traffic: { calls?: RecordedCall[]; responses?: AppResponse[]; logs?: string[] },
  granted = [{ userId: 'U1', reference: 'PRE-2026-0001' }],
) =>
  leaksInTraffic({
    calls: traffic.calls ?? [],
    responses: traffic.responses ?? [],
    logs: traffic.logs ?? [],
    viewUserOf: (call) => users[String(call.args.trigger_id)],
    grantedReads: granted,
  });

describe('the level-1 scan', () => {
  it('lets the case file reach only the user whose read was granted and logged, for that case', () => {
    expect(scan({ calls: [viewsOpen(fileView('PRE-2026-0001'), 'T1')] })).toEqual([]);
    expect(scan({ calls: [viewsOpen(fileView('PRE-2026-0001'), 'T2')] })).toEqual([`views.open: ${secret}`]);
    expect(scan({ calls: [viewsOpen(fileView('PRE-2026-0002'), 'T1')] })).toEqual([`views.open: ${secret}`]);
    expect(scan({ calls: [viewsOpen(fileView('PRE-2026-0001'), 'T1')] }, [])).toEqual([`views.open: ${secret}`]);
  });

  it('lets the intake form echo only what that same user typed', () => {
    const typed = answer(`payload=${encodeURIComponent(JSON.stringify({ user: { id: 'U1' }, text: secret }))}`, {});
    expect(scan({ calls: [viewsOpen(intakeView, 'T1')], responses: [typed] })).toEqual([]);
    expect(scan({ calls: [viewsOpen(intakeView, 'T2')], responses: [typed] })).toEqual([`views.open: ${secret}`]);
  });

  it('finds level 1 in an ack that is not a permitted modal, a message, or a log line', () => {
    const request = `payload=${encodeURIComponent(JSON.stringify({ user: { id: 'U1' } }))}`;
    const updateToOther = answer(request, {
      response_action: 'update',
      view: { callback_id: 'members', blocks: [secret] },
    });
    expect(scan({ responses: [updateToOther] })).toEqual([`HTTP answer: ${secret}`]);
    const message: RecordedCall = {
      method: 'chat.postMessage',
      args: { text: secret },
      at: 0,
      status: 200,
      response: { ok: true },
    };
    expect(scan({ calls: [message], logs: [`{"msg":"${secret}"}`] })).toEqual([
      `chat.postMessage: ${secret}`,
      `log: ${secret}`,
    ]);
  });
});
