import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, formatConfigError, loadConfig, loadStoreConfig } from '../src/config.js';

const KEY = Buffer.alloc(32, 1).toString('base64');
const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12345' };

function problems(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('is documented: each variable the app reads has its row in the README’s configuration table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| `'));
    for (const name of CONFIG_VARIABLES)
      expect(
        rows.some((r) => r.split('|')[1]?.includes(`\`${name}\``)),
        name,
      ).toBe(true);
    expect(CONFIG_VARIABLES).toContain('PRE_REVIEW_MONTHS');
  });

  it('defaults to HTTP mode, port 3000, PGlite in ./data and Europe/Paris', () => {
    const config = loadConfig(http);
    expect(config.slack.kind).toBe('http');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(config.timeZone).toBe('Europe/Paris');
    expect(config.encryptionKeys).toEqual([]);
  });

  it('switches to Socket Mode with an app token, and to PostgreSQL with DATABASE_URL', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pre',
      PRE_ENCRYPTION_KEY: KEY,
      PRE_DB_POOL: '4',
      PRE_COORDINATORS: 'U01, U02',
    });
    expect(config.slack.kind).toBe('socket');
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1:5432/pre', pool: 4 });
    expect(config.coordinators).toEqual(['U01', 'U02']);
  });

  it('lists every problem at once, naming the variable and the fix', () => {
    const list = problems({
      PORT: 'abc',
      PRE_TIMEZONE: 'Mars/Olympus',
      PRE_CELLULE_CHANNEL: 'general',
      SLACK_API_URL: 'not a url',
    });
    const names = list.map((p) => p.variable).sort();
    // The missing Slack credentials too: one bad value does not hide another problem.
    expect(names).toEqual(
      [
        'PORT',
        'PRE_CELLULE_CHANNEL',
        'PRE_TIMEZONE',
        'SLACK_API_URL',
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
      ].sort(),
    );
  });

  it('reports a malformed token once and the missing signing secret beside it, all in one language', () => {
    const list = problems({
      SLACK_BOT_TOKEN: 'xapp-1-oops',
      DATABASE_URL: 'mysql://x',
      PRE_TIMEZONE: 'Nowhere/At_All',
    });
    expect(list.map((p) => p.variable).sort()).toEqual(
      ['DATABASE_URL', 'PRE_ENCRYPTION_KEY', 'PRE_TIMEZONE', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'].sort(),
    );
    expect(list.filter((p) => p.variable === 'SLACK_BOT_TOKEN')).toHaveLength(1);
    // The operator's messages are English, like the frame around them: no French word slips in.
    for (const p of list) expect(p.message, p.variable).not.toMatch(/\b(doit|être|trop|inconnu|jeton|fuseau)\b/);
  });

  it('explains missing Slack credentials with where to get them', () => {
    const list = problems({});
    expect(list.map((p) => p.variable)).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    const message = formatConfigError(new ConfigError(list));
    expect(message).toContain('manifest.yml');
    expect(message).toContain('README');
  });

  it('requires an encryption key with a PostgreSQL server, and checks its size', () => {
    expect(problems({ ...http, DATABASE_URL: 'postgres://127.0.0.1/pre' }).map((p) => p.variable)).toEqual([
      'PRE_ENCRYPTION_KEY',
    ]);
    expect(problems({ ...http, PRE_ENCRYPTION_KEY: 'c2hvcnQ=' }).map((p) => p.variable)).toEqual([
      'PRE_ENCRYPTION_KEY',
    ]);
    expect(loadConfig({ ...http, PRE_ENCRYPTION_KEYS: `${KEY},${KEY}` }).encryptionKeys).toHaveLength(2);
  });

  it('never lets the generated key land inside the data directory, a symbolic link followed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pre-config-'));
    try {
      mkdirSync(join(dir, 'data'));
      symlinkSync(join(dir, 'data'), join(dir, 'link'));
      const inside = problems({ ...http, PRE_DATA_DIR: join(dir, 'data'), PRE_KEY_FILE: join(dir, 'data', 'k.key') });
      expect(inside.map((p) => p.variable)).toEqual(['PRE_KEY_FILE']);
      expect(inside[0]?.message).toContain('outside');
      const throughLink = problems({ ...http, PRE_DATA_DIR: join(dir, 'link'), PRE_KEY_FILE: join(dir, 'data', 'k') });
      expect(throughLink.map((p) => p.variable)).toEqual(['PRE_KEY_FILE']);
      // "." would put "..key" inside it: refused, with the way out.
      const dot = problems({ ...http, PRE_DATA_DIR: '.' });
      expect(dot.map((p) => p.variable)).toEqual(['PRE_DATA_DIR']);
      expect(dot[0]?.message).toContain('PRE_KEY_FILE');
      // Beside it, or a key configured (no file then): accepted.
      expect(loadConfig({ ...http, PRE_DATA_DIR: join(dir, 'data') }).keyFile).toBe(`${join(dir, 'data')}.key`);
      expect(loadConfig({ ...http, PRE_DATA_DIR: join(dir, 'data'), PRE_KEY_FILE: join(dir, 'k') }).keyFile).toBe(
        join(dir, 'k'),
      );
      expect(dot[0]?.message).toContain('PRE_KEYS_DIR');
      // The wrapping keys' directory too, whatever the key: never inside the data directory.
      const keysInside = problems({ ...http, PRE_DATA_DIR: join(dir, 'data'), PRE_KEYS_DIR: join(dir, 'link', 'k') });
      expect(keysInside.map((p) => p.variable)).toEqual(['PRE_KEYS_DIR']);
      expect(problems({ ...http, PRE_DATA_DIR: '.', PRE_ENCRYPTION_KEY: KEY }).map((p) => p.variable)).toEqual([
        'PRE_DATA_DIR',
      ]);
      expect(loadConfig({ ...http, PRE_DATA_DIR: join(dir, 'data') }).keysDir).toBe(`${join(dir, 'data')}.keys`);
      const elsewhere = { ...http, PRE_DATA_DIR: '.', PRE_ENCRYPTION_KEY: KEY, PRE_KEYS_DIR: join(dir, 'keys') };
      expect(loadConfig(elsewhere).dataDir).toBe('.');
      // The maintenance commands read the same rule.
      expect(() => loadStoreConfig({ PRE_DATA_DIR: '.' })).toThrow(/PRE_DATA_DIR/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the README and the docs stand alone', () => {
  it('name no file outside the repository (a fresh clone has no ../shared)', () => {
    const texts = ['README.md', 'docs/DOMAIN.md', 'docs/ARCHITECTURE.md', 'docs/PRISMA.md', 'scripts/prisma.mjs'].map(
      (f) => [f, readFileSync(new URL(`../${f}`, import.meta.url), 'utf8')] as const,
    );
    for (const [file, text] of texts) expect(text, file).not.toMatch(/\.\.\/shared|NOTES-prisma/);
  });
});
