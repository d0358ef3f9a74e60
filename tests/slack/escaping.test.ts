import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import { operatorScopeKey } from '../../src/domain/pathway.js';
import { actions, intakeBlocks, sheetAnswers } from '../../src/slack/ids.js';
import { caseBlocks as cb } from '../../src/slack/views/case-modals.js';
import { operatorBlocks } from '../../src/slack/views/catalogue-modal.js';
import { sheetBlocks } from '../../src/slack/views/liaison-sheet.js';
import { agree, cardAt, opened, openForm, openHome } from '../support/case-flows.js';
import { CHANNELS, cardsIn, intakeForm, parisToday, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
let dir: string | undefined;
afterEach(async () => {
  await h?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What a coordinator or an IT person could type into a title or a label, meaning well or not. */
const PLANTED = ' <!channel> <@UPLANTED1> <#CPLANTED1> & <b';
/** None of these may reach Slack raw where Slack reads mrkdwn (a message's `text`, a mrkdwn block). */
const RAW = ['<!channel>', '<@UPLANTED1>', '<#CPLANTED1>', ' & ', '<b'];

/** Every label of the lists file, planted (cut to stay within a label's 75 characters). */
function plantedLists(dir: string): string {
  const plant = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(plant);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          k === 'label' && typeof v === 'string' ? `${v.slice(0, 75 - PLANTED.length)}${PLANTED}` : plant(v),
        ]),
      );
    }
    return value;
  };
  const file = join(dir, 'lists.json');
  writeFileSync(file, JSON.stringify(plant(JSON.parse(readFileSync(DEFAULT_LISTS_FILE, 'utf8')))));
  return file;
}

/** The texts Slack reads as mrkdwn in one payload: `text` arguments and mrkdwn text objects, wherever they are. */
function mrkdwnTexts(value: unknown, out: string[] = [], key = ''): string[] {
  if (typeof value === 'string') {
    if (key === 'view' || key === 'blocks') {
      try {
        mrkdwnTexts(JSON.parse(value), out);
      } catch {
        // not JSON: not a view
      }
    }
    return out;
  }
  if (Array.isArray(value)) {
    for (const v of value) mrkdwnTexts(v, out);
    return out;
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.type === 'plain_text') return out;
    if (typeof o.text === 'string' && (o.type === 'mrkdwn' || o.type === undefined)) out.push(o.text);
    for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') mrkdwnTexts(v, out, k);
  }
  return out;
}

describe('data in what the app sends is escaped wherever Slack reads mrkdwn', () => {
  it('plants mentions, a channel ping and HTML characters in every title and label, and finds them escaped in every text and block', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pre-escaping-'));
    h = await startHarness({ env: { PRE_LISTS_FILE: plantedLists(dir) } });
    const ACTION = 'parrainage-etudiant';
    await h.app.db.prisma.catalogueAction.update({
      where: { id: ACTION },
      data: { title: `Parrainage${PLANTED}` },
    });
    await h.app.db.prisma.member.create({ data: { slackUserId: USERS.team, roles: ['team'] } });

    const viewId = await h.openIntake(USERS.teacher);
    await h.driver.submitView(viewId, intakeForm({ [intakeBlocks.childFirstName]: 'Lina' }));
    const card = await h.slack.waitFor(() => cardsIn(h.slack)[0], 60_000, 'card');
    await h.driver.clickButton(USERS.team, card, actions.takeCase);
    await cardAt(h, card, 2);
    const AFEV = operatorScopeKey('AFEV');
    await agree(h, card, parisToday(), { [cb.scope]: [operatorScopeKey('IEN'), AFEV] });
    const form = await openForm(h, USERS.team, card, actions.orient);
    await h.driver.submitView(form, { [cb.actions]: [ACTION], [cb.date]: parisToday() });
    await cardAt(h, card, 4);

    const catalogue = await opened(h, () => h.driver.slashCommand(USERS.coordinator, 'catalogue'));
    const pushes = h.slack.accepted('views.push').length;
    await h.driver.clickInView(USERS.coordinator, catalogue.id, actions.operatorConfigure, AFEV);
    const pushed = await h.slack.waitFor(() => h.slack.accepted('views.push')[pushes], 60_000, 'operator form');
    await h.driver.submitView(String((pushed.response.view as { id: string }).id), {
      [operatorBlocks.channel]: CHANNELS.afev,
      [operatorBlocks.referents]: [USERS.afev],
    });
    const sheet = await h.slack.waitFor(() => h.slack.messagesIn(CHANNELS.afev)[0], 60_000, 'liaison sheet');
    const start = await opened(h, () => h.driver.clickButton(USERS.afev, sheet, sheetAnswers.start.button));
    await h.driver.submitView(start.id, { [sheetBlocks.date]: parisToday() });
    await cardAt(h, card, 5);
    await openHome(h, USERS.team);
    await openHome(h, USERS.afev);
    await h.outboxDrained();

    // The planted title did reach Slack (escaped), so the scan below looked at the right things.
    const sent = h.slack.calls.filter((c) => c.status === 200);
    const texts = sent.flatMap((c) => mrkdwnTexts(c.args).map((t) => ({ method: c.method, t })));
    expect(texts.some(({ t }) => t.includes('Parrainage &lt;!channel&gt;'))).toBe(true);
    expect(texts.some(({ method, t }) => method === 'chat.postMessage' && t.includes('&amp;'))).toBe(true);
    const raw = texts.filter(({ t }) => RAW.some((r) => t.includes(r))).map(({ method, t }) => `${method}: ${t}`);
    expect(raw).toEqual([]);
  });
});
