import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMOJI } from '../../src/sandbox/emoji.js';

/** Every TypeScript file under `dir`. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the sandbox page draws emoji as Slack does', () => {
  it('knows every emoji code the app writes (src/i18n, src/slack/views)', () => {
    const codes = new Set(
      [...files('src/i18n'), ...files('src/slack/views')].flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/:([a-z][a-z0-9_]+):/g)].map((m) => m[1] as string),
      ),
    );
    expect(codes.size).toBeGreaterThan(0);
    expect([...codes].filter((code) => !(code in EMOJI))).toEqual([]);
  });
});
