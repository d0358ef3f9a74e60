// The baseline of `npm run bench`: a bare Bolt app on the same receiver that acknowledges and calls the same Web API
// methods with the same payloads as the app — recorded from the app's own run (BENCH_PAYLOADS, a JSON file) and
// replayed as constants — with no database and no rules. "× base" then measures what the product's own work adds.

import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { View } from '@slack/types';

export interface RecordedPayloads {
  /** The view `/reperage` opens. */
  open: View;
  /** The action that redraws the form after its first answer, and the view it redraws it with. */
  redraw: { actionId: string; view: View };
  /** The intake submission's ack body. */
  submitted: Record<string, unknown>;
  /** The card posted for a new referral, and the card "Prendre en charge" updates it to. */
  card: { text: string; blocks: unknown[] };
  taken: { text: string; blocks: unknown[] };
}

const env = process.env;
const recorded = JSON.parse(readFileSync(env.BENCH_PAYLOADS ?? '', 'utf8')) as RecordedPayloads;
const app = new App({
  token: env.SLACK_BOT_TOKEN,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
  receiver: new HTTPReceiver({ signingSecret: env.SLACK_SIGNING_SECRET ?? '', logLevel: LogLevel.ERROR }),
});

app.command('/reperage', async ({ ack, command, client }) => {
  await ack();
  await client.views.open({ trigger_id: command.trigger_id, view: recorded.open });
});

app.action(recorded.redraw.actionId, async ({ ack, body, client }) => {
  await ack();
  const view = (body as { view?: { id: string; hash: string } }).view;
  await client.views.update({ view_id: view?.id ?? '', hash: view?.hash, view: recorded.redraw.view });
});

app.view(String(recorded.open.callback_id), async ({ ack, client, view }) => {
  await ack(recorded.submitted as never);
  // The view id in the text lets the benchmark match each card to its submission.
  await client.chat.postMessage({
    channel: env.PRE_CELLULE_CHANNEL ?? '',
    text: `${recorded.card.text} ${view.id}`,
    blocks: recorded.card.blocks as never,
  });
});

app.action('case_take', async ({ ack, body, client }) => {
  await ack();
  const b = body as { channel?: { id: string }; message?: { ts: string } };
  await client.chat.update({
    channel: b.channel?.id ?? '',
    ts: b.message?.ts ?? '',
    text: recorded.taken.text,
    blocks: recorded.taken.blocks as never,
  });
});

const server = (await app.start({ port: Number(env.PORT ?? 0), host: '127.0.0.1' })) as Server;
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
