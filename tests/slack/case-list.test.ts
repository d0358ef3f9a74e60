import { afterEach, describe, expect, it } from 'vitest';
import { fr, frCaseList } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { caseListBlocks as b } from '../../src/slack/views/case-list.js';
import { ACCESS_REASON_BLOCK } from '../../src/slack/views/modals.js';
import { opened } from '../support/case-flows.js';
import { cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';
import { generateCases, insertCases } from '../support/seed-cases.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

/** The references a list modal shows, in order. */
const referencesIn = (view: unknown) =>
  [...JSON.stringify(view).matchAll(/"value":"(PRE-\d{4}-\d{4,6})"/g)].map((m) => String(m[1]));

describe('/reperage dossiers', () => {
  it('lists the open cases by filter, with counts, page by page, each leading to its file', async () => {
    h = await startHarness();
    const prisma = h.app.db.prisma;
    await prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    await insertCases(
      prisma,
      generateCases(60, { seed: 27, from: new Date('2026-09-01'), to: new Date('2026-11-20') }),
      100,
    );
    const intake = await h.openIntake(USERS.teacher);
    await h.driver.submitView(intake, intakeForm());
    await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');

    // Level 2, for the team and the coordinators only.
    const refused = await opened(h, () => h.driver.slashCommand(USERS.teacher, 'dossiers'));
    expect(refused.text).toContain(frCaseList.teamOnly);

    const open = await prisma.referral.findMany({
      where: { status: { not: 'closed' }, erasedAt: null },
      orderBy: [{ referredAt: 'asc' }, { sequence: 'asc' }],
    });
    const list = await opened(h, () => h.driver.slashCommand(USERS.team, 'dossiers'));
    expect(list.text).toContain(frCaseList.counts(open.length, '').slice(0, 12));
    // Page after page, every open case once, oldest first.
    const seen: string[] = [];
    for (let page = 0; page < 10; page += 1) {
      const view = h.slack.views.get(list.id)?.view;
      seen.push(...referencesIn(view).filter((r, i, all) => all.indexOf(r) === i));
      if (!JSON.stringify(view).includes(actions.caseListNext)) break;
      const before = h.slack.accepted('views.update').length;
      await h.driver.clickInView(USERS.team, list.id, actions.caseListNext);
      await h.slack.waitFor(() => h.slack.accepted('views.update')[before], 60_000, 'next page');
    }
    expect(seen).toEqual(open.map((r) => r.reference));

    // A filter: the school and axis of the case just referred; every case shown matches, counts say how many.
    const filtered = await h.driver.submitView(list.id, { [b.school]: 'elem-condorcet', [b.axis]: 'health' });
    const matching = open.filter((r) => r.schoolId === 'elem-condorcet' && r.axes.includes('health'));
    expect(referencesIn(filtered.json?.view)).toEqual(matching.slice(0, 20).map((r) => r.reference));
    const byStatus = new Map<string, number>();
    for (const r of matching) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    const shown = JSON.stringify(filtered.json?.view);
    expect(shown).toContain(`*${matching.length} dossier`);
    for (const [status, n] of byStatus)
      expect(shown).toContain(frCaseList.countPart(fr.status[status as 'referred'], n));
    // Nothing named: references, steps, référents, schools, axes.
    expect(shown).not.toMatch(/Lucas|Martin|2017-/);

    // Each case links to its card in the cellule's channel (its permalink, asked once the card was posted).
    await h.outboxDrained();
    const linked = await prisma.referral.findFirstOrThrow({ where: { cardPermalink: { not: null } } });
    expect(linked.cardPermalink).toMatch(/^https:\/\/pre-aubervilliers\.slack\.com\/archives\/C\w+\/p\d+$/);
    const relisted = await opened(h, () => h.driver.slashCommand(USERS.team, 'dossiers'));
    const lastPage = await h.driver.submitView(relisted.id, { [b.school]: 'elem-condorcet', [b.axis]: 'health' });
    expect(JSON.stringify(lastPage.json?.view)).toContain(`<${linked.cardPermalink}|${linked.reference}>`);

    // The file, after a reason, pushed over the list.
    const fresh = open.at(-1)?.reference ?? '';
    const pushes = h.slack.accepted('views.push').length;
    await h.driver.clickInView(USERS.coordinator, list.id, actions.caseListOpen, fresh);
    const file = await h.slack.waitFor(() => h.slack.accepted('views.push')[pushes], 60_000, 'file pushed');
    expect(String(file.args.view)).toContain(ACCESS_REASON_BLOCK);
  });
});
