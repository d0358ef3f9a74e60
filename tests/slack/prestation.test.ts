import { afterEach, describe, expect, it } from 'vitest';
import { weekContaining } from '../../src/domain/iso-week.js';
import { fr, frCase } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { parseEuros } from '../../src/slack/listeners/views/case-forms/orientation.js';
import { caseBlocks as cb } from '../../src/slack/views/case-modals.js';
import { computePeriodStats } from '../../src/store/digest-stats.js';
import { agree, cardAt, openForm } from '../support/case-flows.js';
import { CHANNELS, cardsIn, intakeForm, parisToday, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

/** A case examined by the team member, the family's agreement recorded (covering the IEN): card at v3. */
async function agreedCase() {
  h = await startHarness();
  await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });
  const viewId = await h.openIntake(USERS.teacher);
  await h.driver.submitView(viewId, intakeForm());
  const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
  await h.driver.clickButton(USERS.team, card, actions.takeCase);
  await cardAt(h, card, 2);
  await agree(h, card, parisToday());
  return card;
}

describe('euros as people type them', () => {
  it.each([
    ['120', 12_000],
    ['85,50', 8_550],
    ['1 200 €', 120_000],
    ['0,5', 50],
  ])('reads %s', (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });
  it.each(['', 'abc', '12,345', '-5', '1e3', '12.5.0'])('refuses %j', (text) => {
    expect(parseEuros(text)).toBeUndefined();
  });
});

describe('orientation to a prestation individuelle, and besoins non couverts', () => {
  it('records a prestation with its cost and funder beside a catalogue action, and a need nothing answers', async () => {
    const card = await agreedCase();
    const today = parisToday();
    const form = await openForm(h, USERS.team, card, actions.orient);

    // Nothing chosen: one clear message, nothing recorded.
    const empty = await h.driver.submitView(form, { [cb.date]: today });
    expect(empty.json?.errors).toEqual({ [cb.actions]: frCase.modal.chooseSomething });
    // A kind without its cost and funder; a cost that is not an amount; a cost without a kind.
    expect(
      (await h.driver.submitView(form, { [cb.prestation]: 'psychomotricite', [cb.date]: today })).json?.errors,
    ).toEqual({
      [cb.prestationCost]: frCase.modal.prestationIncomplete,
      [cb.prestationFunder]: frCase.modal.prestationIncomplete,
    });
    expect(
      (
        await h.driver.submitView(form, {
          [cb.prestation]: 'psychomotricite',
          [cb.prestationCost]: 'cent euros',
          [cb.prestationFunder]: 'commune',
          [cb.date]: today,
        })
      ).json?.errors,
    ).toEqual({ [cb.prestationCost]: frCase.modal.costInvalid });
    // Slack keeps what was typed between attempts: the prestation is unselected here, the rest stays.
    expect(
      (await h.driver.submitView(form, { [cb.prestation]: undefined, [cb.prestationCost]: '120', [cb.date]: today }))
        .json?.errors,
    ).toEqual({
      [cb.prestation]: frCase.modal.prestationMissing,
    });
    expect(await h.app.db.prisma.orientation.count()).toBe(0);

    const done = await h.driver.submitView(form, {
      [cb.actions]: ['clubs-lecture'],
      [cb.prestation]: 'psychomotricite',
      [cb.prestationCost]: '85,50',
      [cb.prestationFunder]: 'commune',
      [cb.uncoveredNeeds]: ['parenting'],
      [cb.date]: today,
    });
    expect(done.json).toBeUndefined();
    await cardAt(h, card, 4);
    const rows = await h.app.db.prisma.orientation.findMany({ orderBy: { createdAt: 'asc' } });
    expect(
      rows
        .map((o) => [o.actionId, o.prestationType, o.prestationAxis, o.costCents, o.funder, o.status])
        .sort((a) => (a[0] ? -1 : 1)),
    ).toEqual([
      ['clubs-lecture', null, null, null, null, 'proposed'],
      [null, 'psychomotricite', 'health', 8_550, 'commune', 'proposed'],
    ]);
    const shown = JSON.stringify(card.blocks);
    expect(shown).toContain('Clubs Lecture — proposée');
    expect(shown).toContain(`${frCase.prestationTitle('Séances de psychomotricité')} — proposée`);
    // The thread says what was decided, and the need nothing answers, at level 2.
    await h.outboxDrained();
    const line = h.slack.messages.find(
      (m) => m.channel === CHANNELS.cellule && m.thread_ts && m.text?.includes('a orienté vers'),
    );
    expect(line?.text).toContain(`a noté un besoin non couvert : ${fr.axis.parenting}`);
    expect(line?.text).toContain(frCase.prestationTitle('Séances de psychomotricité'));

    // The prestation is followed like any orientation: it starts.
    const progress = await openForm(h, USERS.team, card, actions.progress);
    const prestation = rows.find((o) => o.prestationType);
    await h.driver.submitView(progress, { [cb.orientation]: prestation?.id, [cb.step]: 'start', [cb.date]: today });
    await cardAt(h, card, 5);
    expect(JSON.stringify(card.blocks)).toContain(`${frCase.prestationTitle('Séances de psychomotricité')} — en cours`);

    // The week's figures count the need on its axis, for the parenting group and the cellule.
    const current = weekContaining(new Date(), 'Europe/Paris');
    const group = await computePeriodStats(h.app.db.prisma, {
      audience: 'parenting',
      from: current.start,
      to: current.end,
    });
    expect(group.uncoveredNeeds).toEqual({ parenting: 1 });
    const cellule = await computePeriodStats(h.app.db.prisma, {
      audience: 'cellule',
      from: current.start,
      to: current.end,
    });
    expect(cellule.uncoveredNeeds).toEqual({ schooling: 0, parenting: 1, health: 0 });
  });

  it('records a besoin non couvert alone without orienting the child anywhere', async () => {
    const card = await agreedCase();
    const today = parisToday();
    const form = await openForm(h, USERS.team, card, actions.orient);
    await h.driver.submitView(form, { [cb.uncoveredNeeds]: ['schooling', 'health'], [cb.date]: today });
    await cardAt(h, card, 4);
    expect(await h.app.db.prisma.orientation.count()).toBe(0);
    const row = await h.app.db.prisma.referral.findFirstOrThrow();
    expect(row.status).toBe('in_analysis');
    const event = await h.app.db.prisma.caseEvent.findFirstOrThrow({ where: { type: 'orient' } });
    expect(event.details).toMatchObject({ actionIds: [], uncoveredNeeds: ['schooling', 'health'] });
  });
});
