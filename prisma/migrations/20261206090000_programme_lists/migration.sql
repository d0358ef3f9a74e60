-- A programme's lists from Slack (schools, neighbourhoods, institutions, difficulties, objectives, prestations), keyed by
-- workspace, with the history of every entry changed; the catalogue actions' age range, places, waiting list and funder.
-- AlterTable
ALTER TABLE "catalogue_actions" ADD COLUMN     "age_max" INTEGER,
ADD COLUMN     "age_min" INTEGER,
ADD COLUMN     "funder" TEXT,
ADD COLUMN     "places" INTEGER,
ADD COLUMN     "waiting_list" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "programme_lists" (
    "team_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "entries" JSONB NOT NULL,
    "version" INTEGER NOT NULL,
    "changed_by" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "programme_lists_pkey" PRIMARY KEY ("team_id","key")
);

-- CreateTable
CREATE TABLE "list_changes" (
    "id" BIGSERIAL NOT NULL,
    "team_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "list_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "list_changes_team_id_at_idx" ON "list_changes"("team_id", "at");


-- The catalogue's actions and its operators are keyed by workspace too: written with it from now on; the rows from
-- before are the installed workspace's, claimed at the first start that knows it (store/installation.ts).
ALTER TABLE "catalogue_actions" ADD COLUMN "team_id" TEXT;
ALTER TABLE "operators" ADD COLUMN "team_id" TEXT;
