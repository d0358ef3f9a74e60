import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, callbacks, caseModals } from '../../src/slack/ids.js';
import { cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * Hostile and malformed input: whatever arrives correctly signed, the app answers without a 5xx and without a
 * crash, and what it rejects changes nothing in the database.
 */
let h: Harness;
let counts: () => Promise<number[]>;
beforeAll(async () => {
  h = await startHarness();
  await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
  const viewId = await h.openIntake(USERS.teacher);
  await h.driver.submitView(viewId, intakeForm());
  await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
  const p = h.app.db.prisma;
  counts = () =>
    Promise.all([
      p.referral.count(),
      p.caseEvent.count(),
      p.sensitiveValue.count(),
      p.member.count(),
      p.catalogueAction.count(),
    ]);
});
afterAll(async () => {
  await h?.stop();
});

const text = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '',
    'aide',
    'dossier',
    'dossier PRE-1999-0001',
    'dossier PRE-2026-99999',
    'acces',
    'membres',
    'catalogue',
    'synthese renvoyer 2026-W99 lune',
    '\u0000\u202e',
    'x'.repeat(5000),
  ),
);
const value = fc.oneof(
  text,
  fc.constantFrom('PRE-2026-0001@1', 'PRE-2026-0001@999', 'PRE-1999-0001@1', 'PRE-2026-0001', '@', 'PRE-2026-0001@-1'),
);
const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
);

describe('hostile input', () => {
  it('slash command texts never crash the app', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const res = await h.driver.slashCommand(USERS.teacher, t);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    expect(await counts()).toEqual(before);
  });

  it('block actions with wrong values or shapes are answered and change nothing', async () => {
    const card = cardsIn(h.slack)[0];
    if (!card) throw new Error('no card');
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.values(actions)),
        value,
        fc.constantFrom(USERS.teacher, USERS.group),
        junk,
        async (actionId, v, user, extra) => {
          const payload = h.driver.blockActionsPayload(user, card, actions.viewFile);
          const [action] = payload.actions as Record<string, unknown>[];
          Object.assign(action ?? {}, { action_id: actionId, value: v, extra });
          const res = await h.driver.send(h.driver.interactiveBody(payload));
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect(await counts()).toEqual(before);
  });

  it('view submissions with wrong types, missing fields or huge strings get an answer and change nothing', async () => {
    const before = await counts();
    const callbackIds = [
      callbacks.intake,
      callbacks.fileReason,
      callbacks.members,
      callbacks.catalogue,
      ...Object.values(caseModals),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...callbackIds),
        fc.dictionary(fc.string({ maxLength: 20 }), fc.dictionary(fc.string({ maxLength: 10 }), junk)),
        fc.oneof(value, junk),
        async (callbackId, values, metadata) => {
          const payload = {
            type: 'view_submission',
            team: { id: 'TPRE0001' },
            user: { id: USERS.teacher },
            trigger_id: h.slack.mintTrigger(USERS.teacher),
            view: {
              id: 'VFUZZ',
              type: 'modal',
              callback_id: callbackId,
              private_metadata: metadata,
              state: { values },
            },
          };
          const res = await h.driver.send(h.driver.interactiveBody(payload));
          expect(res.status).toBeLessThan(500);
          if (res.json?.response_action) expect(['errors', 'update']).toContain(res.json.response_action);
        },
      ),
      { numRuns: 60 },
    );
    expect(await counts()).toEqual(before);
  });

  it('bodies that are not Slack payloads at all are refused without a 5xx', async () => {
    for (const body of ['payload=not-json', 'payload={"type":42}', 'x=1', '', 'payload=%7B%7D']) {
      const res = await h.driver.send(body);
      expect(res.status, body).toBeLessThan(500);
    }
  });
});
