-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "referrals" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "source_view_id" TEXT NOT NULL,
    "referred_at" TIMESTAMPTZ(3) NOT NULL,
    "referrer_user_id" TEXT NOT NULL,
    "referrer_institution" TEXT NOT NULL,
    "referrer_role" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "school_id" TEXT NOT NULL,
    "school_stage" TEXT NOT NULL,
    "class_level" TEXT NOT NULL,
    "neighbourhood" TEXT NOT NULL,
    "axes" TEXT[],
    "difficulties" TEXT[],
    "services" TEXT[],
    "family_informed" TEXT NOT NULL,
    "interpreter_needed" BOOLEAN NOT NULL,
    "assignee_user_id" TEXT,
    "card_channel" TEXT,
    "card_ts" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "referrals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reference_counters" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "reference_counters_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "sensitive_values" (
    "referral_id" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "iv" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "auth_tag" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sensitive_values_pkey" PRIMARY KEY ("referral_id","field")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" BIGSERIAL NOT NULL,
    "referral_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_logs" (
    "id" BIGSERIAL NOT NULL,
    "referral_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "granted" BOOLEAN NOT NULL,

    CONSTRAINT "access_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "members" (
    "slack_user_id" TEXT NOT NULL,
    "roles" TEXT[],
    "institution" TEXT,
    "job_title" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "members_pkey" PRIMARY KEY ("slack_user_id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "effect" JSONB,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "last_error" TEXT,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "referrals_reference_key" ON "referrals"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "referrals_source_view_id_key" ON "referrals"("source_view_id");

-- CreateIndex
CREATE INDEX "referrals_referred_at_idx" ON "referrals"("referred_at");

-- CreateIndex
CREATE INDEX "referrals_status_idx" ON "referrals"("status");

-- CreateIndex
CREATE INDEX "referrals_referrer_user_id_idx" ON "referrals"("referrer_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "referrals_year_sequence_key" ON "referrals"("year", "sequence");

-- CreateIndex
CREATE INDEX "sensitive_values_key_id_idx" ON "sensitive_values"("key_id");

-- CreateIndex
CREATE INDEX "case_events_type_at_idx" ON "case_events"("type", "at");

-- CreateIndex
CREATE UNIQUE INDEX "case_events_referral_id_version_key" ON "case_events"("referral_id", "version");

-- CreateIndex
CREATE INDEX "access_logs_referral_id_at_idx" ON "access_logs"("referral_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_dedupe_key_key" ON "outbox_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_messages_status_next_attempt_at_idx" ON "outbox_messages"("status", "next_attempt_at");

-- AddForeignKey
ALTER TABLE "sensitive_values" ADD CONSTRAINT "sensitive_values_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_logs" ADD CONSTRAINT "access_logs_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

