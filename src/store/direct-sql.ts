// Plain statements straight to the pool, for the few that every click runs. Prisma's client and its query
// compiler cost the app's thread more than such a statement itself (a quarter of a click's time in the benchmark's
// profile); the statement, its text and its parameters are the same. Inside a transaction (Prisma's interactive
// transactions hold their own connection), and on a client the app did not open, it goes through Prisma as before.
import pg from 'pg';
import type { Prisma, PrismaClient } from './generated/client.js';

type Db = Prisma.TransactionClient | PrismaClient;

const pools = new WeakMap<object, pg.Pool>();

/** Lets `queryRows` and `execute` reach the pool under this client (db.ts, when it opens the database). */
export function goDirect(prisma: PrismaClient, pool: pg.Pool): void {
  pools.set(prisma, pool);
}

/**
 * What Prisma's raw queries give that pg does not by default: 64-bit integers as bigint (ids, counts). The pool's
 * connections are opened with these parsers (db.ts), so that a statement goes as text and values: a statement given
 * as an object with its own parsers is copied property by property by pg first (25 µs, ten times an intake).
 * Prisma's adapter gives its own parsers with each of its statements.
 */
const parseBigint = (value: string) => BigInt(value);
const parseBigintArray = pg.types.getTypeParser(1016 as never) as (value: string) => (string | null)[];
export const rawQueryTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return parseBigint;
    if (oid === 1016) return (value: string) => parseBigintArray(value).map((v) => (v === null ? null : BigInt(v)));
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const onPool = (pool: pg.Pool, query: Prisma.Sql) => pool.query(query.text, query.values as unknown[]);

/** The rows of a statement (as `$queryRaw` would give them). */
export async function queryRows<T>(db: Db, query: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(db);
  return pool ? ((await onPool(pool, query)).rows as T[]) : db.$queryRaw<T[]>(query);
}

/** How many rows a statement changed (as `$executeRaw` would say). */
export async function execute(db: Db, query: Prisma.Sql): Promise<number> {
  const pool = pools.get(db);
  return pool ? ((await onPool(pool, query)).rowCount ?? 0) : db.$executeRaw(query);
}
