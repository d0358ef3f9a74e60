import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// A process that opens a database runs PGlite with V8's WebAssembly code GC off (src/store/wasm-code-gc.ts): Node
// 24 can crash in it. V8 traces each collection it starts; a stress flag makes it collect after every change, so a
// PGlite session shows collections unless the flag is off. Node's own loaders are WebAssembly too: only what comes
// after the mark counts.
const MARK = 'the session starts';
function wasmCollections(importDbFirst: boolean): number {
  const script = `
    ${importDbFirst ? "await import('./src/store/db.ts');" : ''}
    console.log('${MARK}');
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite();
    await db.query('create table t (a int)');
    for (let i = 0; i < 200; i++) await db.query('insert into t values ($1)', [i]);
    await db.close();
  `;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--trace-wasm-code-gc', '--stress-wasm-code-gc', '--input-type=module', '-e', script],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  const after = run.stdout.split(MARK)[1] ?? '';
  return (after.match(/\[wasm-gc\] Starting GC/g) ?? []).length;
}

describe('WebAssembly code GC', () => {
  it('is off in a process that opened the store, and on in one that did not', () => {
    expect(wasmCollections(false)).toBeGreaterThan(0);
    expect(wasmCollections(true)).toBe(0);
  });
});
