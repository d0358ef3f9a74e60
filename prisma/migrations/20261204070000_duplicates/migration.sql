-- Duplicates (issue 27): the same child oriented twice is found without decrypting every case. Each identity has
-- keyed hashes (HMAC under a secret of the keys directory) of its normalised name, and of the name with the birth
-- date; they go with the identity when a case is erased. A referral merged into an existing case keeps its row and
-- its history, and counts nowhere: the statistics read the counted_* views. Two cases found alike and kept apart,
-- and siblings, are linked.
CREATE TABLE "identity_keys" (
    "referral_id" UUID NOT NULL,
    "name_key" TEXT NOT NULL,
    "birth_key" TEXT NOT NULL,
    CONSTRAINT "identity_keys_pkey" PRIMARY KEY ("referral_id")
);
CREATE INDEX "identity_keys_name_key_idx" ON "identity_keys"("name_key");
ALTER TABLE "identity_keys" ADD CONSTRAINT "identity_keys_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "referrals" ADD COLUMN "merged_into" UUID;

CREATE TABLE "case_links" (
    "id" BIGSERIAL NOT NULL,
    "a_id" UUID NOT NULL,
    "b_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "case_links_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "case_links_a_id_b_id_kind_key" ON "case_links"("a_id", "b_id", "kind");
CREATE INDEX "case_links_b_id_idx" ON "case_links"("b_id");
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_a_id_fkey" FOREIGN KEY ("a_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_b_id_fkey" FOREIGN KEY ("b_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What every figure counts: a child once (a referral merged into another case is that case's), and its events.
CREATE VIEW "counted_referrals" AS SELECT * FROM "referrals" WHERE "merged_into" IS NULL;
CREATE VIEW "counted_case_events" AS
  SELECT e.* FROM "case_events" e JOIN "referrals" r ON r."id" = e."referral_id" WHERE r."merged_into" IS NULL;
