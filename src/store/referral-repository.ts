import { randomUUID } from 'node:crypto';
import type { Axis } from '../domain/axes.js';
import type { CaseStatus } from '../domain/case-status.js';
import { type CaseFileFacts, type CaseSummary, ReferralWeek, toCaseSummary } from '../domain/case-summary.js';
import type { SchoolStage } from '../domain/lists.js';
import { agreementToComplete, availableCommands, type CaseState, initialCaseState } from '../domain/pathway.js';
import {
  type AgeBand,
  asIdentity,
  type CaseFileNotes,
  type ClassLevel,
  type FamilyAgreement,
  fileNotesOf,
  IDENTITY_FIELDS,
  type IntakeForm,
  type ReferralIdentity,
  type Service,
} from '../domain/referral.js';
import { CaseVault } from './case-vault.js';
import { queryRows } from './direct-sql.js';
import { CASE_KEY_ID } from './field-cipher.js';
import { Prisma, type PrismaClient } from './generated/client.js';
import { IdentityMatch } from './identity-match.js';
import { enqueued, type OutboxEntry, outboxInsert } from './outbox.js';
import { isWrappingKeyId, type StoreKeys } from './wrapping-keys.js';

type ReferralRow = Prisma.ReferralGetPayload<object>;

export interface NewReferral {
  sourceViewId: string;
  referrerUserId: string;
  referredAt: Date;
  year: number;
  form: IntakeForm;
}

export interface CreatedReferral {
  created: boolean;
  id: string;
  summary: CaseSummary;
}

/** What a summary is made of: the level-2 columns and the pathway snapshot. */
export type SummaryRow = Pick<
  ReferralRow,
  'reference' | 'status' | 'version' | 'referredAt' | 'ageBand' | 'schoolStage' | 'axes' | 'preReferral' | 'pathway'
> & { assigneeUserId: string | null; cardPermalink?: string | null };

/** The pathway snapshot of a row; rows written before the pathway existed start from the initial state. */
export function pathwayOf(row: Pick<ReferralRow, 'pathway' | 'status' | 'version'>): CaseState {
  const stored = row.pathway as Partial<CaseState> | null;
  if (stored && typeof stored === 'object' && 'status' in stored) return stored as CaseState;
  return { ...initialCaseState(), status: row.status as CaseStatus, version: row.version };
}

export function summaryOf(row: SummaryRow): CaseSummary {
  const state = pathwayOf(row);
  return toCaseSummary({
    reference: row.reference,
    status: row.status as CaseStatus,
    version: row.version,
    referredWeek: new ReferralWeek(row.referredAt),
    ageBand: row.ageBand as AgeBand,
    schoolStage: row.schoolStage as SchoolStage,
    axes: row.axes as Axis[],
    preReferral: row.preReferral,
    assigneeUserId: row.assigneeUserId ?? undefined,
    consent: state.consent,
    agreementToComplete: state.consent === 'given' && agreementToComplete(state.agreement),
    orientations: state.orientations,
    // Buttons are drawn for the people who work on cases; each click is checked again for the one who clicks.
    offered: availableCommands(state, { userId: '', roles: ['team', 'coordinator'] }),
    ...(row.cardPermalink ? { cardLink: row.cardPermalink } : {}),
  });
}

/** A case's identity among its decrypted values, the second legal representative included. */
function identityOf(values: Readonly<Record<string, string | undefined>>): ReferralIdentity {
  return asIdentity({
    childFirstName: values.childFirstName ?? '',
    childLastName: values.childLastName ?? '',
    birthDate: values.birthDate ?? '',
    guardianName: values.guardianName ?? '',
    guardianPhone: values.guardianPhone,
    guardian2Name: values.guardian2Name,
    guardian2Phone: values.guardian2Phone,
    languages: values.languages,
    situation: values.situation ?? '',
    schoolOther: values.schoolOther,
  });
}

/** The facts kept out of every channel, for the logged file modal only. */
function fileFactsOf(row: ReferralRow): CaseFileFacts {
  return {
    referredAt: row.referredAt,
    schoolId: row.schoolId ?? '',
    classLevel: row.classLevel as ClassLevel,
    neighbourhood: row.neighbourhood,
    services: row.services as Service[],
    familyAgreement: row.familyAgreement as FamilyAgreement,
    referrerInstitution: row.referrerInstitution,
  };
}

export class ReferralRepository {
  private readonly match: IdentityMatch;
  private readonly vault: CaseVault;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly keys: StoreKeys,
  ) {
    this.vault = new CaseVault(keys);
    this.match = new IdentityMatch(prisma, keys);
  }

  /**
   * Creates the case, its encrypted level-1 values, its first event and its outbox messages in one transaction.
   * The same Slack view submitted twice yields the first case, untouched: the second insert breaks the unique view
   * id and rolls back (giving its reference number back). Not reading first saves a round trip on every submission
   * for a case (a Slack retry) that is rare.
   */
  async create(input: NewReferral, messages: (id: string, summary: CaseSummary) => OutboxEntry[]) {
    // The identity's match keys (duplicates), computed before the statement: the first intake creates the match
    // secret, a file written and synced, which no queued intake should wait behind.
    const match = input.form.kind === 'referral' ? this.match.keysOf(identityValues(input.form.identity)) : undefined;
    const id = randomUUID();
    const { form } = input;
    const { facts } = form;
    // With the family's agreement, the agreement the referrer received is in force from the first event on.
    const agreement = form.kind === 'referral' ? form.agreement : undefined;
    const state = initialCaseState({ preReferral: form.kind === 'pre_referral', agreement });
    const sealed = this.vault.sealNew(
      id,
      form.kind === 'referral'
        ? identityValues(form.identity)
        : { situation: form.notes.situation, schoolOther: form.notes.schoolOther },
    );
    const pathway = JSON.stringify(state);
    const details = JSON.stringify({ axes: facts.axes, ageBand: facts.ageBand, ...(agreement ? { agreement } : {}) });
    const summaryWith = (reference: string) =>
      summaryOf({
        reference,
        status: 'referred',
        version: 1,
        referredAt: input.referredAt,
        ageBand: facts.ageBand,
        schoolStage: facts.schoolStage,
        axes: facts.axes,
        preReferral: form.kind === 'pre_referral',
        assigneeUserId: null,
        pathway: state as unknown as Prisma.JsonValue,
      });
    // The messages quote the reference, which the statement takes: drawn with a stand-in that it replaces.
    const placeholder = `REF${id.replaceAll('-', '')}`;
    const queued = messages(id, summaryWith(placeholder));
    try {
      // One statement, so one round trip (what an intake waits on; it was five with the transaction's): it takes
      // the year's next number and writes the case with its reference, its first event, its key, its level-1 values,
      // its match keys and its messages; it is atomic as any statement is. A failure (the same view submitted
      // twice breaks the unique view id) writes nothing and gives the number back, so references have neither
      // gaps nor duplicates. The SQL spells referenceOf(), the rule (tests/store/store.test.ts holds them together).
      const [numbered] = await queryRows<{ reference: string }>(
        this.prisma,
        Prisma.sql`
          WITH counter AS (
            INSERT INTO reference_counters (year, last) VALUES (${input.year}, 1)
            ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + 1
            RETURNING last),
          r AS (
            INSERT INTO referrals (id, reference, year, sequence, status, source_view_id, pathway, pre_referral,
              referred_at, referrer_user_id, referrer_institution, referrer_role, age_band, sex, school_id,
              school_stage, class_level, neighbourhood, axes, difficulties, services, family_informed,
              interpreter_needed, consent_status, updated_at)
            SELECT ${id}::uuid,
                   'PRE-' || ${input.year}::text || '-'
                     || CASE WHEN counter.last < 1000 THEN lpad(counter.last::text, 4, '0') ELSE counter.last::text END,
                   ${input.year}, counter.last, ${'referred' satisfies CaseStatus},
              ${input.sourceViewId}, ${pathway}::jsonb, ${form.kind === 'pre_referral'}, ${input.referredAt},
              ${input.referrerUserId}, ${facts.referrerInstitution}, ${facts.referrerRole}, ${facts.ageBand},
              ${facts.sex}, ${facts.schoolId}, ${facts.schoolStage}, ${facts.classLevel}, ${facts.neighbourhood},
              ${facts.axes}::text[], ${facts.difficulties}::text[], ${facts.services}::text[],
              ${facts.familyAgreement}, ${facts.interpreterNeeded}, ${state.consent}, now()
              FROM counter
            RETURNING id, reference),
          e AS (
            INSERT INTO case_events (referral_id, version, type, actor_id, at, to_status, details)
            SELECT r.id, 1, 'referred', ${input.referrerUserId}, ${input.referredAt}, 'referred', ${details}::jsonb
              FROM r),
          k AS (
            INSERT INTO case_keys (referral_id, kek_id, iv, wrapped, auth_tag, versions)
            SELECT r.id, ${sealed.key.kekId}, ${sealed.key.iv}, ${sealed.key.wrapped}, ${sealed.key.authTag},
                   ${sealed.versions}::jsonb
              FROM r),
          v AS (
            INSERT INTO sensitive_values (referral_id, field, key_id, iv, ciphertext, auth_tag)
            SELECT r.id, v.field, ${CASE_KEY_ID}, v.iv, v.ciphertext, v.auth_tag
              FROM r, unnest(${sealed.fields}::text[], ${sealed.ivs}::text[], ${sealed.ciphertexts}::text[],
                             ${sealed.tags}::text[]) AS v(field, iv, ciphertext, auth_tag)),
          m AS (
            INSERT INTO identity_keys (referral_id, name_key, birth_key)
            SELECT r.id, m.name_key, m.birth_key
              FROM r, unnest(${match ? [match.nameKey] : []}::text[], ${match ? [match.birthKey] : []}::text[])
                      AS m(name_key, birth_key)),
          o AS (${queued.length > 0 ? outboxInsert(queued, { substitute: { placeholder, value: Prisma.sql`(SELECT reference FROM r)` } }) : Prisma.sql`SELECT 1`})
          SELECT reference FROM r`,
      );
      if (!numbered) throw new Error('the intake statement wrote no case');
      enqueued(queued);
      return { created: true, id, summary: summaryWith(numbered.reference) };
    } catch (error) {
      // The same view again (a retry, or two submissions racing): the first one's case is the answer. Rather than
      // reading the error's code, the case itself is looked for; any other failure finds none and is rethrown.
      const winner = await this.findByViewId(input.sourceViewId).catch(() => undefined);
      if (winner) return winner;
      throw error;
    }
  }

  /**
   * What the next form will prefill for this referrer (their institution and job title). Not part of the intake's
   * transaction: it is written after Slack has its answer.
   */
  async rememberReferrer(userId: string, institution: string, jobTitle: string): Promise<void> {
    await this.prisma.member.upsert({
      where: { slackUserId: userId },
      create: { slackUserId: userId, roles: [], institution, jobTitle },
      update: { institution, jobTitle },
    });
  }

  async findByViewId(sourceViewId: string): Promise<CreatedReferral | undefined> {
    const row = await this.prisma.referral.findUnique({ where: { sourceViewId } });
    return row ? { created: false, id: row.id, summary: summaryOf(row) } : undefined;
  }

  async findByReference(reference: string): Promise<
    | {
        id: string;
        summary: CaseSummary;
        state: CaseState;
        facts: CaseFileFacts;
        erased: boolean;
        closedAt: Date | null;
        listedForElimination: boolean;
      }
    | undefined
  > {
    const row = await this.prisma.referral.findUnique({ where: { reference } });
    if (!row) return undefined;
    return {
      id: row.id,
      summary: summaryOf(row),
      state: pathwayOf(row),
      facts: fileFactsOf(row),
      erased: row.erasedAt !== null,
      // The intermediate archive is decided with the clock and the delay (domain/policy.ts inIntermediateArchive).
      closedAt: row.closedAt,
      listedForElimination: row.eliminationBatchId !== null,
    };
  }

  /** Decrypts a case's level-1 values. Callers record the access (see access-log). */
  async readIdentity(id: string): Promise<ReferralIdentity> {
    return (await this.readFile(id)).identity;
  }

  /** Decrypts everything level 1 of a case: the identity and the notes written along the pathway. */
  async readFile(id: string): Promise<{ identity: ReferralIdentity; notes: CaseFileNotes }> {
    const values = await this.vault.read(this.prisma, id);
    return { identity: identityOf(values), notes: fileNotesOf(values) };
  }

  /**
   * Key-ring key ids that stored values, case keys or wrapping key files were sealed with and the configured ring
   * does not hold.
   */
  async unknownKeyIds(): Promise<string[]> {
    const [values, caseKeys] = await Promise.all([
      this.prisma.sensitiveValue.groupBy({ by: ['keyId'], where: { keyId: { not: CASE_KEY_ID } } }),
      this.prisma.caseKey.groupBy({ by: ['kekId'] }),
    ]);
    const ids = new Set([
      ...values.map((r) => r.keyId),
      ...caseKeys.map((r) => r.kekId).filter((id) => !isWrappingKeyId(id)),
      ...this.keys.wrapping.missingRingKeys(),
    ]);
    return [...ids].filter((id) => !this.keys.ring.has(id)).sort();
  }

  /** Wrapping keys that living case keys are wrapped by and whose file is not in the keys directory. */
  async missingWrappingKeys(): Promise<string[]> {
    const caseKeys = await this.prisma.caseKey.groupBy({ by: ['kekId'] });
    return caseKeys
      .map((r) => r.kekId)
      .filter((id) => isWrappingKeyId(id) && !this.keys.wrapping.find(id))
      .sort();
  }
}

function identityValues(identity: ReferralIdentity): Record<string, string | undefined> {
  return Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, identity[field]]));
}
