import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, inject } from 'vitest';
import { type Database, openDatabase } from '../../src/store/db.js';
import { withDatabase } from './server-database.js';

export interface TestDatabase {
  /** Environment for startApp: DATABASE_URL on the PostgreSQL lane, PRE_DATA_DIR otherwise; PRE_KEYS_DIR. */
  env: Record<string, string>;
  /** The wrapping keys' directory (beside the data directory, both removed with the test). */
  keysDir: string;
  target: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; pool: number };
  dispose(): Promise<void>;
}

export const onPostgres = (): boolean => Boolean(process.env.TEST_DATABASE_URL);

/** A migrated, empty database of its own for one test: a copied PGlite directory, or a PostgreSQL database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const root = mkdtempSync(join(tmpdir(), 'pre-test-'));
  const dataDir = join(root, 'data');
  const keysDir = join(root, 'keys');
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('pgTemplate');
  if (url && template) {
    const name = `pre_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const dbUrl = withDatabase(url, name);
    return {
      env: { DATABASE_URL: dbUrl, PRE_DATA_DIR: dataDir, PRE_KEYS_DIR: keysDir },
      keysDir,
      target: { kind: 'postgres', url: dbUrl, pool: 5 },
      dispose: async () => {
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
        rmSync(root, { recursive: true, force: true });
      },
    };
  }
  cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
  return {
    env: { PRE_DATA_DIR: dataDir, PRE_KEYS_DIR: keysDir },
    keysDir,
    target: { kind: 'pglite', dataDir },
    dispose: async () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A fresh migrated database, opened, for each test of the calling file. */
export function useTestDatabase(): { testDb: TestDatabase; db: Database } {
  const context = {} as { testDb: TestDatabase; db: Database };
  beforeEach(async () => {
    context.testDb = await createTestDatabase();
    context.db = await openDatabase(context.testDb.target);
  });
  afterEach(async () => {
    await context.db.close();
    await context.testDb.dispose();
  });
  return context;
}
