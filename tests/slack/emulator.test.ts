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
    expect(await post({ blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).toBe('invalid_blocks');
    expect(await post({ blocks: [input('b', { type: 'plain_text_input' })] })).toBe('invalid_blocks');
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

/** The error and the pointers Slack names for a call, or 'ok'. */
async function refusal(call: Promise<unknown>): Promise<{ error: string; pointers: string[] } | 'ok'> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const data = (error as { data: { error: string; response_metadata?: { messages?: string[] } } }).data;
    const pointers = (data.response_metadata?.messages ?? []).map((m) => /\[json-pointer:([^\]]+)\]/.exec(m)?.[1] ?? m);
    return { error: data.error, pointers };
  }
}

const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const option = (value: string, text: string) => ({ value, text: title(text) });
const withInputs = (...blocks: Record<string, unknown>[]) => modal({ submit: title('OK'), blocks });

describe('the emulator refuses what Slack’s published models refuse', () => {
  it.each([
    [
      'a mrkdwn option text in a select menu',
      withInputs(input('b', { type: 'static_select', options: [{ value: 'a', text: md('A') }] })),
      '/view/blocks/0/element/options/0/text/type',
    ],
    [
      'an option value over 75 characters',
      withInputs(input('b', { type: 'static_select', options: [option('v'.repeat(76), 'A')] })),
      '/view/blocks/0/element/options/0/value',
    ],
    [
      'an option description over 75 characters',
      withInputs(
        input('b', { type: 'radio_buttons', options: [{ ...option('a', 'A'), description: title('d'.repeat(76)) }] }),
      ),
      '/view/blocks/0/element/options/0/description/text',
    ],
    [
      'options and option_groups together',
      withInputs(
        input('b', {
          type: 'static_select',
          options: [option('a', 'A')],
          option_groups: [{ label: title('G'), options: [option('b', 'B')] }],
        }),
      ),
      '/view/blocks/0/element/options',
    ],
    [
      'an initial_option that is not one of the options (static_select)',
      withInputs(
        input('b', { type: 'static_select', options: [option('a', 'A')], initial_option: option('a', 'Autre') }),
      ),
      '/view/blocks/0/element/initial_option',
    ],
    [
      'an initial_option that is not one of the options (radio_buttons)',
      withInputs(input('b', { type: 'radio_buttons', options: [option('a', 'A')], initial_option: option('z', 'A') })),
      '/view/blocks/0/element/initial_option',
    ],
    [
      'an initial option that is not one of the options (checkboxes)',
      withInputs(
        input('b', {
          type: 'checkboxes',
          options: [option('a', 'A')],
          initial_options: [option('a', 'A'), option('b', 'B')],
        }),
      ),
      '/view/blocks/0/element/initial_options/1',
    ],
    [
      'a button in an input block',
      withInputs(input('b', { type: 'button', text: title('Go') })),
      '/view/blocks/0/element/type',
    ],
    [
      'a plain_text_input in an actions block',
      modal({ blocks: [{ type: 'actions', elements: [{ type: 'plain_text_input', action_id: 'a' }] }] }),
      '/view/blocks/0/elements/0/type',
    ],
    [
      'two elements with focus_on_load',
      withInputs(
        input('a', { type: 'plain_text_input', focus_on_load: true }),
        input('b', { type: 'plain_text_input', focus_on_load: true }),
      ),
      '/view/blocks/1/element/focus_on_load',
    ],
    [
      'emoji on a mrkdwn text',
      modal({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } }] }),
      '/view/blocks/0/text/emoji',
    ],
    [
      'an initial_date that is no calendar date',
      withInputs(input('b', { type: 'datepicker', initial_date: '2026-02-30' })),
      '/view/blocks/0/element/initial_date',
    ],
    [
      'a min_length over 3000',
      withInputs(input('b', { type: 'plain_text_input', min_length: 3001 })),
      '/view/blocks/0/element/min_length',
    ],
    ['a modal without blocks', modal({ blocks: [] }), '/view/blocks'],
    [
      'a button url over 3000 characters',
      modal({
        blocks: [
          {
            type: 'actions',
            elements: [{ type: 'button', text: title('Go'), url: `https://x.fr/${'a'.repeat(3000)}` }],
          },
        ],
      }),
      '/view/blocks/0/elements/0/url',
    ],
    [
      'a button accessibility_label over 75 characters',
      modal({
        blocks: [
          { type: 'actions', elements: [{ type: 'button', text: title('Go'), accessibility_label: 'a'.repeat(76) }] },
        ],
      }),
      '/view/blocks/0/elements/0/accessibility_label',
    ],
    [
      'a view over 250 kB',
      modal({
        blocks: Array.from({ length: 100 }, () => ({ type: 'section', text: md('x'.repeat(3000)) })),
        private_metadata: 'y'.repeat(3000),
        callback_id: 'c',
        external_id: 'z'.repeat(10_000),
      }),
      '/view',
    ],
  ])('refuses a view with %s, naming where', async (_what, view, pointer) => {
    const trigger = slack.mintTrigger('U1');
    const answer = await refusal(client.views.open({ trigger_id: trigger, view: view as never }));
    expect(answer).not.toBe('ok');
    expect(answer).toMatchObject({ error: 'invalid_arguments' });
    expect((answer as { pointers: string[] }).pointers).toContain(pointer);
  });

  it('refuses a home tab with a submit or close button', async () => {
    const home = { type: 'home', blocks: [{ type: 'divider' }], submit: title('OK') };
    expect(await refusal(client.views.publish({ user_id: 'U1', view: home as never }))).toEqual({
      error: 'invalid_arguments',
      pointers: ['/view/submit'],
    });
  });

  it('refuses a message with blocks and no text, wherever it is sent', async () => {
    const blocks = [{ type: 'section', text: md('Bonjour') }];
    expect(await refusal(client.chat.postMessage({ channel: 'C1', blocks } as never))).toEqual({
      error: 'invalid_blocks',
      pointers: ['/text'],
    });
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'x', blocks });
    expect(await refusal(client.chat.update({ channel: 'C1', ts: String(posted.ts), blocks } as never))).toEqual({
      error: 'invalid_blocks',
      pointers: ['/text'],
    });
    expect(await refusal(client.chat.postEphemeral({ channel: 'C1', user: 'U1', blocks } as never))).toEqual({
      error: 'invalid_blocks',
      pointers: ['/text'],
    });
    const viaResponseUrl = await fetch(`http://127.0.0.1:${slack.port}/commands/abc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blocks }),
    });
    expect(viaResponseUrl.status).toBe(400);
    expect(await viaResponseUrl.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });

  it('refuses an updated message that gives a changed block the block_id of its previous iteration', async () => {
    const card = (v: number, id: string) => [
      { type: 'actions', block_id: id, elements: [{ type: 'button', action_id: 'go', text: title(`v${v}`) }] },
    ];
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'x', blocks: card(1, 'actions_v1') });
    const ts = String(posted.ts);
    expect(await refusal(client.chat.update({ channel: 'C1', ts, text: 'x', blocks: card(2, 'actions_v1') }))).toEqual({
      error: 'invalid_blocks',
      pointers: ['/blocks/0/block_id'],
    });
    expect(await refusal(client.chat.update({ channel: 'C1', ts, text: 'x', blocks: card(2, 'actions_v2') }))).toBe(
      'ok',
    );
  });
});

describe('the driver checks the app’s answers as Slack would', () => {
  it('flags view submission errors on blocks that are not input blocks of the view', async () => {
    const { submissionErrorsProblems } = await import('../../src/slack-emulator/block-kit-limits.js');
    const view = withInputs(input('name', { type: 'plain_text_input' }), {
      type: 'section',
      block_id: 'intro',
      text: md('x'),
    });
    expect(submissionErrorsProblems(view, { name: 'Obligatoire' })).toEqual([]);
    expect(submissionErrorsProblems(view, { intro: 'Non' })).toEqual([
      '"intro" is not an input block of this view [json-pointer:/errors/intro]',
    ]);
    expect(submissionErrorsProblems(view, { missing: 'Non' })).toHaveLength(1);
  });
});

describe('the emulator holds the app to Slack’s other rules', () => {
  it('accepts a response_url five times, then answers expired_url', async () => {
    const url = `http://127.0.0.1:${slack.port}/actions/five-uses`;
    const post = () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' });
    for (let i = 0; i < 5; i += 1) expect((await post()).status).toBe(200);
    const sixth = await post();
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'expired_url' });
  });

  it('refuses an ephemeral message to someone outside the channel', async () => {
    const members = await new SlackEmulator({ botToken: TOKEN, channels: ['C1'], members: { C1: ['U1'] } }).start();
    try {
      const other = new WebClient(TOKEN, { slackApiUrl: members.url, retryConfig: { retries: 0 } });
      expect((await other.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'x' })).ok).toBe(true);
      await expect(other.chat.postEphemeral({ channel: 'C1', user: 'U2', text: 'x' })).rejects.toMatchObject({
        data: { error: 'user_not_in_channel' },
      });
    } finally {
      await members.stop();
    }
  });

  it('takes a file through Slack’s upload flow, and refuses a wrong length, an unknown file or a long alt text', async () => {
    const error = async (call: () => Promise<unknown>) => {
      try {
        await call();
        return 'ok';
      } catch (e) {
        return (e as { data?: { error?: string } }).data?.error ?? 'failed';
      }
    };
    expect(await error(() => client.apiCall('files.getUploadURLExternal', { filename: 'a.csv' }))).toBe(
      'invalid_arguments',
    );
    expect(
      await error(() =>
        client.apiCall('files.getUploadURLExternal', { filename: 'a.csv', length: 3, alt_txt: 'x'.repeat(1001) }),
      ),
    ).toBe('invalid_arguments');
    const target = (await client.apiCall('files.getUploadURLExternal', {
      filename: 'a.csv',
      length: 3,
    })) as unknown as {
      upload_url: string;
      file_id: string;
    };
    expect((await fetch(target.upload_url, { method: 'POST', body: 'abcd' })).status).toBe(400);
    expect(
      await error(() =>
        client.apiCall('files.completeUploadExternal', { files: JSON.stringify([{ id: target.file_id }]) }),
      ),
    ).toBe('file_not_found');
    expect((await fetch(target.upload_url, { method: 'POST', body: 'abc' })).status).toBe(200);
    const { channel } = (await client.apiCall('conversations.open', { users: 'U1' })) as unknown as {
      channel: { id: string };
    };
    await client.apiCall('files.completeUploadExternal', {
      files: JSON.stringify([{ id: target.file_id, title: 'A' }]),
      channel_id: channel.id,
      initial_comment: 'Voici',
    });
    expect(slack.messagesIn(channel.id).at(-1)).toMatchObject({
      text: 'Voici',
      files: [{ id: target.file_id, title: 'A' }],
    });
    // Completed once: it cannot be shared again.
    expect(
      await error(() =>
        client.apiCall('files.completeUploadExternal', { files: JSON.stringify([{ id: target.file_id }]) }),
      ),
    ).toBe('file_not_found');
  });
});
