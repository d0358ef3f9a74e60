import {
  CASE_KEY_ID,
  type KeySource,
  newCaseKey,
  open,
  openWithCaseKey,
  sealWithCaseKey,
  TamperedValueError,
  UnknownKeyError,
  unwrapCaseKey,
  type WrappedKey,
  wrapCaseKey,
} from './field-cipher.js';
import type { Prisma, PrismaClient } from './generated/client.js';
import { isWrappingKeyId, type StoreKeys } from './wrapping-keys.js';

type Db = PrismaClient | Prisma.TransactionClient;

/** Field write counts, as bound into each ciphertext's associated data. */
type Versions = Record<string, number>;

function versionsOf(json: Prisma.JsonValue): Versions {
  const out: Versions = {};
  if (json && typeof json === 'object' && !Array.isArray(json))
    for (const [field, n] of Object.entries(json)) if (typeof n === 'number') out[field] = n;
  return out;
}

/**
 * Level-1 values of a case, sealed under the case's own data key (crypto-shredding): the data key is wrapped by the
 * current wrapping key (wrapping-keys.ts) and stored in case_keys. Erasing a case deletes its wrapped key at once;
 * the copies left in the database's pages and log and in backups stop opening when the wrapping key that wrapped
 * them is destroyed (the retention job re-wraps the living cases first). Each field's write count is kept with the
 * key and bound into the ciphertext, so a stored older ciphertext of a field does not open in place of the current
 * one.
 */
export class CaseVault {
  /** Unwraps with a wrapping key, or with a ring key for a case key wrapped before wrapping keys existed. */
  private readonly caseKeys: KeySource;

  constructor(private readonly keys: StoreKeys) {
    const { ring, wrapping } = keys;
    this.caseKeys = {
      get current() {
        return wrapping.current;
      },
      find: (id) => (isWrappingKeyId(id) ? wrapping.find(id) : ring.find(id)),
    };
  }

  /**
   * A new case's key (wrapped) and its values sealed under it, as columns ready for one multi-row insert (the
   * intake writes them in the same statement as the case itself).
   */
  sealNew(referralId: string, values: Record<string, string | undefined>) {
    const fields = present(values);
    const { key, wrapped } = newCaseKey(this.caseKeys, referralId);
    const sealed = fields.map(([field, value]) => ({ field, ...sealWithCaseKey(key, referralId, field, 1, value) }));
    return {
      key: wrapped,
      versions: JSON.stringify(Object.fromEntries(fields.map(([field]) => [field, 1]))),
      fields: sealed.map((v) => v.field),
      ivs: sealed.map((v) => v.iv),
      ciphertexts: sealed.map((v) => v.ciphertext),
      tags: sealed.map((v) => v.authTag),
    };
  }

  /**
   * Writes (or rewrites) values of an existing case in the caller's transaction. The counters are bumped in one
   * UPDATE, whose row lock orders concurrent writers of the same case.
   */
  async write(tx: Prisma.TransactionClient, referralId: string, values: Record<string, string | undefined>, at: Date) {
    const fields = present(values);
    if (fields.length === 0) return;
    const key = await this.keyOf(tx, referralId, { create: true });
    const names = fields.map(([field]) => field);
    const [bumped] = await tx.$queryRaw<{ versions: Prisma.JsonValue }[]>`
      UPDATE case_keys k
         SET versions = k.versions || (
               SELECT jsonb_object_agg(f, COALESCE((k.versions ->> f)::int, 0) + 1) FROM unnest(${names}::text[]) AS f)
       WHERE k.referral_id = ${referralId}::uuid
       RETURNING k.versions`;
    const versions = versionsOf(bumped?.versions ?? {});
    for (const [field, value] of fields) {
      const sealed = sealWithCaseKey(key, referralId, field, versions[field] ?? 1, value);
      await tx.sensitiveValue.upsert({
        where: { referralId_field: { referralId, field } },
        create: { referralId, field, ...sealed, updatedAt: at },
        update: { ...sealed, updatedAt: at },
      });
    }
  }

  /** Decrypts every value of a case. Throws TamperedValueError / UnknownKeyError when one does not open. */
  async read(db: Db, referralId: string): Promise<Record<string, string>> {
    const { values, failures } = await this.readEach(db, referralId);
    if (failures[0]) throw failures[0];
    return values;
  }

  /** Decrypts what opens and says what does not (the RGPD export lists unreadable fields rather than stopping). */
  async readEach(db: Db, referralId: string): Promise<{ values: Record<string, string>; failures: Error[] }> {
    const [keyRow, rows] = await Promise.all([
      db.caseKey.findUnique({ where: { referralId } }),
      db.sensitiveValue.findMany({ where: { referralId }, orderBy: { field: 'asc' } }),
    ]);
    const values: Record<string, string> = {};
    const failures: Error[] = [];
    let key: Buffer | undefined;
    try {
      key = keyRow ? unwrapCaseKey(this.caseKeys, referralId, keyRow) : undefined;
    } catch (error) {
      failures.push(error as Error);
    }
    const versions = versionsOf(keyRow?.versions ?? {});
    for (const row of rows) {
      try {
        if (row.keyId !== CASE_KEY_ID) {
          values[row.field] = open(this.keys.ring, referralId, row.field, row);
          continue;
        }
        const version = versions[row.field];
        if (!key || version === undefined) throw new TamperedValueError(row.field);
        values[row.field] = openWithCaseKey(key, referralId, row.field, version, row);
      } catch (error) {
        failures.push(
          error instanceof TamperedValueError || error instanceof UnknownKeyError
            ? error
            : new TamperedValueError(row.field),
        );
      }
    }
    return { values, failures };
  }

  /** Crypto-shredding: the case's values and its wrapped key go; any other copy of its ciphertexts stays closed. */
  async shred(tx: Prisma.TransactionClient, referralId: string): Promise<number> {
    const deleted = await tx.sensitiveValue.deleteMany({ where: { referralId } });
    await tx.caseKey.deleteMany({ where: { referralId } });
    // The identity's keyed hashes go with it: nothing derived from a name outlives the case's erasure.
    await tx.identityKeys.deleteMany({ where: { referralId } });
    return deleted.count;
  }

  /**
   * Re-wraps the case keys not wrapped by the current wrapping key (after a new one started, and those wrapped by
   * a ring key before wrapping keys existed); the values themselves are not touched. Returns how many were
   * re-wrapped; a key that does not open is counted apart and left as it is.
   */
  async rewrap(db: PrismaClient, at: Date, batchSize: number): Promise<{ rewrapped: number; failed: number }> {
    const current = this.caseKeys.current.id;
    let rewrapped = 0;
    let failed = 0;
    let after = '';
    for (;;) {
      const batch = await db.caseKey.findMany({
        where: { kekId: { not: current }, referralId: { gt: after || '00000000-0000-0000-0000-000000000000' } },
        orderBy: { referralId: 'asc' },
        take: batchSize,
      });
      if (batch.length === 0) break;
      const rows: { referralId: string; old: string; wrapped: WrappedKey }[] = [];
      for (const row of batch) {
        try {
          const key = unwrapCaseKey(this.caseKeys, row.referralId, row);
          rows.push({
            referralId: row.referralId,
            old: row.wrapped,
            wrapped: wrapCaseKey(this.caseKeys, row.referralId, key),
          });
        } catch {
          failed += 1;
        }
      }
      // One statement per batch (a renewal after an erasure re-wraps every living case), guarded by the old
      // wrapping: a key re-wrapped meanwhile by another run is not re-wrapped twice.
      if (rows.length > 0)
        rewrapped += await db.$executeRaw`
          UPDATE case_keys k
             SET kek_id = v.kek_id, iv = v.iv, wrapped = v.wrapped, auth_tag = v.auth_tag, rewrapped_at = ${at}
            FROM unnest(${rows.map((r) => r.referralId)}::uuid[], ${rows.map((r) => r.old)}::text[],
                        ${rows.map((r) => r.wrapped.kekId)}::text[], ${rows.map((r) => r.wrapped.iv)}::text[],
                        ${rows.map((r) => r.wrapped.wrapped)}::text[], ${rows.map((r) => r.wrapped.authTag)}::text[])
                 AS v(referral_id, old, kek_id, iv, wrapped, auth_tag)
           WHERE k.referral_id = v.referral_id AND k.wrapped = v.old`;
      after = batch[batch.length - 1]?.referralId ?? after;
    }
    return { rewrapped, failed };
  }

  /** The key of a case, created when it has none yet (a case whose values predate case keys). */
  private async keyOf(tx: Prisma.TransactionClient, referralId: string, opts: { create: boolean }): Promise<Buffer> {
    const row = await tx.caseKey.findUnique({ where: { referralId } });
    if (row) return unwrapCaseKey(this.caseKeys, referralId, row);
    if (!opts.create) throw new TamperedValueError('case key');
    const { key, wrapped } = newCaseKey(this.caseKeys, referralId);
    const created = await tx.caseKey.createMany({ data: [{ referralId, ...wrapped }], skipDuplicates: true });
    if (created.count === 1) return key;
    return this.keyOf(tx, referralId, { create: false });
  }
}

/** The values a write stores: empty ones are no value. */
export function present(values: Record<string, string | undefined>): [string, string][] {
  return Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
}
