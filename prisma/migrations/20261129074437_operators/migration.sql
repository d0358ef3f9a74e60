-- AlterTable
ALTER TABLE "orientations" ADD COLUMN     "operator_key" TEXT;

-- CreateTable
CREATE TABLE "operators" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channel_id" TEXT,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "operators_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "operator_referents" (
    "id" BIGSERIAL NOT NULL,
    "operator_key" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "added_by" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL,
    "removed_by" TEXT,
    "removed_at" TIMESTAMPTZ(3),

    CONSTRAINT "operator_referents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "liaison_sheets" (
    "orientation_id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "operator_key" TEXT NOT NULL,
    "channel" TEXT,
    "ts" TEXT,
    "posted_at" TIMESTAMPTZ(3),
    "reminded_at" TIMESTAMPTZ(3),
    "referent_told_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "liaison_sheets_pkey" PRIMARY KEY ("orientation_id")
);

-- CreateIndex
CREATE INDEX "operator_referents_user_id_removed_at_idx" ON "operator_referents"("user_id", "removed_at");

-- CreateIndex
CREATE INDEX "operator_referents_operator_key_removed_at_idx" ON "operator_referents"("operator_key", "removed_at");

-- CreateIndex
CREATE INDEX "liaison_sheets_referral_id_idx" ON "liaison_sheets"("referral_id");

-- CreateIndex
CREATE INDEX "liaison_sheets_posted_at_idx" ON "liaison_sheets"("posted_at");

-- AddForeignKey
ALTER TABLE "operator_referents" ADD CONSTRAINT "operator_referents_operator_key_fkey" FOREIGN KEY ("operator_key") REFERENCES "operators"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "liaison_sheets" ADD CONSTRAINT "liaison_sheets_orientation_id_fkey" FOREIGN KEY ("orientation_id") REFERENCES "orientations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

