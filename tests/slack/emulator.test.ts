import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/slack-emulator/emulator.js';

const TOKEN = 'xoxb-emulator-test';
let slack: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  slack = await new SlackEmulator({ botToken: TOKEN, channels: ['C1'] }).start();
  client = new WebClient(TOKEN, { slackApiUrl: slack.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
});
afterAll(async () => {
  await slack.stop();
});

const title = (text: string) => ({ type: 'plain_text' as const, text });
const modal = (extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  title: title('Titre'),
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }],
  ...extra,
});
const input = (blockId: string, element: Record<string, unknown>) => ({
  type: 'input',
  block_id: blockId,
  label: title('Label'),
  element: { action_id: 'a', ...element },
});
const opts = (n: number, len = 5) =>
  Array.from({ length: n }, (_, i) => ({ value: `v${i}`, text: title(`${'x'.repeat(len)}${i}`.slice(0, len)) }));

async function openError(view: Record<string, unknown>, trigger = slack.mintTrigger('U1')): Promise<string> {
  try {
    await client.views.open({ trigger_id: trigger, view: view as never });
    return 'ok';
  } catch (error) {
    return (error as { data: { error: string } }).data.error;
  }
}

describe('the Slack emulator enforces Slack limits', () => {
  it('accepts a valid modal once per trigger, and refuses expired or reused triggers', async () => {
    const trigger = slack.mintTrigger('U1');
    expect(await openError(modal(), trigger)).toBe('ok');
    expect(await openError(modal(), trigger)).toBe('expired_trigger_id');
    expect(await openError(modal(), slack.mintTrigger('U1', 3100))).toBe('expired_trigger_id');
    expect(await openError(modal(), 'made-up')).toBe('invalid_trigger_id');
  });

  it.each([
    ['a title over 24 characters', modal({ title: title('x'.repeat(25)) })],
    ['a submit label over 24 characters', modal({ submit: title('x'.repeat(25)) })],
    ['more than 100 blocks', modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) })],
    ['private_metadata over 3000 characters', modal({ private_metadata: 'x'.repeat(3001) })],
    ['an input block without submit', modal({ blocks: [input('b', { type: 'plain_text_input' })] })],
    [
      'an option text over 75 characters',
      modal({ submit: title('OK'), blocks: [input('b', { type: 'static_select', options: opts(2, 76) })] }),
    ],
    [
      'more than 100 options',
      modal({ submit: title('OK'), blocks: [input('b', { type: 'static_select', options: opts(101) })] }),
    ],
    [
      'more than 10 checkboxes',
      modal({ submit: title('OK'), blocks: [input('b', { type: 'checkboxes', options: opts(11) })] }),
    ],
    [
      'more than 10 radio buttons',
      modal({ submit: title('OK'), blocks: [input('b', { type: 'radio_buttons', options: opts(11) })] }),
    ],
    [
      'a duplicate block_id',
      modal({
        submit: title('OK'),
        blocks: [input('b', { type: 'plain_text_input' }), input('b', { type: 'plain_text_input' })],
      }),
    ],
    [
      'a duplicate action_id in one block',
      modal({
        blocks: [
          {
            type: 'actions',
            elements: [
              { type: 'button', action_id: 'same', text: title('A') },
              { type: 'button', action_id: 'same', text: title('B') },
            ],
          },
        ],
      }),
    ],
  ])('refuses a view with %s (invalid_arguments)', async (_what, view) => {
    expect(await openError(view)).toBe('invalid_arguments');
  });

  it('refuses messages over 50 blocks, with input blocks, or to unknown channels', async () => {
    const post = (args: Record<string, unknown>) =>
      client.chat.postMessage({ channel: 'C1', text: 'x', ...args } as never).then(
        () => 'ok',
        (e: { data: { error: string } }) => e.data.error,
      );
    expect(await post({ blocks: Array.from({ length: 50 }, () => ({ type: 'divider' })) })).toBe('ok');
    expect(await post({ blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).toBe('invalid_arguments');
    expect(await post({ blocks: [input('b', { type: 'plain_text_input' })] })).toBe('invalid_arguments');
    expect(await post({ channel: 'CNOWHERE' })).toBe('channel_not_found');
    expect(await post({ thread_ts: '1.000001' })).toBe('thread_not_found');
  });

  it('injects 429 with Retry-After and 5xx on any method', async () => {
    slack.inject('chat.postMessage', { status: 429, retryAfterSeconds: 7, times: 1 });
    const limited = await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
    slack.inject('*', { status: 503, times: 1 });
    const down = await client.auth.test().catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 503 });
    expect((await client.auth.test()).ok).toBe(true);
  });

  it('refuses a wrong token', async () => {
    const other = new WebClient('xoxb-wrong', { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
    await expect(other.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });
});
