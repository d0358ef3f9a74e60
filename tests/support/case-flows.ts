import { expect } from 'vitest';
import { frCase } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { caseBlocks as cb } from '../../src/slack/views/case-modals.js';
import type { FormValue } from '../../src/slack-emulator/driver.js';
import type { StoredMessage } from '../../src/slack-emulator/emulator.js';
import { agreementAnswer, USERS } from './fixtures.js';
import type { Harness } from './harness.js';

/** Waits until the card shows `version` (its buttons carry it). */
export async function cardAt(h: Harness, card: StoredMessage, version: number) {
  await h.slack.waitFor(() => JSON.stringify(card.blocks).includes(`@${version}"`), 60_000, `card v${version}`);
}

/** Does `action` (a click, a command) and returns the view it opened: its id and what it says. */
export function opened(h: Harness, action: () => Promise<unknown>, what = 'views.open') {
  return h.slack.opened(action, what);
}

/** Clicks a card button that opens a form, and returns the form's view id. */
export async function openForm(h: Harness, user: string, card: StoredMessage, actionId: string): Promise<string> {
  return (await opened(h, () => h.driver.clickButton(user, card, actionId), `form ${actionId}`)).id;
}

/** Opens `userId`'s App Home and returns what it shows, as JSON. */
export async function openHome(h: Harness, userId: string) {
  const before = h.slack.accepted('views.publish').length;
  const res = await h.driver.event({ type: 'app_home_opened', user: userId, channel: 'D1', tab: 'home' });
  expect(res.status).toBe(200);
  await h.slack.waitFor(() => h.slack.accepted('views.publish').length > before, 60_000, 'views.publish');
  return JSON.stringify(h.slack.homeViews.get(userId));
}

/** The version a card shows (its buttons carry it). */
export function cardVersion(card: StoredMessage): number {
  return Number(/@(\d+)"/.exec(JSON.stringify(card.blocks))?.[1] ?? 0);
}

/**
 * The team member records the family's agreement — written, covering IEN, unless `extra` says otherwise. A referral
 * made with the family's agreement has it in force already: the team completes it (one record). A situation à
 * examiner has none: the team asks for it, then records the answer (two records).
 */
export async function agree(h: Harness, card: StoredMessage, today: string, extra: Record<string, FormValue> = {}) {
  const version = cardVersion(card);
  if (JSON.stringify(card.blocks).includes(frCase.consentToComplete)) {
    const form = await openForm(h, USERS.team, card, actions.consent);
    await h.driver.submitView(form, {
      [cb.givenAction]: 'update',
      [cb.date]: today,
      ...agreementAnswer(['IEN']),
      ...extra,
    });
    await cardAt(h, card, version + 1);
    return;
  }
  let form = await openForm(h, USERS.team, card, actions.consent);
  await h.driver.submitView(form, { [cb.channel]: 'interview', [cb.date]: today });
  await cardAt(h, card, version + 1);
  form = await openForm(h, USERS.team, card, actions.consent);
  await h.driver.submitView(form, { [cb.answer]: 'given', [cb.date]: today, ...agreementAnswer(['IEN']), ...extra });
  await cardAt(h, card, version + 2);
}
