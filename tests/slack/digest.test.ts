import { afterEach, describe, expect, it } from 'vitest';
import { frDigest } from '../../src/i18n/fr.js';
import { CHANNELS, cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let h: Harness | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await database?.dispose();
  database = undefined;
});

const wednesdayW46 = new Date('2026-11-11T11:00:00Z');
const mondayAfter = new Date('2026-11-16T09:30:00Z'); // 10:30 in Paris, after the 09:00 schedule

const sundayW45 = new Date('2026-11-08T11:00:00Z');

/** Installed on a Sunday of W45 (first start), the app is given `count` referrals on Wednesday of W46. */
async function referDuringW46(count: number) {
  database = await createTestDatabase();
  let clock = sundayW45;
  h = await startHarness({ database, now: () => clock });
  // The first start publishes nothing of a week it saw only part of: neither W44 (caught up) nor W45 (begun).
  await h.app.jobs.weeklyDigest();
  await h.outboxDrained();
  expect(await h.app.db.prisma.digestRun.count()).toBe(0);
  clock = wednesdayW46;
  for (let i = 0; i < count; i += 1) {
    const viewId = await h.openIntake(USERS.teacher);
    await h.driver.submitView(viewId, intakeForm({}, wednesdayW46));
  }
  await h.slack.waitFor(() => h !== undefined && cardsIn(h.slack).length === count, 60_000, 'cards');
  clock = mondayAfter;
  await h.stop();
  h = undefined;
}

/** Digests of W46 in a channel. */
const digestsIn = (harness: Harness, channel: string) =>
  harness.slack
    .messagesIn(channel)
    .filter((m) => (m.text ?? '').startsWith('Synthèse hebdomadaire') && (m.text ?? '').includes('2026-W46'));

describe('weekly digests', () => {
  it('are sent once per group and week: on start after downtime, never again on restart or a second run', async () => {
    await referDuringW46(4);
    h = await startHarness({ database, now: () => mondayAfter });
    const harness = h;
    // Catch-up at start: the Monday schedule has passed and W46 was never sent.
    await harness.slack.waitFor(() => digestsIn(harness, CHANNELS.health).length === 1, 60_000, 'health digest');
    await harness.slack.waitFor(() => digestsIn(harness, CHANNELS.cellule).length === 1, 60_000, 'cellule digest');
    expect(digestsIn(harness, CHANNELS.schooling)).toHaveLength(1);
    expect(digestsIn(harness, CHANNELS.parenting)).toHaveLength(1);

    const health = JSON.stringify(digestsIn(harness, CHANNELS.health)[0]?.blocks);
    expect(health).toContain(frDigest.title(frDigest.audience.health));
    expect(health).toContain('Semaine 46');
    expect(health).toContain(`${frDigest.weekReferrals}*\\n4`);
    expect(health).not.toMatch(/PRE-\d{4}-\d{4}/);
    // October began before the install: no month's tables yet, and the digest says why.
    expect(health).toContain(frDigest.noMonth.slice(0, 40));
    const parenting = JSON.stringify(digestsIn(harness, CHANNELS.parenting)[0]?.blocks);
    expect(parenting).toContain(`${frDigest.weekReferrals}*\\n0`);
    // The picture follows the digest: a PNG drawn on the server, with a text that says every figure it shows.
    const chart = await harness.slack.waitFor(
      () => harness.slack.messagesIn(CHANNELS.health).find((m) => m.files?.length),
      60_000,
      'digest chart',
    );
    const file = harness.slack.files.get(chart.files?.[0]?.id ?? '');
    expect(file?.bytes?.subarray(1, 4).toString()).toBe('PNG');
    expect(file?.altText).toContain('Nouveaux repérages, semaine par semaine');
    expect(file?.altText).toContain('S46 : 4');

    await Promise.all([harness.app.jobs.weeklyDigest(), harness.app.jobs.weeklyDigest()]);
    await harness.stop();
    h = await startHarness({ database, now: () => mondayAfter });
    await h.app.jobs.weeklyDigest();
    await h.outboxDrained();
    const runs = await h.app.db.prisma.digestRun.findMany({ where: { isoWeek: '2026-W46' } });
    expect(runs.map((r) => `${r.audience}:${r.isoWeek}:${r.sequence}`).sort()).toEqual([
      'cellule:2026-W46:0',
      'health:2026-W46:0',
      'parenting:2026-W46:0',
      'schooling:2026-W46:0',
    ]);
    expect(await h.app.db.prisma.outboxMessage.count({ where: { dedupeKey: { contains: ':2026-W46:' } } })).toBe(7);
    // Four digests; a picture with each that has a bar to show (the parenting group's week is 0: none).
    expect(
      await h.app.db.prisma.outboxMessage.count({
        where: { dedupeKey: { startsWith: 'digest-chart:', contains: ':2026-W46:' } },
      }),
    ).toBe(3);
    // W45 began before the install (its Sunday): never published, whatever the restarts' catch-ups.
    expect(await h.app.db.prisma.digestRun.count({ where: { isoWeek: '2026-W45' } })).toBe(0);
    expect(digestsIn(h, CHANNELS.health)).toHaveLength(0); // this emulator is new: nothing was posted again
  });

  it('hides small counts and lets a coordinator preview any week privately and re-post deliberately', async () => {
    await referDuringW46(2);
    h = await startHarness({ database, now: () => mondayAfter });
    const harness = h;
    await harness.slack.waitFor(() => digestsIn(harness, CHANNELS.health).length === 1, 60_000, 'digest');
    const health = JSON.stringify(digestsIn(harness, CHANNELS.health)[0]?.blocks);
    // One figure is said, not listed (no lone bullet); a small count is "< 3".
    expect(health).toContain(`${frDigest.weekReferrals}*\\n< 3`);
    expect(health).toContain('S46 : < 3');
    // A picture whose only bar would be "< 3" shows nothing: none is sent.
    await h.outboxDrained();
    expect(harness.slack.messagesIn(CHANNELS.health).some((m) => m.files?.length)).toBe(false);

    const refused = await harness.driver.slashCommand(USERS.teacher, 'synthese');
    expect(refused.json?.text).toBe(frDigest.coordinatorOnly);
    expect((await harness.driver.slashCommand(USERS.coordinator, 'synthese 2026-W99')).json?.text).toBe(
      frDigest.badWeek,
    );
    await harness.driver.slashCommand(USERS.coordinator, 'synthese 2026-W46');
    const preview = await harness.slack.waitFor(() => harness.slack.callsTo('response_url')[0], 60_000, 'preview');
    expect(preview.args.response_type).toBe('ephemeral');
    expect(JSON.stringify(preview.args.blocks)).toContain(frDigest.title(frDigest.audience.cellule));
    // A preview goes to the coordinator alone: no channel received a second digest.
    expect(digestsIn(harness, CHANNELS.cellule)).toHaveLength(1);

    // Weeks as people write them.
    for (const week of ['S46', 'semaine 46', 's46']) {
      const before = harness.slack.callsTo('response_url').length;
      await harness.driver.slashCommand(USERS.coordinator, `synthese ${week}`);
      const answer = await harness.slack.waitFor(
        () => harness.slack.callsTo('response_url')[before],
        60_000,
        `preview ${week}`,
      );
      expect(String(answer.args.text)).toContain('2026-W46');
    }

    // The week under way: a preview says its figures are provisional.
    const before = harness.slack.callsTo('response_url').length;
    await harness.driver.slashCommand(USERS.coordinator, 'synthese S47');
    const current = await harness.slack.waitFor(() => harness.slack.callsTo('response_url')[before], 60_000, 'S47');
    expect(String(current.args.text)).toContain('2026-W47 — provisoire');
    expect(JSON.stringify(current.args.blocks)).toContain('Provisoire');

    // A deliberate re-post, after the data changed (the referrals now fall in another week): marked as one, it
    // quotes what was published, never a recomputation that would give hidden cells back by difference.
    await harness.app.db.prisma.referral.updateMany({ data: { referredAt: new Date('2026-11-03T10:00:00Z') } });
    await harness.driver.slashCommand(USERS.coordinator, 'synthese renvoyer semaine 46 sante');
    await harness.slack.waitFor(() => digestsIn(harness, CHANNELS.health).length === 2, 60_000, 'resent digest');
    const resent = await harness.app.db.prisma.digestRun.findFirstOrThrow({ where: { sequence: 1 } });
    expect(resent).toMatchObject({ audience: 'health', isoWeek: '2026-W46', requestedBy: USERS.coordinator });
    const [first, again] = digestsIn(harness, CHANNELS.health);
    expect(again?.text).toMatch(/ — republication$/);
    expect(JSON.stringify(again?.blocks)).toContain('Republication du');
    const figures = (m: typeof first) => JSON.stringify(m?.blocks).replace(/^.*?Semaine/, '');
    expect(figures(again)).toBe(figures(first));
    const original = await harness.app.db.prisma.digestRun.findFirstOrThrow({
      where: { sequence: 0, audience: 'health', isoWeek: '2026-W46' },
    });
    expect(resent.content).toEqual(original.content);
  });

  it('publish the last month over once, in the first digest after it, and quote it after that', async () => {
    database = await createTestDatabase();
    let clock = new Date('2026-09-27T11:00:00Z'); // a Sunday: installed before October
    h = await startHarness({ database, now: () => clock });
    clock = new Date('2026-10-14T10:00:00Z');
    for (let i = 0; i < 4; i += 1) {
      const viewId = await h.openIntake(USERS.teacher);
      await h.driver.submitView(viewId, intakeForm({}, clock));
    }
    const harness = h;
    await harness.slack.waitFor(() => cardsIn(harness.slack).length === 4, 60_000, 'cards');
    // Monday 9 November, after the schedule: the catch-up posts W45 (2–8 November), the first week after October.
    clock = new Date('2026-11-09T09:30:00Z');
    await harness.app.jobs.weeklyDigest();
    await harness.outboxDrained();
    const w45 = harness.slack.messagesIn(CHANNELS.health).find((m) => (m.text ?? '').includes('2026-W45'));
    const blocks = JSON.stringify(w45?.blocks);
    expect(blocks).toContain(frDigest.monthHeading('octobre 2026'));
    // All four children are 6–10: a breakdown with one row that is not empty would say it of each one.
    expect(blocks).toContain(`${frDigest.byAgeBand}*\\n${frDigest.withdrawn}`);
    expect(blocks).toContain(`${frDigest.monthlyTrend}*\\n${frDigest.monthShort('2026-10')} : 4`);
    // The week after quotes October as it went out.
    clock = new Date('2026-11-16T09:30:00Z');
    await harness.app.jobs.weeklyDigest();
    await harness.outboxDrained();
    const runs = await harness.app.db.prisma.digestRun.findMany({
      where: { audience: 'health' },
      orderBy: { isoWeek: 'asc' },
    });
    const months = runs.map((r) => (r.content as { month?: unknown }).month);
    expect(months).toHaveLength(2);
    expect(months[1]).toEqual(months[0]);
    harness.assertSlackWouldAccept();
  });
});
