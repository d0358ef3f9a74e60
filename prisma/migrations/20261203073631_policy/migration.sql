-- AlterTable
ALTER TABLE "eps_meetings" ADD COLUMN     "attendees" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "absences" (
    "id" BIGSERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "deputy_user_id" TEXT NOT NULL,
    "until" TEXT NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_by" TEXT,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "absences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "taken_requests" (
    "signature" TEXT NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "taken_requests_pkey" PRIMARY KEY ("signature")
);

-- CreateIndex
CREATE INDEX "absences_user_id_idx" ON "absences"("user_id");

-- CreateIndex
CREATE INDEX "absences_deputy_user_id_idx" ON "absences"("deputy_user_id");

-- CreateIndex
CREATE INDEX "taken_requests_taken_at_idx" ON "taken_requests"("taken_at");

