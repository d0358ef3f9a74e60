-- AlterTable
ALTER TABLE "referrals" ADD COLUMN     "pre_referral" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "case_members" (
    "id" BIGSERIAL NOT NULL,
    "referral_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "added_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL,
    "removed_by" TEXT,
    "removed_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_members_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_members_referral_id_user_id_idx" ON "case_members"("referral_id", "user_id");

-- AddForeignKey
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Data: the intake's "family informed?" (yes / no / unknown) becomes its first question, the family's agreement.
-- Referrals made before it hold an identity, given by a referrer who had no agreement to record: informed → informed
-- (not yet agreed), otherwise not informed. Their consent status is unchanged.
UPDATE "referrals" SET "family_informed" = CASE "family_informed" WHEN 'yes' THEN 'informed' ELSE 'not_informed' END
 WHERE "family_informed" IN ('yes', 'no', 'unknown');
