-- CreateTable
CREATE TABLE "digest_runs" (
    "id" BIGSERIAL NOT NULL,
    "audience" TEXT NOT NULL,
    "iso_week" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "requested_by" TEXT,
    "content" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "digest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "digest_runs_audience_iso_week_sequence_key" ON "digest_runs"("audience", "iso_week", "sequence");

-- CreateIndex
CREATE INDEX "case_events_to_status_at_idx" ON "case_events"("to_status", "at");

