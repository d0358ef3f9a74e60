import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/store/db.js';
import { applyMigrations, MIGRATIONS_DIR } from '../../src/store/migrations.js';
import { processesMarked } from './run-marker.js';
import { freshDatabase } from './server-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string | undefined;
    /** Marks every process a test starts (see processes.ts). */
    runMarker: string;
  }
}

/**
 * Migrates one database per run and lets every test copy it: a fresh PGlite costs seconds of initdb, a copied
 * directory well under one. On PostgreSQL, CREATE DATABASE … TEMPLATE does the same.
 */
export default async function setup(project: TestProject) {
  // The sandbox page serves its compiled script: compile it now, so that a test never sees a stale one.
  execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.page.json'], {
    stdio: 'inherit',
  });
  project.provide('pgliteTemplate', await pgliteTemplate());
  project.provide('pgTemplate', await postgresTemplate());
  // scripts/vitest-run.ts gives the run its id and checks for leftovers after vitest exits; a bare `vitest` gets one
  // here, and the check below reports (vitest then still exits 0).
  const marker = process.env.PRE_TEST_RUN_ID ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
  project.provide('runMarker', marker);
  // The end of the run: a process a test started and did not stop is an error. Under scripts/vitest-run.ts (npm
  // test) the wrapper kills it and fails the run; under a bare `vitest` it is killed and reported here.
  return () => {
    if (process.env.PRE_TEST_RUN_ID) return;
    const left = processesMarked(marker);
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
    if (left.length > 0)
      throw new Error(`${left.length} process(es) started by tests outlived them (now killed): ${left.join(', ')}`);
  };
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) {
    const file = join(MIGRATIONS_DIR, name, 'migration.sql');
    if (existsSync(file)) hash.update(name).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function pgliteTemplate(): Promise<string> {
  const dir = resolve('.cache', `pglite-template-${migrationsHash()}`);
  if (existsSync(dir)) return dir;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const db = await openDatabase({ kind: 'pglite', dataDir: building });
  await applyMigrations(db);
  await db.close();
  renameSync(building, dir);
  return dir;
}

export const PG_TEMPLATE = 'pre_test_template';

async function postgresTemplate(): Promise<string | undefined> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  const db = await openDatabase({ kind: 'postgres', url: await freshDatabase(url, PG_TEMPLATE), pool: 2 });
  await applyMigrations(db);
  await db.close();
  return PG_TEMPLATE;
}
