// First: before any WebAssembly is compiled (see the module).
import './wasm-code-gc.js';
import {
  chmodSync,
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { goDirect, rawQueryTypes } from './direct-sql.js';
import { PrismaClient } from './generated/client.js';
import { listenOnServer } from './notifications.js';
import { PgliteThread } from './pglite-link.js';
import { AppPool } from './pool.js';

export type { PrismaClient };

/** A connection for SQL that Prisma should not run: migrations and advisory locks. */
export interface RawSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  withRawSession<T>(fn: (session: RawSession) => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  /**
   * Calls `onNotify` when another instance notifies `channel` (pg_notify), and once the listening is in place;
   * resolves with the function that stops it. On the embedded database the app is the only process: nothing to hear.
   */
  listen(channel: string, onNotify: () => void): Promise<() => void>;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; pool: number };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'pglite' ? openPglite(target.dataDir) : openPostgres(target.url, target.pool);
}

async function openPglite(configured: string): Promise<Database> {
  mkdirSync(configured, { recursive: true, mode: 0o700 });
  // A data directory may be a symbolic link (to another disk): PGlite, the lock and the permissions work on the
  // directory it points to (PGlite cannot open its files through the link).
  const dataDir = realpathSync(configured);
  // PGlite writes its files 0666 whatever the umask: in a directory others can enter, any local user could edit the
  // database (give themselves a role). The directory and everything in it are made owner-only, before and after
  // PGlite creates its files; a directory this process cannot make private stops the start.
  makePrivate(dataDir);
  // PGlite is one process's database: a second process on the same directory (a maintenance command while the app
  // runs) would write beside it unseen. The first to open holds the directory; others are turned away.
  const release = lockDataDir(dataDir);
  let thread: PgliteThread;
  try {
    thread = await PgliteThread.start(dataDir);
  } catch (error) {
    release();
    throw error;
  }
  makePrivate(dataDir);
  // PGlite runs on its own thread and is reached through `pg`, as a PostgreSQL server is: its CPU runs beside the
  // app's, and both databases go through the same driver and Prisma adapter. PGlite is one session: one connection.
  const pool = new AppPool({
    max: 1,
    stream: () => thread.stream() as never,
    user: 'postgres',
    database: 'postgres',
    types: rawQueryTypes,
  });
  pool.on('error', () => {});
  return over(
    'pglite',
    pool,
    async () => () => {},
    async () => {
      await pool.close().catch(() => {});
      await thread.close();
      release();
    },
  );
}

/** Prisma over a pool, with the raw sessions and the ping every database offers; `closeRest` runs after Prisma's. */
function over(
  kind: Database['kind'],
  pool: AppPool,
  listen: Database['listen'],
  closeRest: () => Promise<void>,
): Database {
  // A transaction waits for its connection as long as it must: a job's gives way to the clicks (pool.ts), and a
  // click's own deadline (Slack's 3 s) bounds what a click waits. Prisma's default (2 s) failed a coordinator's
  // erasure behind a bilan annuel's statements.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 60_000 } });
  goDirect(prisma, pool);
  return {
    kind,
    prisma,
    withRawSession: (fn) => rawSession(pool, fn),
    ping: () => ping(prisma),
    listen,
    close: async () => {
      await prisma.$disconnect();
      await closeRest();
    },
  };
}

/** A connection of the pool for SQL that Prisma should not run. */
async function rawSession<T>(pool: pg.Pool, fn: (session: RawSession) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn({
      exec: async (sql) => {
        await client.query(sql);
      },
      query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params as unknown[])).rows as R[],
    });
  } finally {
    client.release();
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new AppPool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 2000,
    types: rawQueryTypes,
  });
  // An idle client that loses its server emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', () => {});
  // A client never given back (a bug) must not keep the process from exiting: wait 5 s at most.
  const listens = new Set<() => void>();
  const listen = async (channel: string, onNotify: () => void) => {
    const stop = await listenOnServer(url, channel, onNotify);
    listens.add(stop);
    return () => {
      listens.delete(stop);
      stop();
    };
  };
  return over('postgres', pool, listen, async () => {
    for (const stop of listens) stop();
    await Promise.race([pool.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000).unref())]);
  });
}

async function ping(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

export class DataDirectoryError extends Error {
  readonly code = 'data_directory_not_private';
}

/** chmod 0700 on directories and 0600 on files, below and including `dir`; symbolic links are left alone. */
export function makePrivate(dir: string): void {
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    try {
      chmodSync(path, stat.isDirectory() ? 0o700 : 0o600);
    } catch (error) {
      throw new DataDirectoryError(
        `${path} cannot be made private (owner only): ${(error as NodeJS.ErrnoException).code ?? 'error'}; ` +
          'run the app as the owner of PRE_DATA_DIR',
      );
    }
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(dir);
}

export class DataDirectoryInUseError extends Error {
  readonly code = 'data_directory_in_use';
}

const LOCK_FILE = 'pre-referrals.lock';

/** Takes `dir` for this process (a lock file naming its pid); a lock left by a process that died is taken over. */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && (holder === process.pid || alive(holder))) {
        throw new DataDirectoryInUseError(
          `${dir} is in use by another process (pid ${holder}): stop the app first, or use a PostgreSQL server ` +
            '(DATABASE_URL), on which maintenance commands run beside the app',
        );
      }
      rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  throw new DataDirectoryInUseError(`${dir}: could not take its lock file ${LOCK_FILE}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
