import { createHmac } from 'node:crypto';
import { subMonths } from 'date-fns/subMonths';
import { closeBirthDates, normalisedName, RECENT_CLOSURE_MONTHS } from '../domain/duplicates.js';
import { CaseVault } from './case-vault.js';
import type { Prisma, PrismaClient } from './generated/client.js';
import type { StoreKeys } from './wrapping-keys.js';

type Db = PrismaClient | Prisma.TransactionClient;

/** A case found alike: its reference only (level 2), and whether the birth date is the same or only close. */
export interface LikelyDuplicate {
  id: string;
  reference: string;
  sameBirthDate: boolean;
}

/**
 * Duplicates found without decrypting every case: each identity has two keyed hashes (HMAC-SHA-256 under the keys
 * directory's match secret) — of its normalised name, and of that name with the birth date. Cases with the same
 * name key are the candidates; only their birth dates are decrypted, to tell a close date (a typo) from another
 * child of the same name.
 */
export class IdentityMatch {
  private readonly vault: CaseVault;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly keys: StoreKeys,
  ) {
    this.vault = new CaseVault(keys);
  }

  /** The keys of an identity's values, when they hold a name and a birth date (and the secret is readable). */
  keysOf(values: Readonly<Record<string, string | undefined>>): { nameKey: string; birthKey: string } | undefined {
    const { childFirstName, childLastName, birthDate } = values;
    const secret = this.keys.wrapping.matchSecret();
    if (!childFirstName || !childLastName || !birthDate || !secret) return undefined;
    const name = normalisedName(childFirstName, childLastName);
    const mac = (text: string) => createHmac('sha256', secret).update(text).digest('hex').slice(0, 32);
    return { nameKey: mac(`name:${name}`), birthKey: mac(`birth:${name}:${birthDate}`) };
  }

  /** Records (or replaces) a case's keys, in the transaction that writes its identity. */
  async save(db: Db, referralId: string, values: Readonly<Record<string, string | undefined>>): Promise<void> {
    const keys = this.keysOf(values);
    if (!keys) return;
    await db.$executeRaw`
      INSERT INTO identity_keys (referral_id, name_key, birth_key) VALUES (${referralId}::uuid, ${keys.nameKey}, ${keys.birthKey})
      ON CONFLICT (referral_id) DO UPDATE SET name_key = EXCLUDED.name_key, birth_key = EXCLUDED.birth_key`;
  }

  /**
   * Open or recently closed cases (not erased, not merged, not kept apart from this one) with the same name and the
   * same or a close birth date, oldest first.
   */
  async likelyDuplicates(referralId: string, now: Date): Promise<LikelyDuplicate[]> {
    const since = subMonths(now, RECENT_CLOSURE_MONTHS);
    const rows = await this.prisma.$queryRaw<{ id: string; reference: string; same: boolean }[]>`
      SELECT r.id::text AS id, r.reference, (k.birth_key = mine.birth_key) AS same
        FROM identity_keys mine
        JOIN identity_keys k ON k.name_key = mine.name_key AND k.referral_id <> mine.referral_id
        JOIN referrals r ON r.id = k.referral_id
       WHERE mine.referral_id = ${referralId}::uuid
         AND r.erased_at IS NULL AND r.merged_into IS NULL
         AND (r.status <> 'closed' OR r.closed_at >= ${since})
         AND NOT EXISTS (SELECT 1 FROM case_links l WHERE l.kind IN ('distinct', 'sibling')
                           AND ((l.a_id = mine.referral_id AND l.b_id = r.id) OR (l.a_id = r.id AND l.b_id = mine.referral_id)))
       ORDER BY r.referred_at, r.sequence
       LIMIT 10`;
    if (rows.length === 0) return [];
    const mine = (await this.vault.readEach(this.prisma, referralId)).values.birthDate;
    const found: LikelyDuplicate[] = [];
    for (const row of rows) {
      if (row.same) {
        found.push({ id: row.id, reference: row.reference, sameBirthDate: true });
        continue;
      }
      const theirs = (await this.vault.readEach(this.prisma, row.id)).values.birthDate;
      if (mine && theirs && closeBirthDates(mine, theirs))
        found.push({ id: row.id, reference: row.reference, sameBirthDate: false });
    }
    return found;
  }
}
