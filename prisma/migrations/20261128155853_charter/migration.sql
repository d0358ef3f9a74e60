-- AlterTable
ALTER TABLE "referrals" ADD COLUMN     "erased_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "member_events" (
    "id" BIGSERIAL NOT NULL,
    "slack_user_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "change" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "institution" TEXT,

    CONSTRAINT "member_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_operations" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "referral_id" UUID,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "data_operations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "member_events_slack_user_id_at_idx" ON "member_events"("slack_user_id", "at");

-- CreateIndex
CREATE INDEX "data_operations_kind_at_idx" ON "data_operations"("kind", "at");

