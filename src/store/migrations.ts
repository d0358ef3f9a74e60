import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import type { Database, RawSession } from './db.js';

export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'prisma', 'migrations');

// Any constant works; it only has to be the same for every instance of this app on one server.
const MIGRATION_LOCK_KEY = 727_301_2006;

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies committed migration files that the database has not seen, each in its own transaction and recorded in
 * Prisma's `_prisma_migrations` table, so the CLI and the app agree on what is applied. The Prisma CLI cannot do
 * this on a PostgreSQL server here (prisma/orm#27403), hence our own runner, on both PGlite and PostgreSQL.
 * An advisory lock makes instances that start together apply each migration once.
 */
export async function applyMigrations(db: Database, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  const migrations = await readMigrations(dir);
  return db.withRawSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await ensureMigrationsTable(session);
      const rows = await session.query<{ migration_name: string; checksum: string }>(
        'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      );
      const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
      const applied: string[] = [];
      for (const migration of migrations) {
        const previous = done.get(migration.name);
        if (previous !== undefined) {
          if (previous !== migration.checksum) throw new MigrationChecksumError(migration.name);
          continue;
        }
        await session.exec('BEGIN');
        try {
          await session.exec(migration.sql);
          await session.query(
            `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), now(), 1)`,
            [randomUUID(), migration.checksum, migration.name],
          );
          await session.exec('COMMIT');
        } catch (error) {
          await session.exec('ROLLBACK');
          throw new MigrationFailedError(migration.name, error);
        }
        applied.push(migration.name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}

async function readMigrations(dir: string) {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

// The shape Prisma's own migrate commands create and read.
async function ensureMigrationsTable(session: RawSession) {
  await session.exec(`CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum VARCHAR(64) NOT NULL,
    finished_at TIMESTAMPTZ,
    migration_name VARCHAR(255) NOT NULL,
    logs TEXT,
    rolled_back_at TIMESTAMPTZ,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count INTEGER NOT NULL DEFAULT 0
  )`);
}

export class MigrationChecksumError extends Error {
  readonly code = 'migration_checksum_mismatch';
  constructor(readonly migration: string) {
    super(`migration ${migration} was changed after it was applied; add a new migration instead of editing it`);
  }
}

export class MigrationFailedError extends Error {
  readonly code = 'migration_failed';
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`migration ${migration} failed and was rolled back: ${cause instanceof Error ? cause.message : cause}`);
  }
}
