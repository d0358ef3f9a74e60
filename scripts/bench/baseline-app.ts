// The baseline of `npm run bench`: a bare Bolt app on the same receiver that acknowledges and calls the same Web API
// methods, with no database and no rules, so the benchmark can tell what the product adds to what Bolt costs.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const env = process.env;
const app = new App({
  token: env.SLACK_BOT_TOKEN,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
  receiver: new HTTPReceiver({ signingSecret: env.SLACK_SIGNING_SECRET ?? '', logLevel: LogLevel.ERROR }),
});

app.command('/reperage', async ({ ack, command, client }) => {
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: {
      type: 'modal',
      callback_id: 'intake',
      title: { type: 'plain_text', text: 'Nouveau repérage' },
      submit: { type: 'plain_text', text: 'Envoyer' },
      blocks: [
        {
          type: 'input',
          block_id: 'situation',
          label: { type: 'plain_text', text: 'Situation' },
          element: { type: 'plain_text_input', action_id: 'value' },
        },
      ],
    },
  });
});

app.view('intake', async ({ ack, client, view }) => {
  await ack();
  // The view id in the text lets the benchmark match each card to its submission.
  await client.chat.postMessage({ channel: env.PRE_CELLULE_CHANNEL ?? '', text: `Nouveau repérage ${view.id}` });
});

app.action('case_take', async ({ ack, body, client }) => {
  await ack();
  const b = body as { channel?: { id: string }; message?: { ts: string } };
  await client.chat.update({ channel: b.channel?.id ?? '', ts: b.message?.ts ?? '', text: 'Pris en charge' });
});

const server = (await app.start({ port: Number(env.PORT ?? 0), host: '127.0.0.1' })) as Server;
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
