-- CreateTable
CREATE TABLE "eps_meetings" (
    "id" BIGSERIAL NOT NULL,
    "held_on" TEXT NOT NULL,
    "institutions" TEXT[],
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "agenda" JSONB NOT NULL,

    CONSTRAINT "eps_meetings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "eps_meetings_held_on_idx" ON "eps_meetings"("held_on");

