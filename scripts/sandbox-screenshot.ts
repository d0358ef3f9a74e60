// `npx tsx scripts/sandbox-screenshot.ts`: the README's pictures of the sandbox, taken in Debian's chromium from a
// fresh sandbox with its demo data (nothing real).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { loadSandboxConfig } from '../src/config.js';
import { frSandbox } from '../src/i18n/fr.js';
import { DEMO_CHANNELS, DEMO_MEMBERS } from '../src/sandbox/demo.js';
import { startSandbox } from '../src/sandbox/sandbox.js';

const dir = mkdtempSync(join(tmpdir(), 'pre-shot-'));
const sandbox = await startSandbox(
  loadSandboxConfig({ PORT: '0', PRE_SANDBOX_DATA_DIR: join(dir, 'demo'), PRE_LOG_LEVEL: 'warn' }),
);
const browser = await chromium.launch({
  executablePath: process.env.PRE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  await page.goto(sandbox.url);
  await page.getByLabel(frSandbox.page.youAre).selectOption(DEMO_MEMBERS.cellule.id);
  await page.getByRole('button', { name: `# ${DEMO_CHANNELS.cellule.name}` }).click();
  await page.waitForSelector('article.message');
  await page.waitForTimeout(1500);
  // The latest cards rather than the digest posted after them.
  await page
    .locator('article.message')
    .filter({ hasText: /Repérage PRE-/ })
    .nth(-4)
    .evaluate('(card) => card.scrollIntoView()');
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/sandbox-cellule.png' });
  await page.getByLabel(frSandbox.page.youAre).selectOption(DEMO_MEMBERS.teacher.id);
  await page.getByLabel(frSandbox.page.composerLabel).fill('/reperage');
  await page.getByLabel(frSandbox.page.composerLabel).press('Enter');
  await page.waitForSelector('[role=dialog]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/sandbox-intake.png' });
} finally {
  await browser.close();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
