import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import { parseSchoolYear } from '../../src/domain/annual-return.js';
import { schoolYearOf } from '../../src/domain/dates.js';
import { frDuplicates } from '../../src/i18n/fr.js';
import { loadLists } from '../../src/lists-file.js';
import { actions, intakeBlocks as ib } from '../../src/slack/ids.js';
import { duplicateBlocks } from '../../src/slack/views/duplicates.js';
import { computeAnnualReturn } from '../../src/store/annual-return.js';
import { opened } from '../support/case-flows.js';
import { birthDateOfNineYearOld, cardsIn, intakeForm, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

/** A referral with the family's agreement, for this child. */
async function refer(firstName: string, lastName: string, birthDate: string) {
  const before = cardsIn(h.slack).length;
  const view = await h.openIntake(USERS.teacher);
  await h.driver.submitView(
    view,
    intakeForm({ [ib.childFirstName]: firstName, [ib.childLastName]: lastName, [ib.birthDate]: birthDate }),
  );
  await h.slack.waitFor(() => cardsIn(h.slack).length > before, 60_000, 'card');
  const row = await h.app.db.prisma.referral.findFirstOrThrow({ orderBy: { sequence: 'desc' } });
  return row.reference;
}

/** The duplicate notices the coordinator received, newest last. */
const notices = () =>
  h.slack.messagesIn(`D${USERS.coordinator.slice(1)}`).filter((m) => m.text?.startsWith('Doublon possible'));

describe('the same child oriented twice', () => {
  it('is found by keyed hashes, merged into the existing case (counted once), or kept apart with a reason', async () => {
    h = await startHarness();
    const prisma = h.app.db.prisma;
    const born = birthDateOfNineYearOld();
    const first = await refer('Lucas', 'Martin', born);
    // Another child: another name, or the same name born years apart — nobody is told.
    await refer('Inès', 'Martin', born);
    await refer('Lucas', 'Martin', `${Number(born.slice(0, 4)) - 3}${born.slice(4)}`);
    await h.outboxDrained();
    expect(notices()).toHaveLength(0);
    // Nothing nominative is stored for the match: keyed hashes, not the name.
    const keys = await prisma.identityKeys.findMany();
    expect(keys).toHaveLength(3);
    expect(JSON.stringify(keys)).not.toMatch(/lucas|martin/i);

    // The same child again, typed otherwise: the coordinators (no référent yet) are told, by reference only.
    const again = await refer('MARTIN', 'lucas', born);
    const notice = await h.slack.waitFor(() => notices()[0], 60_000, 'duplicate notice');
    expect(notice.text).toBe(frDuplicates.fallback(again));
    expect(JSON.stringify(notice.blocks)).toContain(frDuplicates.candidate(first, true));
    expect(JSON.stringify(notice.blocks)).not.toMatch(/lucas/i);

    // Someone who is not on the case cannot merge it.
    await prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
    await h.driver.clickButton(USERS.team, notice, actions.duplicateMerge);
    const refusal = await h.slack.waitFor(() => h.slack.accepted('response_url').at(-1), 60_000, 'answer');
    expect(JSON.stringify(refusal.args)).toContain(frDuplicates.notAllowed);
    expect((await prisma.referral.findFirstOrThrow({ where: { reference: again } })).mergedInto).toBeNull();

    const counted = async () => {
      const year = parseSchoolYear(schoolYearOf(new Date(), 'Europe/Paris'), 'Europe/Paris');
      if (!year) throw new Error('no school year');
      const data = await computeAnnualReturn(prisma, {
        schoolYear: year.id,
        start: year.start,
        end: year.end,
        lists: loadLists(DEFAULT_LISTS_FILE),
      });
      return data.tables.activity.find((r) => r.key === 'referred')?.value;
    };
    expect(await counted()).toBe(4);
    // The coordinator merges it: closed into the first case, its history kept, counted once.
    const answers = h.slack.accepted('response_url').length;
    await h.driver.clickButton(USERS.coordinator, notice, actions.duplicateMerge);
    const merged = await h.slack.waitFor(() => h.slack.accepted('response_url')[answers], 60_000, 'merged');
    expect(JSON.stringify(merged.args)).toContain(frDuplicates.merged(again, first));
    const row = await prisma.referral.findFirstOrThrow({ where: { reference: again } });
    const target = await prisma.referral.findFirstOrThrow({ where: { reference: first } });
    expect(row).toMatchObject({ status: 'closed', mergedInto: target.id, closureReason: null });
    expect(await prisma.caseEvent.count({ where: { referralId: row.id } })).toBe(2);
    expect(await counted()).toBe(3);
    await h.slack.waitFor(
      () => h.slack.threadOf(String(target.cardChannel), String(target.cardTs)).some((m) => m.text?.includes(again)),
      60_000,
      'line in the first case’s thread',
    );
    // The referrer of the merged referral is not told it closed: the child is still followed.
    const toTeacher = h.slack.messagesIn(`D${USERS.teacher.slice(1)}`).map((m) => m.text ?? '');
    expect(toTeacher.filter((t) => t.includes(again) && /clos/.test(t))).toEqual([]);

    // Twins: the same name and birth date, kept apart (and linked as siblings, which stops the notices).
    const twin = await refer('Lucas', 'Martin', born);
    const second = await h.slack.waitFor(() => notices()[1], 60_000, 'second notice');
    expect(JSON.stringify(second.blocks)).toContain(frDuplicates.candidate(first, true));
    expect(JSON.stringify(second.blocks)).not.toContain(frDuplicates.candidate(again, true));
    const keep = await opened(h, () => h.driver.clickButton(USERS.coordinator, second, actions.duplicateKeep));
    await h.driver.submitView(keep.id, { [duplicateBlocks.reason]: 'twins' });
    const twinRow = await prisma.referral.findFirstOrThrow({ where: { reference: twin } });
    const links = await prisma.caseLink.findMany({ where: { OR: [{ aId: twinRow.id }, { bId: twinRow.id }] } });
    expect(links.map((l) => [l.kind, l.reason]).sort()).toEqual([
      ['distinct', 'twins'],
      ['sibling', 'twins'],
    ]);
    expect(await counted()).toBe(4);
  });
});
