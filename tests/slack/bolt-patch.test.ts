import { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { acknowledgeEveryRequest } from '../../src/slack/bolt-patch.js';
import { USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

/** A button click whose action id no listener takes (a card drawn by an older version, say). */
const unmatchedClick = {
  type: 'block_actions',
  team: { id: 'T1' },
  user: { id: 'U1' },
  actions: [{ type: 'button', action_id: 'an_action_no_version_has', block_id: 'b', action_ts: '1' }],
};

/** A bare Bolt app that never calls Slack (its identity given, so no auth.test). */
function bareApp(): App {
  return new App({ token: 'xoxb-bare', botId: 'B1', botUserId: 'UBOT', signingSecret: 'bare-secret-123' });
}

async function acksOf(app: App, body: unknown): Promise<unknown[]> {
  const acks: unknown[] = [];
  await app.processEvent({ body: body as Record<string, unknown>, ack: async (response) => void acks.push(response) });
  return acks;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('the patch on Bolt (src/slack/bolt-patch.ts)', () => {
  it('is still needed: Bolt leaves a request no listener takes unacknowledged', async () => {
    // The day this fails, Bolt acknowledges unmatched requests itself: remove the patch.
    expect(await acksOf(bareApp(), unmatchedClick)).toEqual([]);
  });

  it('acknowledges an unmatched request once, and leaves a matched one to its listener', async () => {
    const app = bareApp();
    app.action('known', async ({ ack }) => ack());
    acknowledgeEveryRequest(
      app,
      () => true,
      () => 'never',
    );
    expect(await acksOf(app, unmatchedClick)).toEqual([undefined]);
    const known = { ...unmatchedClick, actions: [{ ...unmatchedClick.actions[0], action_id: 'known' }] };
    expect(await acksOf(app, known)).toHaveLength(1);
  });

  it('answers for the app while Slack is not reached, without running a listener', async () => {
    const app = bareApp();
    let ran = false;
    app.action('known', async ({ ack }) => {
      ran = true;
      await ack();
    });
    acknowledgeEveryRequest(
      app,
      () => false,
      () => 'later',
    );
    const known = { ...unmatchedClick, actions: [{ ...unmatchedClick.actions[0], action_id: 'known' }] };
    expect(await acksOf(app, known)).toEqual(['later']);
    expect(ran).toBe(false);
  });

  it('in the app, through the real receiver: a click no listener takes gets 200 at once, not a timeout', async () => {
    h = await startHarness();
    const payload = { ...unmatchedClick, user: { id: USERS.teacher } };
    const answer = await h.driver.send(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    expect(answer.status).toBe(200);
    expect(h.logs.join('\n')).not.toContain('not acknowledged');
  });
});
