// The one place the app changes Bolt's behaviour beyond its options. Bolt for JavaScript has no hook for a request
// that no listener takes (a body of no known type, an action id the app no longer has): it leaves it unacknowledged
// and its receiver answers only when Slack's 3 s have run out, logging a missing ack(); Slack then shows the user an
// error. Bolt for Java has an `unmatchedRequestHandler` for this; the JavaScript one does not (slackapi/bolt-js#860,
// where the request is tracked upstream). So App.processEvent — the public method every receiver calls with the
// request and its ack — is wrapped: a request no listener acknowledged is acknowledged once the listeners are done,
// and a request that comes before Slack accepted the token is answered here (nothing can be opened or posted yet).
// tests/slack/bolt-patch.test.ts fails the day Bolt stops calling processEvent or starts acknowledging unmatched
// requests itself (then this module can go).
import type { App, ReceiverEvent } from '@slack/bolt';

/** An answer for a request received while Slack cannot be reached (undefined: acknowledge it with nothing). */
export type WhileUnreachable = (body: Record<string, unknown>) => unknown;

export function acknowledgeEveryRequest(app: App, slackReached: () => boolean, whileUnreachable: WhileUnreachable) {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    if (!slackReached()) return event.ack(whileUnreachable(event.body));
    let acked = false;
    await processEvent({
      ...event,
      ack: (response) => {
        acked = true;
        return event.ack(response);
      },
    });
    if (!acked) await event.ack();
  };
}
