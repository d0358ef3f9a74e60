import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, callbacks, caseModals, intakeBlocks } from '../../src/slack/ids.js';
import { catalogueBlocks } from '../../src/slack/views/catalogue-modal.js';
import { memberBlocks } from '../../src/slack/views/members-modal.js';
import { cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * Hostile and malformed input: whatever arrives correctly signed, the app answers without a 5xx and without a
 * crash, and what it rejects changes nothing in the database.
 */
let h: Harness;
let counts: () => Promise<number[]>;
/** The one case's reference, as the app numbered it today (never a year written into the test). */
let reference = '';
beforeAll(async () => {
  h = await startHarness();
  await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
  const viewId = await h.openIntake(USERS.teacher);
  await h.driver.submitView(viewId, intakeForm());
  await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
  reference = (await h.app.db.prisma.referral.findFirstOrThrow()).reference;
  const p = h.app.db.prisma;
  // The intake's work after Slack's answer ends with the referrer's details remembered (the card may come first,
  // sent at once): the counts below start from there.
  const deadline = Date.now() + 60_000;
  while ((await p.member.count({ where: { slackUserId: USERS.teacher } })) === 0) {
    if (Date.now() > deadline) throw new Error('the referrer’s details were never remembered');
    await new Promise((r) => setTimeout(r, 50));
  }
  counts = () =>
    Promise.all([
      p.referral.count(),
      p.caseEvent.count(),
      p.sensitiveValue.count(),
      p.member.count(),
      p.catalogueAction.count(),
      p.programmeList.count(),
      p.programmeSetting.count(),
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
    'dossier PRE-9999-0001',
    'acces',
    'membres',
    'catalogue',
    'synthese renvoyer 2026-W99 lune',
    '\u0000\u202e',
    'x'.repeat(5000),
  ),
);
/**
 * Button values: junk, and near misses of the real case's (a stale or impossible version, another year, no
 * version). Never the card's own current value: from a member of the team that is a legitimate click.
 */
const value = () =>
  fc.oneof(
    text,
    fc.constantFrom(
      `${reference}@999`,
      `${reference}@0`,
      `${reference}@-1`,
      `${reference}@1.5`,
      reference,
      `${reference.replace(/^PRE-\d{4}/, 'PRE-1999')}@1`,
      `${reference}@1@1`,
      '@',
    ),
  );
/** Everyone: hostile values must be stopped by validation, not only by a missing role. */
const anyone = fc.constantFrom(USERS.teacher, USERS.group, USERS.team, USERS.coordinator);
/** Block ids the app's modals really have, and random ones. */
const knownBlockIds: string[] = [
  ...Object.values(intakeBlocks),
  ...Object.values(catalogueBlocks),
  ...Object.values(memberBlocks),
];
const blockId = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...knownBlockIds));
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
      fc.asyncProperty(text, anyone, async (t, user) => {
        const res = await h.driver.slashCommand(user, t);
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
        value(),
        anyone,
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
      callbacks.settingEdit,
      callbacks.listEntry,
      callbacks.reflectionGroup,
      ...Object.values(caseModals),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...callbackIds),
        fc.dictionary(blockId, fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constant('value')), junk)),
        fc.oneof(value(), junk),
        anyone,
        async (callbackId, values, metadata, user) => {
          const payload = {
            type: 'view_submission',
            team: { id: 'TPRE0001' },
            user: { id: user },
            trigger_id: h.slack.mintTrigger(user),
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
