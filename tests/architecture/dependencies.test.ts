import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The floors of src/ (docs/ARCHITECTURE.md), lowest first. A module may import from its own floor and the floors below,
 * never from a floor above: the domain knows nothing of the store, use cases and jobs nothing of Slack, and what starts
 * the app is imported by nobody.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['domain'],
  ['i18n', 'threads', 'paths.ts', 'log.ts', 'config.ts', 'lists-file.ts'],
  ['store', 'output'],
  ['use-cases', 'jobs'],
  ['slack', 'slack-emulator'],
  ['bootstrap.ts'],
  ['sandbox'],
  ['main.ts', 'cli'],
];

const SRC = resolve('src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The floor of a file: its top-level folder (or file) under src/. */
function floorOf(file: string): number {
  const top = relative(SRC, file).split('/')[0] ?? '';
  const floor = FLOORS.findIndex((names) => names.includes(top));
  if (floor < 0) throw new Error(`${relative(SRC, file)}: no floor in tests/architecture/dependencies.test.ts`);
  return floor;
}

/** Relative imports and re-exports of a file, static and dynamic, as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specs.map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'));
}

describe('the house: arrows only go down', () => {
  it('has no import from a floor above (src/)', () => {
    const upward: string[] = [];
    // The browser page of the sandbox is its own program (tsconfig.page.json).
    for (const file of files(SRC).filter((f) => !f.includes('/sandbox/page/'))) {
      for (const target of importsOf(file)) {
        if (!target.startsWith(SRC)) continue;
        if (floorOf(target) > floorOf(file)) upward.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
