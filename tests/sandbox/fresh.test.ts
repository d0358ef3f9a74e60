// `npm start -- --fresh`: the sandbox on a programme just installed, walked in a real browser from App Home.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSandboxConfig } from '../../src/config.js';
import { frSandbox, frSettings as t } from '../../src/i18n/fr.js';
import { DEMO_CHANNELS, DEMO_MEMBERS } from '../../src/sandbox/demo.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/sandbox.js';
import { launchChromium } from '../support/browser.js';
import { onPostgres } from '../support/test-db.js';

let sandbox: Sandbox | undefined;
let browser: Browser;
let dir: string;

const config = () => ({
  ...loadSandboxConfig({ PORT: '0', PRE_SANDBOX_DATA_DIR: join(dir, 'demo'), PRE_LOG_LEVEL: 'error' }),
  fresh: true,
});

async function home(page: Page, memberId: string) {
  await page.getByLabel(frSandbox.page.youAre).selectOption(memberId);
  await page.getByRole('button', { name: frSandbox.page.home }).click();
  await expect.poll(() => page.locator('.home').count()).toBe(1);
}

describe.skipIf(onPostgres())('the sandbox on a fresh programme (--fresh)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pre-fresh-'));
    sandbox = await startSandbox(config(), { triggerTtlMs: 60_000 });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts with no case and no coordinator; the installer takes the role and sets a channel from App Home', async () => {
    const s = sandbox as Sandbox;
    expect(await s.app.db.prisma.referral.count()).toBe(0);
    expect(s.app.settings.current().celluleChannel).toBeNull();
    const page = await browser.newPage();
    await page.goto(s.url);
    await home(page, DEMO_MEMBERS.teacher.id);
    await expect.poll(() => page.locator('.home').textContent()).toContain(t.setup.unconfigured);

    await home(page, DEMO_MEMBERS.coordinator.id);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: t.setup.claimButton }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain(t.setup.claimed);
    await page.getByRole('dialog').getByRole('button', { name: t.close }).click();
    await expect.poll(() => page.locator('.home').textContent()).toContain(t.setup.title);

    await page.locator('.home').getByRole('button', { name: t.setup.settings }).click();
    const settings = page.getByRole('dialog', { name: t.title });
    await expect.poll(() => settings.count()).toBe(1);
    await settings.locator('[data-key$="setting_edit_open"]').first().click();
    const form = page.getByRole('dialog', { name: t.editTitle });
    await expect.poll(() => form.count()).toBe(1);
    await form.getByRole('combobox').selectOption(DEMO_CHANNELS.cellule.id);
    await form.getByRole('button', { name: t.save }).click();
    await expect.poll(() => s.app.settings.current().celluleChannel).toBe(DEMO_CHANNELS.cellule.id);
  });

  it('starts empty again at the next --fresh start', async () => {
    await sandbox?.stop();
    sandbox = await startSandbox(config(), { triggerTtlMs: 60_000 });
    expect(sandbox.app.settings.current().celluleChannel).toBeNull();
    expect(await sandbox.app.db.prisma.member.count()).toBe(0);
  });
});
