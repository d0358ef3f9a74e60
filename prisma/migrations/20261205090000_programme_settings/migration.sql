-- A programme's settings from Slack (issue: a programme set up and run from Slack), keyed by workspace; and the
-- history of every change.
CREATE TABLE "programme_settings" (
    "team_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "changed_by" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "programme_settings_pkey" PRIMARY KEY ("team_id","key")
);

CREATE TABLE "setting_changes" (
    "id" BIGSERIAL NOT NULL,
    "team_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "setting_changes_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "setting_changes_team_id_at_idx" ON "setting_changes"("team_id", "at");
