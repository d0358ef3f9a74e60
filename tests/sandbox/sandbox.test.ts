// The sandbox in a real browser (Debian's chromium driven by playwright-core): the page is only a client of the
// emulator, so these clicks travel as signed Slack requests into the real app.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { subYears } from 'date-fns';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSandboxConfig } from '../../src/config.js';
import { fr, frCharter, frDigest, frSandbox } from '../../src/i18n/fr.js';
import { DEMO_CHANNELS, DEMO_MEMBERS } from '../../src/sandbox/demo.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/sandbox.js';
import { intakeBlocks as b } from '../../src/slack/ids.js';
import { canary, leaksInTraffic } from '../support/canary.js';
import { onPostgres } from '../support/test-db.js';

const CHROMIUM = process.env.PRE_CHROMIUM ?? '/usr/bin/chromium';

let sandbox: Sandbox;
let browser: Browser;
let dir: string;
const logs: string[] = [];

async function as(page: Page, memberId: string) {
  await page.getByLabel(frSandbox.page.youAre).selectOption(memberId);
}

async function channel(page: Page, name: string) {
  await page.getByRole('button', { name: `# ${name}` }).click();
}

/** The card of `reference` in the cellule channel. */
const card = (page: Page, reference: string) =>
  page.locator('article.message').filter({ hasText: fr.card.header(reference) });

// The sandbox always runs on its own embedded database, whatever the lane.
describe.skipIf(onPostgres())('sandbox in a browser', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`);
    }
    dir = mkdtempSync(join(tmpdir(), 'pre-sandbox-'));
    sandbox = await startSandbox(
      loadSandboxConfig({ PORT: '0', PRE_SANDBOX_DATA_DIR: join(dir, 'demo'), PRE_LOG_LEVEL: 'info' }),
      {
        triggerTtlMs: 60_000,
        logDestination: new Writable({
          write(chunk, _enc, done) {
            logs.push(...String(chunk).split('\n').filter(Boolean));
            done();
          },
        }),
      },
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts with demo cases in the cellule channel and one digest in each group', async () => {
    const page = await browser.newPage();
    await page.goto(sandbox.url);
    await expect.poll(() => page.locator('article.message').count()).toBeGreaterThan(3);
    await expect.poll(() => page.getByText(fr.card.header('PRE-2026-0001')).count()).toBe(1);
    await channel(page, DEMO_CHANNELS.schooling.name);
    await expect
      .poll(() => page.getByRole('heading', { name: frDigest.title(frDigest.audience.schooling) }).count())
      .toBe(1);
    // One digest, with the demo cases: no empty catch-up digest posted before they existed.
    expect(await page.locator('article.message').last().textContent()).not.toContain('Nouveaux repérages• 0');
    await page.close();
  });

  it('takes a referral from the modal to the card, with inline errors first; the file opens for the team only', async () => {
    const page = await browser.newPage();
    await page.goto(sandbox.url);
    await as(page, DEMO_MEMBERS.teacher.id);
    await page.getByLabel(frSandbox.page.composerLabel).fill('/reperage');
    await page.getByLabel(frSandbox.page.composerLabel).press('Enter');
    const modal = page.getByRole('dialog', { name: fr.intake.title });
    await expect.poll(() => modal.count()).toBe(1);

    const firstName = canary('Prénom');
    await modal.locator(`#in-${b.childFirstName}`).fill(firstName);
    await modal.locator(`#in-${b.childLastName}`).fill(canary('Nom'));
    // Too young: the app answers with an inline error next to the birth date.
    await modal.locator(`#in-${b.birthDate}`).fill(subYears(new Date(), 1).toISOString().slice(0, 10));
    await modal.locator(`#in-${b.schoolId}`).selectOption('elem-condorcet');
    await modal.locator(`#in-${b.classLevel}`).selectOption('cm1');
    await modal.locator(`#in-${b.neighbourhood}`).selectOption('landy');
    await modal.locator(`#in-${b.guardianName}`).fill(canary('Parent'));
    await modal.getByLabel(fr.axis.schooling, { exact: true }).check();
    await modal.locator(`#in-${b.situation}`).fill(`${canary('Situation')} absences répétées depuis septembre.`);
    await modal.locator(`#in-${b.familyInformed}`).getByRole('radio').first().check();
    await modal.locator(`#in-${b.referrerInstitution}`).selectOption('en-ecole');
    await modal.locator(`#in-${b.referrerRole}`).fill('Professeure des écoles');
    await modal.getByRole('button', { name: fr.intake.submit }).click();
    await expect.poll(() => page.locator(`#in-${b.birthDate}-error`).textContent()).toBe(fr.intakeErrors.too_young);

    await modal.locator(`#in-${b.birthDate}`).fill('2017-02-03');
    await modal.getByRole('button', { name: fr.intake.submit }).click();
    const done = page.getByRole('dialog', { name: fr.submitted.title });
    await expect.poll(() => done.count()).toBe(1);
    const reference = /PRE-\d{4}-\d{4}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
    expect(reference).toMatch(/^PRE-/);
    await done.getByRole('button', { name: fr.submitted.close }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The card, level 2 only, in the cellule channel.
    await channel(page, DEMO_CHANNELS.cellule.name);
    await expect.poll(() => card(page, reference).count()).toBe(1);
    expect(await card(page, reference).textContent()).not.toContain(firstName);

    // The teacher is refused the file, politely.
    await card(page, reference).getByRole('button', { name: fr.card.view }).click();
    const refusal = page.getByRole('dialog', { name: fr.file.refusedTitle });
    await expect.poll(() => refusal.count()).toBe(1);
    expect(await refusal.textContent()).not.toContain(firstName);
    await refusal.getByRole('button').first().click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // A member of the cellule chooses a reason, then reads the file.
    await as(page, DEMO_MEMBERS.cellule.id);
    await card(page, reference).getByRole('button', { name: fr.card.view }).click();
    const reason = page.getByRole('dialog', { name: frCharter.access.reasonTitle });
    await expect.poll(() => reason.count()).toBe(1);
    await reason.getByLabel(frCharter.access.reasons.follow_up).check();
    await reason.getByRole('button', { name: frCharter.access.open }).click();
    await expect.poll(async () => (await page.getByRole('dialog').textContent()) ?? '').toContain(firstName);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The team member takes the case on: the card changes for everyone.
    await card(page, reference).getByRole('button', { name: fr.card.take }).click();
    await expect.poll(async () => (await card(page, reference).textContent()) ?? '').toContain(fr.status.in_analysis);
    // Assigned to the member who clicked, shown by name as Slack shows a mention.
    expect(await card(page, reference).textContent()).toContain(`@${DEMO_MEMBERS.cellule.name}`);
    expect(await card(page, reference).textContent()).toContain(frSandbox.page.edited);
    await page.close();
  });

  it('publishes the digest on demand and shows the App Home', async () => {
    const page = await browser.newPage();
    await page.goto(sandbox.url);
    await as(page, DEMO_MEMBERS.coordinator.id);
    await channel(page, DEMO_CHANNELS.health.name);
    const digests = () => page.getByRole('heading', { name: frDigest.title(frDigest.audience.health) }).count();
    const before = await digests();
    await page.getByRole('button', { name: frSandbox.page.publishDigest }).click();
    await expect.poll(digests).toBe(before + 1);
    await page.getByRole('button', { name: frSandbox.page.home }).click();
    await expect.poll(() => page.locator('.home').count()).toBe(1);
    await page.close();
  });

  it('lets no level-1 value out of a modal', () => {
    const leaks = leaksInTraffic({ calls: sandbox.slack.calls, responses: sandbox.driver.responses, logs });
    expect(leaks, 'level-1 values found outside a modal').toEqual([]);
  });
});
