-- AlterTable
ALTER TABLE "referrals" ADD COLUMN     "elimination_batch_id" BIGINT,
ADD COLUMN     "inactivity_proposed_at" TIMESTAMPTZ(3),
ALTER COLUMN "referrer_user_id" DROP NOT NULL,
ALTER COLUMN "referrer_role" DROP NOT NULL,
ALTER COLUMN "sex" DROP NOT NULL,
ALTER COLUMN "school_id" DROP NOT NULL,
ALTER COLUMN "class_level" DROP NOT NULL;

-- CreateTable
CREATE TABLE "case_keys" (
    "referral_id" UUID NOT NULL,
    "kek_id" TEXT NOT NULL,
    "iv" TEXT NOT NULL,
    "wrapped" TEXT NOT NULL,
    "auth_tag" TEXT NOT NULL,
    "versions" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rewrapped_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_keys_pkey" PRIMARY KEY ("referral_id")
);

-- CreateTable
CREATE TABLE "elimination_batches" (
    "id" BIGSERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "drafted_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'drafted',
    "visa_received_on" TEXT,
    "visa_reference" TEXT,
    "visa_recorded_by" TEXT,
    "visa_recorded_at" TIMESTAMPTZ(3),
    "erased_at" TIMESTAMPTZ(3),
    "content" JSONB NOT NULL,

    CONSTRAINT "elimination_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statistics_tallies" (
    "school_year" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "statistics_tallies_pkey" PRIMARY KEY ("school_year","measure","value")
);

-- CreateIndex
CREATE INDEX "case_keys_kek_id_idx" ON "case_keys"("kek_id");

-- CreateIndex
CREATE UNIQUE INDEX "elimination_batches_number_key" ON "elimination_batches"("number");

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_elimination_batch_id_fkey" FOREIGN KEY ("elimination_batch_id") REFERENCES "elimination_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_keys" ADD CONSTRAINT "case_keys_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

