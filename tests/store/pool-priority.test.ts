import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/store/db.js';
import { queryRows } from '../../src/store/direct-sql.js';
import { Prisma } from '../../src/store/generated/client.js';
import { asJob } from '../../src/store/pool.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-db.js';

let testDb: TestDatabase | undefined;
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  await testDb?.dispose();
  db = testDb = undefined;
});

/** A database with one connection, as PGlite always is (on the PostgreSQL lane, a pool of one). */
async function oneConnection(): Promise<Database> {
  testDb = await createTestDatabase();
  const { target } = testDb;
  db = await openDatabase(target.kind === 'postgres' ? { ...target, pool: 1 } : target);
  return db;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('a job’s statements give way to the clicks’', () => {
  it('serves a click that queued after a job first, and the job right after', async () => {
    const database = await oneConnection();
    const order: string[] = [];
    let job: Promise<unknown> = Promise.resolve();
    let click: Promise<unknown> = Promise.resolve();
    // The one connection is taken; a job's statement queues, then a click's.
    await database.withRawSession(async () => {
      job = asJob(() => queryRows(database.prisma, Prisma.sql`SELECT 1 AS job`)).then(() => order.push('job'));
      await turn();
      click = queryRows(database.prisma, Prisma.sql`SELECT 1 AS click`).then(() => order.push('click'));
      await turn();
    });
    await Promise.all([job, click]);
    expect(order).toEqual(['click', 'job']);
  });

  it('lets a click between two of its statements go on before a job that queued meanwhile', async () => {
    const database = await oneConnection();
    const order: string[] = [];
    // A click reads, works a moment on what it read (no statement of its own under way), then writes.
    const click = (async () => {
      await queryRows(database.prisma, Prisma.sql`SELECT 1 AS read`);
      order.push('click read');
      const job = asJob(() => queryRows(database.prisma, Prisma.sql`SELECT 1 AS job`)).then(() => order.push('job'));
      await turn();
      await queryRows(database.prisma, Prisma.sql`SELECT 1 AS write`);
      order.push('click wrote');
      return job;
    })();
    await await click;
    expect(order).toEqual(['click read', 'click wrote', 'job']);
  });

  it('lets a job’s statements in one at a time: a click that comes while they run waits behind one, not all', async () => {
    const database = await oneConnection();
    const order: string[] = [];
    // A job's reads asked together (as the bilan annuel's are), with no click about: they start at once.
    const job = asJob(() =>
      Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) =>
          queryRows(database.prisma, Prisma.sql`SELECT ${n}::int AS n`).then(() => order.push(`job ${n}`)),
        ),
      ),
    );
    await turn();
    const click = queryRows(database.prisma, Prisma.sql`SELECT 1 AS click`).then(() => order.push('click'));
    await Promise.all([job, click]);
    expect(order.indexOf('click'), order.join(', ')).toBeLessThanOrEqual(1);
    expect(order).toHaveLength(7);
  });

  it('lets a job through at once when no click waits, and one by one after each other', async () => {
    const database = await oneConnection();
    const order: string[] = [];
    await database
      .withRawSession(async () => {
        const jobs = [1, 2].map((n) =>
          asJob(() => queryRows(database.prisma, Prisma.sql`SELECT ${n}::int AS n`)).then(() => order.push(`job ${n}`)),
        );
        await turn();
        return jobs;
      })
      .then((jobs) => Promise.all(jobs));
    expect(order.sort()).toEqual(['job 1', 'job 2']);
    await asJob(() => queryRows(database.prisma, Prisma.sql`SELECT 1`));
  });

  it.runIf(onPostgres())(
    'holds one connection at a time on a server, however many its statements and the pool',
    async () => {
      testDb = await createTestDatabase();
      const { target } = testDb;
      if (target.kind !== 'postgres') throw new Error('a server expected');
      db = await openDatabase({ ...target, pool: 6 });
      const database = db;
      // Each of the job's six reads lasts a moment and counts the job's reads running on the server meanwhile.
      const running = await asJob(() =>
        Promise.all(
          [1, 2, 3, 4, 5, 6].map(async (n) => {
            const [row] = await queryRows<{ running: bigint }>(
              database.prisma,
              Prisma.sql`SELECT ${n}::int AS job_read, pg_sleep(0.05),
                              (SELECT count(*) FROM pg_stat_activity
                                WHERE datname = current_database() AND state = 'active'
                                  AND query LIKE '%job_read, pg_sleep%') AS running`,
            );
            return Number(row?.running);
          }),
        ),
      );
      expect(running).toEqual([1, 1, 1, 1, 1, 1]);
    },
  );
});
