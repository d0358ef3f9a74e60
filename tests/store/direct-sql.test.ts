import { describe, expect, it } from 'vitest';
import { execute, queryRows } from '../../src/store/direct-sql.js';
import { Prisma } from '../../src/store/generated/client.js';
import { useTestDatabase } from '../support/test-db.js';

const t = useTestDatabase();

// The statements every click runs go straight to the pool (src/store/direct-sql.ts): what they give must be what
// Prisma's raw queries give, value for value, or a repository would read something else on that path.
describe('plain statements straight to the pool', () => {
  const query = () => Prisma.sql`
    SELECT ${42n}::bigint AS big, ARRAY[${1n}::bigint, NULL, 3]::bigint[] AS bigs, ${7}::int AS small,
           ${new Date('2026-12-04T10:00:00.123Z')}::timestamptz AS at, ${['a', 'b,"c"']}::text[] AS words,
           ${JSON.stringify({ k: [1, 'x'] })}::jsonb AS doc, ${true} AS yes, NULL::text AS nothing,
           count(*) AS n, ${'0a1b2c3d-0000-4000-8000-000000000000'}::uuid AS id
      FROM (VALUES (1), (2)) v(x)`;

  it('gives the values Prisma gives: bigint, arrays, instants, JSON, booleans, nulls, counts, uuids', async () => {
    const direct = await queryRows<Record<string, unknown>>(t.db.prisma, query());
    const viaPrisma = await t.db.prisma.$queryRaw<Record<string, unknown>[]>(query());
    expect(direct).toEqual(viaPrisma);
    expect(direct[0]).toMatchObject({ big: 42n, bigs: [1n, null, 3n], n: 2n, words: ['a', 'b,"c"'] });
  });

  it('says how many rows a statement changed, and goes through Prisma inside a transaction', async () => {
    expect(
      await execute(t.db.prisma, Prisma.sql`INSERT INTO reference_counters (year, last) VALUES (2031, 1), (2032, 1)`),
    ).toBe(2);
    // A transaction's client is not the pool's: its statements stay in the transaction (rolled back here).
    await expect(
      t.db.prisma.$transaction(async (tx) => {
        await execute(tx, Prisma.sql`UPDATE reference_counters SET last = 5 WHERE year >= 2031`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const after = await queryRows<{ last: number }>(
      t.db.prisma,
      Prisma.sql`SELECT last FROM reference_counters WHERE year >= 2031`,
    );
    expect(after.map((r) => r.last)).toEqual([1, 1]);
  });
});
